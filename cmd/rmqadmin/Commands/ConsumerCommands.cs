using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>consumerProgress (Java: ConsumerProgressSubCommand): a group's lag per queue, or every group's summary.</summary>
internal sealed class ConsumerProgressCommand : Command
{
    public override string Name => "consumerProgress";

    public override string Description => "Query consumers's progress, speed";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "groupName", "consumer group name"),
        new("s", "showClientIP", "Show Client IP per Queue"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        if (ctx.Args.Value("g") is { } group)
        {
            var progress = await ctx.Admin.ConsumerProgress(ctx.Ct, group).ConfigureAwait(false);
            var rows = progress.Queues.Select(q => new ProgressRow(q.Queue.Topic, q.Queue.BrokerName, q.Queue.QueueId, q.BrokerOffset, q.ConsumerOffset,
                q.BrokerOffset - q.ConsumerOffset, q.LastTimestamp)).ToList();
            ctx.Emit(new GroupProgressResult(group, rows, progress.ConsumeTps, rows.Sum(r => r.Diff)), RmqJson.Default.GroupProgressResult, static (w, r) =>
            {
                w.Write($"{L("#Topic", 64)}  {L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Broker Offset", 20)}  {L("#Consumer Offset", 20)}  {L("#Diff", 20)}  #LastTime\n");
                foreach (var q in r.Queues)
                {
                    var last = q.LastTimestamp == 0 ? "N/A" : Time(q.LastTimestamp);
                    w.Write($"{L(Front(q.Topic, 64), 64)}  {L(Front(q.BrokerName, 32), 32)}  {L(q.QueueId, 4)}  {L(q.BrokerOffset, 20)}  {L(q.ConsumerOffset, 20)}  {L(q.Diff, 20)}  {last}\n");
                }

                w.Write($"\nConsume TPS: {F(r.ConsumeTps, 2)}\nDiff Total: {r.DiffTotal}\n");
            });
            return;
        }

        var groups = new List<GroupSummaryRow>();
        foreach (var topic in (await ctx.Admin.FetchAllTopicList(ctx.Ct).ConfigureAwait(false)).Topics)
        {
            if (!topic.StartsWith("%RETRY%", StringComparison.Ordinal))
            {
                continue;
            }

            var name = topic["%RETRY%".Length..];
            ConsumeProgress? progress = null;
            ConsumerConnectionInfo? connection = null;
            try
            {
                progress = await ctx.Admin.ConsumerProgress(ctx.Ct, name).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }

            try
            {
                connection = await ctx.Admin.ExamineConsumerConnectionInfo(ctx.Ct, name).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }

            var count = connection?.Connections.Count ?? 0;
            var passive = connection?.ConsumeType == "CONSUME_PASSIVELY";
            groups.Add(new GroupSummaryRow(name, count,
                count > 0 ? MinVersion(connection!) : "OFFLINE",
                count > 0 ? passive ? "PUSH" : "PULL" : string.Empty,
                count > 0 && passive ? connection!.MessageModel ?? string.Empty : string.Empty,
                (int)(progress?.ConsumeTps ?? 0),
                progress?.Queues.Sum(q => q.BrokerOffset - q.ConsumerOffset) ?? 0));
        }

        ctx.Emit(new AllProgressResult(groups), RmqJson.Default.AllProgressResult, static (w, r) =>
        {
            w.Write($"{L("#Group", 64)}  {L("#Count", 6)}  {L("#Version", 24)} {L("#Type", 5)}  {L("#Model", 14)}  {L("#TPS", 7)}  #Diff Total\n");
            foreach (var g in r.Groups)
            {
                w.Write($"{L(Front(g.Group, 64), 64)}  {L(g.Count, 6)}  {L(g.Version, 24)} {L(g.Type, 5)}  {L(g.Model, 14)}  {L(g.Tps, 7)}  {g.DiffTotal}\n");
            }
        });
    }

    /// <summary>Java's ConsumerConnection.computeMinVersion, as its name.</summary>
    private static string MinVersion(ConsumerConnectionInfo connection) => connection.Connections.MinBy(c => c.Version)!.VersionDesc;
}

/// <summary>consumerConnection (Java: ConsumerConnectionSubCommand): a group's clients and subscriptions.</summary>
internal sealed class ConsumerConnectionCommand : Command
{
    public override string Name => "consumerConnection";

    public override string Description => "Query consumer's socket connection, client version and subscription";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "consumerGroup", "consumer group name", Required: true),
        new("b", "brokerAddr", "broker address"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var cc = await ctx.Admin.ExamineConsumerConnectionInfo(ctx.Ct, ctx.Args.Required("g")).ConfigureAwait(false);
        var result = new ConsumerConnectionResult(
            cc.Connections.Select(c => new ConnectionRow(c.ClientId, c.ClientAddr, c.Language, c.VersionDesc)).ToList(),
            cc.Subscriptions, cc.ConsumeType, cc.MessageModel, cc.ConsumeFromWhere);
        ctx.Emit(result, RmqJson.Default.ConsumerConnectionResult, static (w, r) =>
        {
            w.Write($"{L("#ClientId", 36)} {L("#ClientAddr", 22)} {L("#Language", 10)} #Version\n");
            foreach (var c in r.Connections)
            {
                w.Write($"{L(c.ClientId, 36)} {L(c.ClientAddr, 22)} {L(c.Language, 10)} {c.Version}\n");
            }

            w.Write($"\nBelow is subscription:\n{L("#Topic", 20)} #SubExpression\n");
            foreach (var (topic, expression) in r.Subscriptions)
            {
                w.Write($"{L(topic, 20)} {expression}\n");
            }

            w.Write($"\nConsumeType: {r.ConsumeType}\nMessageModel: {r.MessageModel}\nConsumeFromWhere: {r.ConsumeFromWhere}\n");
        });
    }
}

/// <summary>producerConnection (Java: ProducerConnectionSubCommand): a producer group's clients on a topic's brokers.</summary>
internal sealed class ProducerConnectionCommand : Command
{
    public override string Name => "producerConnection";

    public override string Description => "Query producer's socket connection and client version";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "producerGroup", "producer group name", Required: true),
        new("t", "topic", "topic name", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var connections = await ctx.Admin.ExamineProducerConnectionInfo(ctx.Ct, ctx.Args.Required("g"), ctx.Args.Required("t")).ConfigureAwait(false);
        var rows = connections.Select(c => new ConnectionRow(c.ClientId, c.ClientAddr, c.Language, c.VersionDesc)).ToList();
        ctx.Emit(new ProducerConnectionResult(rows), RmqJson.Default.ProducerConnectionResult, static (w, r) =>
        {
            var i = 1;
            foreach (var c in r.Connections)
            {
                w.Write($"{i++:0000}  {L(c.ClientId, 32)} {L(c.ClientAddr, 22)} {L(c.Language, 8)} {c.Version}\n");
            }
        });
    }
}

/// <summary>brokerConsumeStats (Java: BrokerConsumeStatsSubCommad): every group's queues on one broker.</summary>
internal sealed class BrokerConsumeStatsCommand : Command
{
    public override string Name => "brokerConsumeStats";

    public override string Description => "Fetch broker consume stats data";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "Broker address", Required: true),
        new("t", "timeoutMillis", "request timeout Millis"),
        new("l", "level", "threshold of print diff"),
        new("o", "order", "order topic"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var stats = await ctx.Admin.FetchConsumeStatsInBroker(ctx.Ct, ctx.Args.Required("b"), ctx.Args.Bool("o", false),
            TimeSpan.FromMilliseconds(ctx.Args.Long("t", 50000))).ConfigureAwait(false);
        var level = ctx.Args.Long("l", 0);
        var rows = stats.Groups.SelectMany(g => g.Queues.Select(q => new BrokerConsumeRow(q.Queue.Topic, g.Group, q.Queue.BrokerName, q.Queue.QueueId,
            q.BrokerOffset, q.ConsumerOffset, q.BrokerOffset - q.ConsumerOffset, q.LastTimestamp)))
            .Where(r => r.Diff >= level && r.LastTimestamp > 0).ToList();
        ctx.Emit(new BrokerConsumeStatsResult(stats.BrokerAddr, rows, stats.TotalDiff), RmqJson.Default.BrokerConsumeStatsResult, static (w, r) =>
        {
            w.Write($"{L("#Topic", 64)}  {L("#Group", 64)}  {L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Broker Offset", 20)}  {L("#Consumer Offset", 20)}  {L("#Diff", 20)}  #LastTime\n");
            foreach (var q in r.Queues)
            {
                w.Write($"{L(Front(q.Topic, 64), 64)}  {L(q.Group, 64)}  {L(Front(q.BrokerName, 32), 32)}  {L(q.QueueId, 4)}  {L(q.BrokerOffset, 20)}  {L(q.ConsumerOffset, 20)}  {L(q.Diff, 20)}  {Time(q.LastTimestamp)}\n");
            }

            w.Write($"\nDiff Total: {r.DiffTotal}\n");
        });
    }
}

internal sealed record GroupProgressResult(string Group, IReadOnlyList<ProgressRow> Queues, double ConsumeTps, long DiffTotal);

internal sealed record ProgressRow(string Topic, string BrokerName, int QueueId, long BrokerOffset, long ConsumerOffset, long Diff, long LastTimestamp);

internal sealed record AllProgressResult(IReadOnlyList<GroupSummaryRow> Groups);

internal sealed record GroupSummaryRow(string Group, int Count, string Version, string Type, string Model, int Tps, long DiffTotal);

internal sealed record ConsumerConnectionResult(IReadOnlyList<ConnectionRow> Connections, IReadOnlyDictionary<string, string> Subscriptions, string? ConsumeType, string? MessageModel, string? ConsumeFromWhere);

internal sealed record ConnectionRow(string ClientId, string ClientAddr, string Language, string Version);

internal sealed record ProducerConnectionResult(IReadOnlyList<ConnectionRow> Connections);

internal sealed record BrokerConsumeStatsResult(string BrokerAddr, IReadOnlyList<BrokerConsumeRow> Queues, long DiffTotal);

internal sealed record BrokerConsumeRow(string Topic, string Group, string BrokerName, int QueueId, long BrokerOffset, long ConsumerOffset, long Diff, long LastTimestamp);
