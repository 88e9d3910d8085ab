using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>queryMsgById (Java: QueryMsgByIdSubCommand): each offset message id's detail and tracks.</summary>
internal sealed class QueryMsgByIdCommand : Command
{
    public override string Name => "queryMsgById";

    public override string Description => "Query Message by Id";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("i", "msgId", "Message Id", Required: true),
        new("g", "consumerGroup", "consumer group name"),
        new("d", "clientId", "The consumer's client id"),
        new("s", "sendMessage", "resend message"),
        new("u", "unitName", "unit name"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        if (ctx.Args.Has("g") || ctx.Args.Has("d") || ctx.Args.Has("s"))
        {
            throw new UsageException("pushing a message to a client (-g, -d) and resending it (-s) are not supported by rmqadmin; query the message without them");
        }

        var views = new List<MessageView>();
        foreach (var id in ctx.Args.Required("i").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var msg = await ctx.Admin.ViewMessageById(ctx.Ct, id).ConfigureAwait(false);
            views.Add(await Detail(ctx, msg, 0).ConfigureAwait(false));
        }

        ctx.Emit(new MessagesResult(views), RmqJson.Default.MessagesResult, static (w, r) =>
        {
            foreach (var m in r.Messages)
            {
                MessageText.PrintDetail(w, m, withOffsetId: true);
            }
        });
    }

    /// <summary>The message with its body saved and its tracks, as Java's printMsg gathers them.</summary>
    internal static async Task<MessageView> Detail(CommandContext ctx, MessageExt msg, int index)
    {
        var path = MessageText.SaveBody(msg, index);
        var tracks = await ctx.Admin.MessageTrackDetail(ctx.Ct, msg).ConfigureAwait(false);
        return MessageText.View(msg, path, tracks);
    }
}

/// <summary>queryMsgByKey (Java: QueryMsgByKeySubCommand): the id, queue and offset of every message with the key.</summary>
internal sealed class QueryMsgByKeyCommand : Command
{
    public override string Name => "queryMsgByKey";

    public override string Description => "Query Message by Key";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("k", "msgKey", "Message Key", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var found = await ctx.Admin.QueryMessageByKey(ctx.Ct, ctx.Args.Required("t"), ctx.Args.Required("k"), maxNum: 64).ConfigureAwait(false);
        var rows = found.Messages.Select(m => new KeyHitRow(m.MsgId, m.QueueId, m.QueueOffset)).ToList();
        ctx.Emit(new KeyHitsResult(rows), RmqJson.Default.KeyHitsResult, static (w, r) =>
        {
            w.Write($"{L("#Message ID", 50)} {R("#QID", 4)} {R("#Offset", 40)}\n");
            foreach (var row in r.Messages)
            {
                w.Write($"{L(row.MsgId, 50)} {R(row.QueueId, 4)} {R(row.QueueOffset, 40)}\n");
            }
        });
    }
}

/// <summary>queryMsgByUniqueKey (Java: QueryMsgByUniqueKeySubCommand): the earliest (or with -a every) message with the unique id.</summary>
internal sealed class QueryMsgByUniqueKeyCommand : Command
{
    public override string Name => "queryMsgByUniqueKey";

    public override string Description => "Query Message by Unique key";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("i", "msgId", "Message Id", Required: true),
        new("g", "consumerGroup", "consumer group name"),
        new("d", "clientId", "The consumer's client id"),
        new("t", "topic", "The topic of msg", Required: true),
        OptionSpec.Flag("a", "showAll", "Print all message, the limit is 32"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        if (ctx.Args.Has("g") && ctx.Args.Has("d"))
        {
            throw new UsageException("pushing a message to a client (-g with -d) is not supported by rmqadmin; query the message without them");
        }

        var (id, topic) = (ctx.Args.Required("i"), ctx.Args.Required("t"));
        var found = await ctx.Admin.QueryMessageByUniqueKey(ctx.Ct, topic, id).ConfigureAwait(false);
        var sorted = found.Messages.OrderBy(m => m.StoreTimestamp).ToList();
        var views = new List<MessageView>();
        for (var i = 0; i < (ctx.Args.Has("a") ? sorted.Count : Math.Min(1, sorted.Count)); i++)
        {
            views.Add(await QueryMsgByIdCommand.Detail(ctx, sorted[i], i).ConfigureAwait(false));
        }

        ctx.Emit(new MessagesResult(views), RmqJson.Default.MessagesResult, static (w, r) =>
        {
            foreach (var m in r.Messages)
            {
                MessageText.PrintDetail(w, m, withOffsetId: false);
            }
        });
    }
}

/// <summary>queryMsgByOffset (Java: QueryMsgByOffsetSubCommand): the message at one queue offset.</summary>
internal sealed class QueryMsgByOffsetCommand : Command
{
    public override string Name => "queryMsgByOffset";

    public override string Description => "Query Message by offset";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("b", "brokerName", "Broker Name", Required: true),
        new("i", "queueId", "Queue Id", Required: true),
        new("o", "offset", "Queue Offset", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var queue = new MessageQueue(ctx.Args.Required("t"), ctx.Args.Required("b"), ctx.Args.Int("i", 0));
        var offset = ctx.Args.Long("o", 0);
        var pulled = await ctx.Admin.PullMessages(ctx.Ct, queue, offset, 1).ConfigureAwait(false);
        if (pulled.Status != PullStatus.PullFound || pulled.GetMessageExts().Count == 0)
        {
            throw new MessageNotFoundException($"{queue.BrokerName}:{queue.QueueId}@{offset}",
                $"queue {queue.QueueId} of topic {queue.Topic} on {queue.BrokerName} answered {pulled.Status} (offsets {pulled.MinOffset}..{pulled.MaxOffset})");
        }

        var view = await QueryMsgByIdCommand.Detail(ctx, pulled.GetMessageExts()[0], 0).ConfigureAwait(false);
        ctx.Emit(new MessagesResult([view]), RmqJson.Default.MessagesResult, static (w, r) => MessageText.PrintDetail(w, r.Messages[0], withOffsetId: true));
    }
}

internal sealed record MessagesResult(IReadOnlyList<MessageView> Messages);

internal sealed record KeyHitsResult(IReadOnlyList<KeyHitRow> Messages);

internal sealed record KeyHitRow(string MsgId, int QueueId, long QueueOffset);
