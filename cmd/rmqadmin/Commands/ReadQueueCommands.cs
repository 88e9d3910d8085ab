using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>printMsg (Java: PrintMessageSubCommand): every message of every readable queue, between two store times.</summary>
internal sealed class PrintMsgCommand : Command
{
    public override string Name => "printMsg";

    public override string Description => "Print Message Detail";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("c", "charsetName ", "CharsetName(eg: UTF-8,GBK)"),
        new("s", "subExpression ", "Subscribe Expression(eg: TagA || TagB)"),
        new("b", "beginTimestamp ", "Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"),
        new("e", "endTimestamp ", "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"),
        new("d", "printBody ", "print body"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var charset = QueueReading.Charset(ctx.Args.Value("c") ?? "UTF-8");
        var expression = ctx.Args.Value("s") ?? "*";
        var printBody = !ctx.Args.Has("d") || ctx.Args.Bool("d", true);
        long? begin = ctx.Args.Value("b") is { } b ? ParseTimestamp(b, "b") : null;
        long? end = ctx.Args.Value("e") is { } e ? ParseTimestamp(e, "e") : null;
        var sections = new List<QueueSection>();
        foreach (var queue in await QueueReading.ReadableQueues(ctx, topic).ConfigureAwait(false))
        {
            var min = begin is { } from ? await ctx.Admin.SearchOffset(ctx.Ct, queue, DateTimeOffset.FromUnixTimeMilliseconds(from)).ConfigureAwait(false)
                : await ctx.Admin.MinOffset(ctx.Ct, queue).ConfigureAwait(false);
            var max = end is { } to ? await ctx.Admin.SearchOffset(ctx.Ct, queue, DateTimeOffset.FromUnixTimeMilliseconds(to)).ConfigureAwait(false)
                : await ctx.Admin.MaxOffset(ctx.Ct, queue).ConfigureAwait(false);
            var lines = new List<string>();
            var messages = new List<MessageView>();
            for (var offset = min; offset < max;)
            {
                var pulled = await ctx.Admin.PullMessages(ctx.Ct, queue, offset, 32, expression).ConfigureAwait(false);
                offset = pulled.NextBeginOffset;
                if (pulled.Status == PullStatus.PullFound)
                {
                    foreach (var msg in pulled.GetMessageExts())
                    {
                        lines.Add(MessageText.Line(msg, charset, printBody));
                        messages.Add(MessageText.View(msg, null, null));
                    }
                }
                else if (pulled.Status == PullStatus.PullNoMsgMatched)
                {
                    lines.Add($"{QueueReading.JavaName(queue)} no matched msg. status={QueueReading.JavaName(pulled.Status)}, offset={Str(offset)}");
                }
                else
                {
                    lines.Add($"{QueueReading.JavaName(queue)} print msg finished. status={QueueReading.JavaName(pulled.Status)}, offset={Str(offset)}");
                    break;
                }
            }

            sections.Add(new QueueSection(queue.BrokerName, queue.QueueId, min, max, messages, lines));
        }

        ctx.Emit(new QueueSectionsResult(topic, sections), RmqJson.Default.QueueSectionsResult, static (w, r) =>
        {
            foreach (var s in r.Queues)
            {
                w.Write($"minOffset={Str(s.MinOffset)}, maxOffset={Str(s.MaxOffset)}, {QueueReading.JavaName(new MessageQueue(r.Topic, s.BrokerName, s.QueueId))}\n");
                foreach (var line in s.Lines)
                {
                    w.Write(line + "\n");
                }

                w.Write("--------------------------------------------------------\n");
            }
        });
    }
}

/// <summary>
/// consumeMessage (Java: ConsumeMessageCommand): reads -c messages (128) from the topic's queues in turn, or from one
/// queue (-b, -i) from an offset (-o), between two store times; nothing is committed.
/// </summary>
internal sealed class ConsumeMessageCommand : Command
{
    public override string Name => "consumeMessage";

