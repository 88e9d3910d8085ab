using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>topicList (Java: TopicListSubCommand): every topic, or with -c each topic's cluster and consumer groups.</summary>
internal sealed class TopicListCommand : Command
{
    public override string Name => "topicList";

    public override string Description => "Fetch all topic list from name server";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [OptionSpec.Flag("c", "clusterModel", "clusterModel")];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topics = (await ctx.Admin.FetchAllTopicList(ctx.Ct).ConfigureAwait(false)).Topics;
        if (!ctx.Args.Has("c"))
        {
            ctx.Emit(new TopicListResult(topics), RmqJson.Default.TopicListResult, static (w, r) =>
            {
                foreach (var topic in r.Topics)
                {
                    w.Write(topic + "\n");
                }
            });
            return;
        }

        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        var rows = new List<TopicClusterGroupRow>();
        foreach (var topic in topics)
        {
            if (topic.StartsWith("%RETRY%", StringComparison.Ordinal) || topic.StartsWith("%DLQ%", StringComparison.Ordinal))
            {
                continue;
            }

            // As mqadmin: a topic whose route or groups cannot be read is listed with blanks.
            var cluster = string.Empty;
            IReadOnlyList<string> groups = [];
            try
            {
                var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
                var brokerName = route.Brokers[0].BrokerName;
                cluster = info.Clusters.FirstOrDefault(c => c.Value.Contains(brokerName)).Key ?? string.Empty;
                groups = await ctx.Admin.QueryTopicConsumeByWho(ctx.Ct, topic).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
            }

            foreach (var group in groups.Count == 0 ? [string.Empty] : groups)
            {
                rows.Add(new TopicClusterGroupRow(cluster, topic, group));
            }
        }

        ctx.Emit(new TopicListClusterResult(rows), RmqJson.Default.TopicListClusterResult, static (w, r) =>
        {
            w.Write($"{L("#Cluster Name", 20)}  {L("#Topic", 48)}  {L("#Consumer Group", 48)}\n");
            foreach (var row in r.Rows)
            {
                w.Write($"{L(Front(row.Cluster, 20), 20)}  {L(Front(row.Topic, 64), 64)}  {L(Front(row.ConsumerGroup, 64), 64)}\n");
            }
        });
    }
}

/// <summary>topicRoute (Java: TopicRouteSubCommand): the route as fastjson prints it, or with -l as a table.</summary>
internal sealed class TopicRouteCommand : Command
{
    private const string ListFormat = "{0,-45} {1,-32} {2,-50} {3,-10} {4,-11} {5,-5}\n";

    public override string Name => "topicRoute";

    public override string Description => "Examine topic route info";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        OptionSpec.Flag("l", "list", "Use list format to print data"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, ctx.Args.Required("t")).ConfigureAwait(false);
        var list = ctx.Args.Has("l");
        ctx.Emit(route, RmqJson.Default.TopicRouteInfo, (w, r) =>
        {
            if (list)
            {
                PrintList(w, r);
            }
            else
            {
                w.Write(PrettyRoute(r));
                w.Write('\n');
            }
        });
    }

    /// <summary>TopicRouteData.toJson(true): fastjson's pretty format, tabs, fields sorted, number map keys bare.</summary>
    internal static string PrettyRoute(TopicRouteInfo route)
    {
        var text = new System.Text.StringBuilder("{\n\t\"brokerDatas\":[");
        for (var i = 0; i < route.Brokers.Count; i++)
        {
            var b = route.Brokers[i];
            text.Append(i == 0 ? "\n" : ",\n").Append("\t\t{\n\t\t\t\"brokerAddrs\":{");
            text.Append(string.Join(",", b.BrokerAddrs.OrderBy(a => a.Key).Select(a => $"{Str(a.Key)}:{Quote(a.Value)}")));
            text.Append("\n\t\t\t},\n\t\t\t\"brokerName\":").Append(Quote(b.BrokerName)).Append(",\n\t\t\t\"cluster\":").Append(Quote(b.Cluster)).Append("\n\t\t}");
        }

        text.Append(route.Brokers.Count == 0 ? "]" : "\n\t]").Append(",\n\t\"filterServerTable\":{},");
        if (route.OrderTopicConf is { } order)
        {
            text.Append("\n\t\"orderTopicConf\":").Append(Quote(order)).Append(',');
        }

        text.Append("\n\t\"queueDatas\":[");
        for (var i = 0; i < route.Queues.Count; i++)
        {
            var q = route.Queues[i];
            text.Append(i == 0 ? "\n" : ",\n").Append("\t\t{\n\t\t\t\"brokerName\":").Append(Quote(q.BrokerName))
                .Append(",\n\t\t\t\"perm\":").Append(Str(q.Perm)).Append(",\n\t\t\t\"readQueueNums\":").Append(Str(q.ReadQueueNums))
                .Append(",\n\t\t\t\"topicSysFlag\":").Append(Str(q.TopicSysFlag)).Append(",\n\t\t\t\"writeQueueNums\":").Append(Str(q.WriteQueueNums)).Append("\n\t\t}");
        }

        return text.Append(route.Queues.Count == 0 ? "]" : "\n\t]").Append("\n}").ToString();
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value, RmqJson.Default.String);

    private static void PrintList(TextWriter w, TopicRouteInfo route)
    {
        var queues = route.Queues.ToDictionary(q => q.BrokerName);
        w.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, ListFormat, "#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm"));
        int read = 0, write = 0;
        foreach (var b in route.Brokers.OrderBy(b => b.BrokerName, StringComparer.Ordinal))
        {
            var q = queues.GetValueOrDefault(b.BrokerName);
            read += q?.ReadQueueNums ?? 0;
            write += q?.WriteQueueNums ?? 0;
            w.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, ListFormat, b.Cluster, b.BrokerName, Map(b.BrokerAddrs.OrderBy(a => a.Key)),
                Str(q?.ReadQueueNums ?? 0), Str(q?.WriteQueueNums ?? 0), Str(q?.Perm ?? 0)));
        }

        w.Write(new string('-', 158) + "\n");
        w.Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, ListFormat, "Total:", Str(queues.Count), "", Str(read), Str(write), ""));
    }
}

