using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>
/// consumerStatus (Java: ConsumerStatusSubCommand): each client's running info, saved to a file per client, and
/// whether the group's clients agree on their subscriptions; with -i one client's running info printed.
/// </summary>
internal sealed class ConsumerStatusCommand : Command
{
    private const string PropConsumeType = "PROP_CONSUME_TYPE";
    private const string PropConsumeOrderly = "PROP_CONSUMEORDERLY";
    private const string PropStartTimestamp = "PROP_CONSUMER_START_TIMESTAMP";

    public override string Name => "consumerStatus";

    public override string Description => "Query consumer's internal data structure";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "consumerGroup", "consumer group name", Required: true),
        new("i", "clientId", "The consumer's client id"),
        new("b", "brokerAddr", "broker address"),
        OptionSpec.Flag("s", "jstack", "Run jstack command in the consumer progress"),
    ];

    /// <summary>Where the running-info files go: Java writes &lt;millis&gt;/&lt;clientId&gt; under the working directory; here under the temp directory.</summary>
    public static string StatusDirectory => Path.Combine(Path.GetTempPath(), "rocketmq", "consumerstatus");

    public override async Task RunAsync(CommandContext ctx)
    {
        var group = ctx.Args.Required("g");
        var jstack = ctx.Args.Has("s");
        if (ctx.Args.Value("i") is { } clientId)
        {
            var info = await ctx.Admin.ConsumerRunningInfo(ctx.Ct, group, clientId, jstack).ConfigureAwait(false);
            ctx.Emit(new RunningInfoText(clientId, Format(info)), RmqJson.Default.RunningInfoText, static (w, r) => w.Write(r.Text));
            return;
        }

        var connection = await ctx.Admin.ExamineConsumerConnectionInfo(ctx.Ct, group).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clients = new List<ClientStatusRow>();
        var infos = new SortedDictionary<string, ConsumerRunningInfo>(StringComparer.Ordinal);
        foreach (var c in connection.Connections)
        {
            var info = await ctx.Admin.ConsumerRunningInfo(ctx.Ct, group, c.ClientId, jstack).ConfigureAwait(false);
            var file = Path.Combine(StatusDirectory, Str(now), c.ClientId);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, Format(info), ctx.Ct).ConfigureAwait(false);
            infos[c.ClientId] = info;
            clients.Add(new ClientStatusRow(clients.Count + 1, c.ClientId, c.VersionDesc, file));
        }

        var sameSubscription = infos.Count == 0 || SameSubscription(infos, now);
        var problems = sameSubscription ? infos.Select(i => ProcessQueueProblems(i.Key, i.Value, now)).Where(p => p.Length > 0).ToList() : [];
        ctx.Emit(new ConsumerStatusResult(group, clients, infos.Count == 0 ? null : sameSubscription, problems), RmqJson.Default.ConsumerStatusResult, static (w, r) =>
        {
            w.Write($"{L("#Index", 10)} {L("#ClientId", 40)} {L("#Version", 20)} #ConsumerRunningInfoFile\n");
            foreach (var c in r.Clients)
            {
                w.Write($"{L(c.Index, 10)} {L(c.ClientId, 40)} {L(c.Version, 20)} {c.File}\n");
            }

            if (r.SameSubscription is true)
            {
                // Java's analyzeRebalance always answers true.
                w.Write("\n\nSame subscription in the same group of consumer\n\nRebalance OK\n");
                foreach (var problem in r.Problems)
                {
                    w.Write(problem);
                }
            }
            else if (r.SameSubscription is false)
            {
                w.Write("\n\nWARN: Different subscription in the same group of consumer!!!\n");
            }
        });
    }

    /// <summary>Java's ConsumerRunningInfo.analyzeSubscription: push clients running over 2 minutes must subscribe alike.</summary>
    private static bool SameSubscription(SortedDictionary<string, ConsumerRunningInfo> infos, long now)
    {
        var first = infos.Values.First();
        var push = first.Properties.GetValueOrDefault(PropConsumeType) == "CONSUME_PASSIVELY";
        var started = long.TryParse(first.Properties.GetValueOrDefault(PropStartTimestamp), out var t) ? t : now;
        if (!push || now - started <= 2 * 60 * 1000)
        {
            return true;
        }

        var expected = Subscriptions(first);
        return infos.Values.All(i => Subscriptions(i) == expected) && first.Subscriptions.Count > 0;
    }

    private static string Subscriptions(ConsumerRunningInfo info) => string.Join(";", info.Subscriptions.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value));

    /// <summary>Java's analyzeProcessQueue: queues of a push client that have not been consumed for over a minute.</summary>
    private static string ProcessQueueProblems(string clientId, ConsumerRunningInfo info, long now)
    {
        if (info.Properties.GetValueOrDefault(PropConsumeType) != "CONSUME_PASSIVELY")
        {
            return string.Empty;
        }

        var orderly = string.Equals(info.Properties.GetValueOrDefault(PropConsumeOrderly), "true", StringComparison.OrdinalIgnoreCase);
        var text = new StringBuilder();
        foreach (var (mq, pq) in info.Queues.OrderBy(q => q.Key.Topic, StringComparer.Ordinal).ThenBy(q => q.Key.BrokerName, StringComparer.Ordinal).ThenBy(q => q.Key.QueueId))
        {
            if (orderly && !pq.Locked)
            {
                text.Append($"{clientId} {QueueReading.JavaName(mq)} can't lock for a while\n");
            }
            else if (!orderly && now - pq.LastConsumeTimestamp > 60_000 && pq.CachedMsgCount > 0)
            {
                text.Append($"{clientId} {QueueReading.JavaName(mq)} can't consume for a while, maybe blocked, {Str(now - pq.LastConsumeTimestamp)}ms\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Java's ConsumerRunningInfo.formatString.</summary>
    internal static string Format(ConsumerRunningInfo info)
    {
        var text = new StringBuilder("#Consumer Properties#\n");
        foreach (var (key, value) in info.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append($"{L(key, 40)}: {value}\n");
        }

        text.Append("\n\n#Consumer Subscription#\n");
        var i = 0;
        foreach (var (topic, expression) in info.Subscriptions.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append($"{++i:000} Topic: {L(topic, 40)} ClassFilter: {L("false", 8)} SubExpression: {expression}\n");
        }

        var queues = info.Queues.OrderBy(q => q.Key.Topic, StringComparer.Ordinal).ThenBy(q => q.Key.BrokerName, StringComparer.Ordinal).ThenBy(q => q.Key.QueueId).ToList();
        text.Append("\n\n#Consumer Offset#\n").Append($"{L("#Topic", 64)}  {L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Consumer Offset", 20)}\n");
        foreach (var (mq, pq) in queues)
        {
            text.Append($"{L(mq.Topic, 32)}  {L(mq.BrokerName, 32)}  {L(mq.QueueId, 4)}  {L(pq.CommitOffset, 20)}\n");
        }

        text.Append("\n\n#Consumer MQ Detail#\n").Append($"{L("#Topic", 64)}  {L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#ProcessQueueInfo", 20)}\n");
        foreach (var (mq, pq) in queues)
        {
            text.Append($"{L(mq.Topic, 64)}  {L(mq.BrokerName, 32)}  {L(mq.QueueId, 4)}  ProcessQueueInfo [commitOffset={Str(pq.CommitOffset)}, cachedMsgMinOffset={Str(pq.CachedMsgMinOffset)}, "
                + $"cachedMsgMaxOffset={Str(pq.CachedMsgMaxOffset)}, cachedMsgCount={Str(pq.CachedMsgCount)}, cachedMsgSizeInMiB={Str(pq.CachedMsgSizeInMiB)}, "
                + $"locked={Str(pq.Locked)}, droped={Str(pq.Dropped)}, lastPullTimestamp={Str(pq.LastPullTimestamp)}, lastConsumeTimestamp={Str(pq.LastConsumeTimestamp)}]\n");
        }

        text.Append("\n\n#Consumer RT&TPS#\n")
            .Append($"{L("#Topic", 64)}  {R("#Pull RT", 14)} {R("#Pull TPS", 14)} {R("#Consume RT", 14)} {R("#ConsumeOK TPS", 14)} {R("#ConsumeFailed TPS", 18)} {R("#ConsumeFailedMsgsInHour", 25)}\n");
        foreach (var (topic, s) in info.StatusTable.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append($"{L(topic, 32)}  {R(F(s.PullRT, 2), 14)} {R(F(s.PullTPS, 2), 14)} {R(F(s.ConsumeRT, 2), 14)} {R(F(s.ConsumeOKTPS, 2), 14)} {R(F(s.ConsumeFailedTPS, 2), 18)} {R(s.ConsumeFailedMsgs, 25)}\n");
        }

        if (info.JStack is { } stack)
        {
            text.Append("\n\n#Consumer jstack#\n").Append(stack);
        }

        return text.ToString();
    }
}

/// <summary>statsAll (Java: StatsAllSubCommand): per topic and consuming group, the backlog, rates and day totals.</summary>
internal sealed class StatsAllCommand : Command
{
    private const string TopicPutNums = "TOPIC_PUT_NUMS";
    private const string GroupGetNums = "GROUP_GET_NUMS";

    public override string Name => "statsAll";

    public override string Description => "Topic and Consumer tps stats";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        OptionSpec.Flag("a", "activeTopic", "print active topic only"),
        new("t", "topic", "print select topic only"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var active = ctx.Args.Has("a");
        var only = ctx.Args.Value("t");
        var rows = new List<StatsRow>();
        foreach (var topic in (await ctx.Admin.FetchAllTopicList(ctx.Ct).ConfigureAwait(false)).Topics)
        {
            if (topic.StartsWith("%RETRY%", StringComparison.Ordinal) || topic.StartsWith("%DLQ%", StringComparison.Ordinal) || (!string.IsNullOrEmpty(only) && topic != only))
            {
                continue;
            }

            try
            {
                rows.AddRange(await TopicRows(ctx, topic, active).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // As mqadmin: a topic whose route or stats cannot be read is left out.
            }
        }

        ctx.Emit(new StatsAllResult(rows), RmqJson.Default.StatsAllResult, static (w, r) =>
        {
            w.Write($"{L("#Topic", 64)}  {L("#Consumer Group", 64)} {R("#Accumulation", 12)} {R("#InTPS", 11)} {R("#OutTPS", 11)} {R("#InMsg24Hour", 14)} {R("#OutMsg24Hour", 14)}\n");
            foreach (var row in r.Rows)
            {
                w.Write(row.Group is null
                    ? $"{L(Front(row.Topic, 64), 64)}  {L(string.Empty, 64)} {R(0, 12)} {R(F(row.InTps, 2), 11)} {R(string.Empty, 11)} {R(row.InMsg24Hour, 14)} {R("NO_CONSUMER", 14)}\n"
                    : $"{L(Front(row.Topic, 64), 64)}  {L(Front(row.Group, 64), 64)} {R(row.Accumulation, 12)} {R(F(row.InTps, 2), 11)} {R(F(row.OutTps, 2), 11)} {R(row.InMsg24Hour, 14)} {R(row.OutMsg24Hour, 14)}\n");
            }
        });
    }

    private static async Task<List<StatsRow>> TopicRows(CommandContext ctx, string topic, bool active)
    {
        var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
        var groups = await ctx.Admin.QueryTopicConsumeByWho(ctx.Ct, topic).ConfigureAwait(false);
        var masters = route.Brokers.Select(b => b.MasterAddr).OfType<string>().ToList();
        var (inTps, inToday) = await Sum(ctx, masters, TopicPutNums, topic).ConfigureAwait(false);
        var rows = new List<StatsRow>();
        if (groups.Count == 0)
        {
            if (!active || inToday > 0)
            {
                rows.Add(new StatsRow(topic, null, 0, inTps, 0, inToday, 0));
            }

            return rows;
        }

        foreach (var group in groups)
        {
            var (outTps, outToday) = await Sum(ctx, masters, GroupGetNums, topic + "@" + group).ConfigureAwait(false);
            long accumulation = 0;
            try
            {
                accumulation = Math.Max(0, (await ctx.Admin.ConsumerProgress(ctx.Ct, group, topic).ConfigureAwait(false)).Queues.Sum(q => q.BrokerOffset - q.ConsumerOffset));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }

            if (!active || inToday > 0 || outToday > 0)
            {
                rows.Add(new StatsRow(topic, group, accumulation, inTps, outTps, inToday, outToday));
            }
        }

        return rows;
    }

    /// <summary>The minute rate and Java's compute24HourSum (the day's sum, else the hour's, else the minute's) over the masters.</summary>
    private static async Task<(double Tps, long Day)> Sum(CommandContext ctx, List<string> masters, string name, string key)
    {
        double tps = 0;
        long day = 0;
        foreach (var addr in masters)
        {
            try
            {
                var stats = await ctx.Admin.ViewBrokerStatsData(ctx.Ct, addr, name, key).ConfigureAwait(false);
                tps += stats.StatsMinute.Tps;
                day += stats.StatsDay.Sum != 0 ? stats.StatsDay.Sum : stats.StatsHour.Sum != 0 ? stats.StatsHour.Sum : stats.StatsMinute.Sum;
            }
            catch (MQBrokerException)
            {
                // "The stats <..> <..> not exist": nothing counted on that broker yet.
            }
        }

        return (tps, day);
    }
}

internal sealed record RunningInfoText(string ClientId, string Text);

internal sealed record ConsumerStatusResult(string Group, IReadOnlyList<ClientStatusRow> Clients, bool? SameSubscription, IReadOnlyList<string> Problems);

internal sealed record ClientStatusRow(int Index, string ClientId, string Version, string File);

internal sealed record StatsAllResult(IReadOnlyList<StatsRow> Rows);

internal sealed record StatsRow(string Topic, string? Group, long Accumulation, double InTps, double OutTps, long InMsg24Hour, long OutMsg24Hour);