    public override string Description => "Consume message";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "Topic name", Required: true),
        new("b", "brokerName", "Broker name"),
        new("i", "queueId", "Queue Id"),
        new("o", "offset", "Queue offset"),
        new("g", "consumerGroup", "Consumer group name"),
        new("s", "beginTimestamp ", "Begin timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"),
        new("e", "endTimestamp ", "End timestamp[currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]"),
        new("c", "MessageNumber", "Number of message to be consumed"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var count = ctx.Args.Long("c", 128);
        if (count <= 0)
        {
            throw new UsageException("Please input a positive messageNumber!");
        }

        if (ctx.Args.Has("i") && !ctx.Args.Has("b"))
        {
            throw new UsageException("Please set the brokerName before queueId!");
        }

        if (ctx.Args.Has("o") && !ctx.Args.Has("i"))
        {
            throw new UsageException("Please set queueId before offset!");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var begin = ctx.Args.Value("s") is { } s ? ParseTimestamp(s, "s") : 0;
        var end = ctx.Args.Value("e") is { } e ? ParseTimestamp(e, "e") : 0;
        if (begin > now || end > now)
        {
            throw new UsageException("Please set the beginTimestamp and endTimestamp before now!");
        }

        if (end > 0 && begin > end)
        {
            throw new UsageException("Please make sure that the beginTimestamp is less than or equal to the endTimestamp");
        }

        var lines = new List<string>();
        var messages = new List<MessageView>();
        if (ctx.Args.Value("i") is not null)
        {
            var queue = new MessageQueue(topic, ctx.Args.Required("b"), ctx.Args.Int("i", 0));
            var (min, max) = await Bounds(ctx, queue, begin, end).ConfigureAwait(false);
            var offset = ctx.Args.Long("o", 0);
            if (offset > max)
            {
                lines.Add($"{QueueReading.JavaName(queue)} no matched msg, offset={Str(offset)}");
            }
            else
            {
                min = Math.Max(min, offset);
                if (max - min > count)
                {
                    lines.Add($"The oldler {Str(count)} message will be provided");
                    max = min + count - 1;
                }

                await Read(ctx, queue, min, max, lines, messages).ConfigureAwait(false);
            }
        }
        else
        {
            var left = count;
            foreach (var queue in await QueueReading.ReadableQueues(ctx, topic).ConfigureAwait(false))
            {
                if (left == 0)
                {
                    break;
                }

                var (min, max) = await Bounds(ctx, queue, begin, end).ConfigureAwait(false);
                if (max - min > left)
                {
                    lines.Add($"The older {Str(left)} message of the {Str(queue.QueueId)} queue will be provided");
                    max = min + left - 1;
                    left = 0;
                }
                else
                {
                    // Java subtracts one more than the queue holds and goes negative on the next queue.
                    left -= max - min;
                }

                await Read(ctx, queue, min, max, lines, messages).ConfigureAwait(false);
            }
        }

        ctx.Emit(new ConsumedResult(topic, messages, lines), RmqJson.Default.ConsumedResult, static (w, r) =>
        {
            foreach (var line in r.Lines)
            {
                w.Write(line + "\n");
            }
        });
    }

    private static async Task<(long Min, long Max)> Bounds(CommandContext ctx, MessageQueue queue, long begin, long end)
    {
        var min = begin > 0 ? await ctx.Admin.SearchOffset(ctx.Ct, queue, DateTimeOffset.FromUnixTimeMilliseconds(begin)).ConfigureAwait(false)
            : await ctx.Admin.MinOffset(ctx.Ct, queue).ConfigureAwait(false);
        var max = end > 0 ? await ctx.Admin.SearchOffset(ctx.Ct, queue, DateTimeOffset.FromUnixTimeMilliseconds(end)).ConfigureAwait(false)
            : await ctx.Admin.MaxOffset(ctx.Ct, queue).ConfigureAwait(false);
        return (min, max);
    }

    /// <summary>Java's pullMessageByQueue: offsets min..max inclusive, "Consume ok" before each batch found.</summary>
    private static async Task Read(CommandContext ctx, MessageQueue queue, long min, long max, List<string> lines, List<MessageView> messages)
    {
        for (var offset = min; offset <= max;)
        {
            var pulled = await ctx.Admin.PullMessages(ctx.Ct, queue, offset, (int)Math.Min(int.MaxValue, max - offset + 1)).ConfigureAwait(false);
            offset = pulled.NextBeginOffset;
            switch (pulled.Status)
            {
                case PullStatus.PullFound:
                    lines.Add("Consume ok");
                    foreach (var msg in pulled.GetMessageExts())
                    {
                        lines.Add(MessageText.Line(msg, Encoding.UTF8, printBody: true));
                        messages.Add(MessageText.View(msg, null, null));
                    }

                    break;
                case PullStatus.PullNoMsgMatched:
                    lines.Add($"{QueueReading.JavaName(queue)} no matched msg. status={QueueReading.JavaName(pulled.Status)}, offset={Str(offset)}");
                    break;
                default:
                    lines.Add($"{QueueReading.JavaName(queue)} print msg finished. status={QueueReading.JavaName(pulled.Status)}, offset={Str(offset)}");
                    return;
            }
        }
    }
}

/// <summary>queryCq (Java: QueryConsumeQueueCommand): consume-queue entries of one queue as the broker stores them.</summary>
internal sealed class QueryCqCommand : Command
{
    private const string Rule = "======================================";

    public override string Name => "queryCq";