/// <summary>topicStatus (Java: TopicStatusSubCommand): min and max offset and last store time of every queue.</summary>
internal sealed class TopicStatusCommand : Command
{
    public override string Name => "topicStatus";

    public override string Description => "Examine topic Status info";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [new("t", "topic", "topic name", Required: true)];

    public override async Task RunAsync(CommandContext ctx)
    {
        var stats = await ctx.Admin.ExamineTopicStats(ctx.Ct, ctx.Args.Required("t")).ConfigureAwait(false);
        var rows = stats.Select(s => new TopicStatusRow(s.Queue.BrokerName, s.Queue.QueueId, s.MinOffset, s.MaxOffset, s.LastUpdateTimestamp)).ToList();
        ctx.Emit(new TopicStatusResult(rows), RmqJson.Default.TopicStatusResult, static (w, r) =>
        {
            w.Write($"{L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Min Offset", 20)}  {L("#Max Offset", 20)}    #Last Updated\n");
            foreach (var q in r.Queues)
            {
                var updated = q.LastUpdateTimestamp > 0 ? TimeWithMillis(q.LastUpdateTimestamp) : string.Empty;
                w.Write($"{L(Front(q.BrokerName, 32), 32)}  {L(q.QueueId, 4)}  {L(q.MinOffset, 20)}  {L(q.MaxOffset, 20)}    {updated}\n");
            }
        });
    }
}

/// <summary>topicClusterList (Java: TopicClusterSubCommand): the clusters a topic is on.</summary>
internal sealed class TopicClusterListCommand : Command
{
    public override string Name => "topicClusterList";

    public override string Description => "get cluster info for topic";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [new("t", "topic", "topic name", Required: true)];

    public override async Task RunAsync(CommandContext ctx)
    {
        var clusters = await ctx.Admin.FetchClusterList(ctx.Args.Required("t"), ctx.Ct).ConfigureAwait(false);
        ctx.Emit(new TopicClusterListResult(clusters), RmqJson.Default.TopicClusterListResult, static (w, r) =>
        {
            foreach (var cluster in r.Clusters)
            {
                w.Write(cluster + "\n");
            }
        });
    }
}

/// <summary>allocateMQ (Java: AllocateMQSubCommand): how AllocateMessageQueueAveragely splits a topic's queues among clients.</summary>
internal sealed class AllocateMQCommand : Command
{
    public override string Name => "allocateMQ";

    public override string Description => "Allocate MQ";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("i", "ipList", "ipList", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var clients = ctx.Args.Required("i").Split(',').ToList();
        var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
        var queues = route.Queues.Where(q => (q.Perm & 4) == 4)
            .SelectMany(q => Enumerable.Range(0, q.ReadQueueNums).Select(id => new QueueRef(q.BrokerName, id, topic)))
            .OrderBy(q => q.Topic, StringComparer.Ordinal).ThenBy(q => q.BrokerName, StringComparer.Ordinal).ThenBy(q => q.QueueId).ToList();
        var result = new Dictionary<string, List<QueueRef>>(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            result[client] = Averagely(queues, clients, client);
        }

        ctx.Emit(new AllocateMQResult(result), RmqJson.Default.AllocateMQResult, static (w, r) =>
            w.Write(System.Text.Json.JsonSerializer.Serialize(r, RmqJson.Compact.AllocateMQResult) + "\n"));
    }

    /// <summary>AllocateMessageQueueAveragely with the client list in the order given, as mqadmin passes it.</summary>
    private static List<QueueRef> Averagely(List<QueueRef> queues, List<string> clients, string client)
    {
        var index = clients.IndexOf(client);
        var mod = queues.Count % clients.Count;
        var size = queues.Count <= clients.Count ? 1 : mod > 0 && index < mod ? queues.Count / clients.Count + 1 : queues.Count / clients.Count;
        var start = mod > 0 && index < mod ? index * size : index * size + mod;
        var range = Math.Min(size, queues.Count - start);
        return Enumerable.Range(0, Math.Max(0, range)).Select(i => queues[(start + i) % queues.Count]).ToList();
    }
}

internal sealed record TopicListResult(IReadOnlyList<string> Topics);

internal sealed record TopicListClusterResult(IReadOnlyList<TopicClusterGroupRow> Rows);

internal sealed record TopicClusterGroupRow(string Cluster, string Topic, string ConsumerGroup);

internal sealed record TopicStatusResult(IReadOnlyList<TopicStatusRow> Queues);

internal sealed record TopicStatusRow(string BrokerName, int QueueId, long MinOffset, long MaxOffset, long LastUpdateTimestamp);

internal sealed record TopicClusterListResult(IReadOnlyList<string> Clusters);

internal sealed record AllocateMQResult(IReadOnlyDictionary<string, List<QueueRef>> Result);

/// <summary>A queue as mqadmin's JSON writes it.</summary>
internal sealed record QueueRef(string BrokerName, int QueueId, string Topic);