    public override string Description => "Query cq command.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("q", "queue", "queue num, ie. 1", Required: true),
        new("i", "index", "start queue index.", Required: true),
        new("c", "count", "how many."),
        new("b", "broker", "broker addr."),
        new("g", "consumer", "consumer group."),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var (queueId, index, count) = (ctx.Args.Int("q", 0), ctx.Args.Long("i", 0), ctx.Args.Int("c", 10));
        var broker = ctx.Args.Value("b");
        if (string.IsNullOrEmpty(broker))
        {
            var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
            broker = route.Brokers.FirstOrDefault()?.MasterAddr ?? throw new InvalidOperationException($"topic {topic} has no master broker in its route");
        }

        var view = await ctx.Admin.QueryConsumeQueue(ctx.Ct, broker, topic, queueId, index, count, ctx.Args.Value("g")).ConfigureAwait(false);
        ctx.Emit(new QueryCqResult(broker, index, view), RmqJson.Default.QueryCqResult, static (w, r) =>
        {
            var v = r.Queue;
            if (v.SubscriptionData is { } sub)
            {
                w.Write($"Subscription data: \n{PrettySubscription(sub)}\n{Rule}\n");
            }

            if (v.FilterData is { } filter)
            {
                w.Write($"Filter data: \n{filter}\n{Rule}\n");
            }

            w.Write($"Queue data: \nmax: {Str(v.MaxQueueIndex)}, min: {Str(v.MinQueueIndex)}\n{Rule}\n");
            var i = r.Index;
            foreach (var entry in v.Entries)
            {
                w.Write($"idx: {Str(i++)}\n{entry}\n{Rule}\n");
            }
        });
    }

    /// <summary>fastjson's pretty SubscriptionData: tabs, fields sorted.</summary>
    private static string PrettySubscription(ConsumeQueueSubscription s)
        => "{\n\t\"classFilterMode\":" + Str(s.ClassFilterMode) + ",\n\t\"codeSet\":" + PrettyArray(s.CodeSet.Select(c => Str(c)))
            + ",\n\t\"expressionType\":" + Quote(s.ExpressionType) + ",\n\t\"subString\":" + Quote(s.SubString) + ",\n\t\"subVersion\":" + Str(s.SubVersion)
            + ",\n\t\"tagsSet\":" + PrettyArray(s.TagsSet.Select(Quote)) + ",\n\t\"topic\":" + Quote(s.Topic) + "\n}";

    private static string PrettyArray(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? "[]" : "[\n\t\t" + string.Join(",\n\t\t", list) + "\n\t]";
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, RmqJson.Default.String);
}

/// <summary>What the queue-reading commands share: the readable queues of a topic and Java's names of things.</summary>
internal static class QueueReading
{
    /// <summary>Java's fetchSubscribeMessageQueues: readQueueNums queues of each broker whose queues are readable, sorted.</summary>
    public static async Task<List<MessageQueue>> ReadableQueues(CommandContext ctx, string topic)
    {
        var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
        return route.Queues.Where(q => (q.Perm & 4) == 4).OrderBy(q => q.BrokerName, StringComparer.Ordinal)
            .SelectMany(q => Enumerable.Range(0, q.ReadQueueNums).Select(id => new MessageQueue(topic, q.BrokerName, id))).ToList();
    }

    /// <summary>Java's MessageQueue.toString.</summary>
    public static string JavaName(MessageQueue q) => $"MessageQueue [topic={q.Topic}, brokerName={q.BrokerName}, queueId={Str(q.QueueId)}]";

    /// <summary>Java's PullStatus names.</summary>
    public static string JavaName(PullStatus status) => status switch
    {
        PullStatus.PullFound => "FOUND",
        PullStatus.PullNoNewMsg => "NO_NEW_MSG",
        PullStatus.PullNoMsgMatched => "NO_MATCHED_MSG",
        PullStatus.PullOffsetIllegal => "OFFSET_ILLEGAL",
        _ => status.ToString(),
    };

    /// <summary>The charset named by -c: UTF-8 and the other built-in ones, else a Windows/ISO code page (GBK, GB2312, ...).</summary>
    public static Encoding Charset(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            try
            {
                return Encoding.GetEncoding(name);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"unknown charset '{name}' ({e.Message})");
            }
        }
    }
}

internal sealed record QueueSectionsResult(string Topic, IReadOnlyList<QueueSection> Queues);

internal sealed record QueueSection(string BrokerName, int QueueId, long MinOffset, long MaxOffset, IReadOnlyList<MessageView> Messages, IReadOnlyList<string> Lines);

internal sealed record ConsumedResult(string Topic, IReadOnlyList<MessageView> Messages, IReadOnlyList<string> Lines);

internal sealed record QueryCqResult(string Broker, long Index, ConsumeQueueView Queue);
