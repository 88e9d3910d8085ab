using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>updateTopic (Java: UpdateTopicSubCommand): creates or changes a topic on a broker or a cluster's masters.</summary>
internal sealed class UpdateTopicCommand : Command
{
    public override string Name => "updateTopic";

    public override string Description => "Update or create topic";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "create topic to which broker", Group: "target"),
        new("c", "clusterName", "create topic to which cluster", Group: "target"),
        new("t", "topic", "topic name", Required: true),
        new("r", "readQueueNums", "set read queue nums"),
        new("w", "writeQueueNums", "set write queue nums"),
        new("p", "perm", "set topic's permission(2|4|6), intro[2:W 4:R; 6:RW]"),
        new("o", "order", "set topic's order(true|false)"),
        new("u", "unit", "is unit topic (true|false)"),
        new("s", "hasUnitSub", "has unit sub (true|false)"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var config = new TopicConfigView(ctx.Args.Required("t"), ctx.Args.Int("r", 8), ctx.Args.Int("w", 8), ctx.Args.Int("p", 6),
            (ctx.Args.Bool("u", false) ? 1 : 0) | (ctx.Args.Bool("s", false) ? 2 : 0), ctx.Args.Bool("o", false));
        var lines = new List<string>();
        IReadOnlyList<(string Addr, string BrokerName)> targets = ctx.Args.Value("b") is { } addr
            ? [(addr, await BrokerNameOf(ctx, addr).ConfigureAwait(false))]
            : (await ClusterAddrs.Brokers(ctx, ctx.Args.Required("c")).ConfigureAwait(false)).Where(b => b.MasterAddr is not null).Select(b => (b.MasterAddr!, b.BrokerName)).ToList();
        foreach (var (target, _) in targets)
        {
            await Create(ctx, target, config).ConfigureAwait(false);
            lines.Add($"create topic to {target} success.\n");
        }

        string? orderConf = null;
        if (config.Order)
        {
            orderConf = string.Join(';', targets.Select(t => $"{t.BrokerName}:{config.WriteQueueNums}"));
            await ctx.Admin.CreateAndUpdateKvConfig(ctx.Ct, "ORDER_TOPIC_CONFIG", config.TopicName, orderConf).ConfigureAwait(false);
        }

        var perBroker = ctx.Args.Has("b");
        ctx.Emit(new UpdateTopicResult(targets.Select(t => t.Addr).ToList(), config, orderConf), RmqJson.Default.UpdateTopicResult, (w, r) =>
        {
            if (perBroker && r.OrderConf is not null)
            {
                w.Write($"set broker orderConf. isOrder=true, orderConf=[{r.OrderConf}]");
            }

            foreach (var line in lines)
            {
                w.Write(line);
            }

            if (!perBroker && r.OrderConf is not null)
            {
                w.Write($"set cluster orderConf. isOrder=true, orderConf=[{r.OrderConf}]");
            }

            w.Write(r.Config.ToString());
        });
    }

    internal static Task Create(CommandContext ctx, string addr, TopicConfigView config)
        => ctx.Admin.CreateTopic(ctx.Ct, WithTopicCreate(config.TopicName), WithBrokerAddrCreate(addr), WithReadQueueNums(config.ReadQueueNums),
            WithWriteQueueNums(config.WriteQueueNums), WithPerm(config.Perm), WithTopicSysFlag(config.TopicSysFlag), WithOrder(config.Order));

    private static async Task<string> BrokerNameOf(CommandContext ctx, string addr)
    {
        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        return info.Brokers.Values.FirstOrDefault(b => b.BrokerAddrs.Values.Contains(addr))?.BrokerName
            ?? throw new InvalidOperationException($"broker {addr} is not registered with the name servers");
    }
}

/// <summary>updateTopicPerm (Java: UpdateTopicPermSubCommand): changes a topic's permission on its brokers.</summary>
internal sealed class UpdateTopicPermCommand : Command
{
    public override string Name => "updateTopicPerm";

    public override string Description => "Update topic perm";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "create topic to which broker"),
        new("c", "clusterName", "create topic to which cluster"),
        new("t", "topic", "topic name", Required: true),
        new("p", "perm", "set topic's permission(2|4|6), intro[2:W; 4:R; 6:RW]", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var perm = ctx.Args.Int("p", 6);
        var route = await ctx.Admin.ExamineTopicRouteInfo(ctx.Ct, topic).ConfigureAwait(false);
        var brokers = ctx.Args.Value("b") is { } addr
            ? route.Brokers.Where(b => b.MasterAddr == addr).ToList() is { Count: > 0 } found ? found
                : throw new InvalidOperationException($"updateTopicPerm: broker {addr} is not a master of topic {topic}")
            : route.Brokers.Where(b => b.MasterAddr is not null && b.Cluster == (ctx.Args.Value("c") ?? throw new UsageException("give the broker (-b) or the cluster (-c)"))).ToList();
        var changes = new List<PermChange>();
        foreach (var broker in brokers)
        {
            var queue = route.Queues.First(q => q.BrokerName == broker.BrokerName);
            if (queue.Perm == perm)
            {
                changes.Add(new PermChange(broker.MasterAddr!, queue.Perm, perm, Changed: false));
                continue;
            }

            var config = new TopicConfigView(topic, queue.ReadQueueNums, queue.WriteQueueNums, perm, queue.TopicSysFlag, false);
            await UpdateTopicCommand.Create(ctx, broker.MasterAddr!, config).ConfigureAwait(false);
            changes.Add(new PermChange(broker.MasterAddr!, queue.Perm, perm, Changed: true) { Config = config });
        }

        var perBroker = ctx.Args.Has("b");
        ctx.Emit(new UpdateTopicPermResult(topic, changes), RmqJson.Default.UpdateTopicPermResult, (w, r) =>
        {
            foreach (var change in r.Brokers)
            {
                if (!change.Changed)
                {
                    w.Write("new perm equals to the old one!\n");
                    continue;
                }

                w.Write($"update topic perm from {change.OldPerm} to {change.NewPerm} in {change.Addr} success.\n");
                if (perBroker)
                {
                    w.Write($"{change.Config}.\n");
                }
            }
        });
    }
}

/// <summary>deleteTopic (Java: DeleteTopicSubCommand): from a cluster's masters, then from every name server.</summary>
internal sealed class DeleteTopicCommand : Command
{
    public override string Name => "deleteTopic";

    public override string Description => "Delete topic from broker and NameServer.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("c", "clusterName", "delete topic from which cluster", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (topic, cluster) = (ctx.Args.Required("t"), ctx.Args.Required("c"));
        await Delete(ctx, topic, cluster).ConfigureAwait(false);
        ctx.Emit(new DeleteTopicResult(topic, cluster), RmqJson.Default.DeleteTopicResult, static (w, r) =>
            w.Write($"delete topic [{r.Topic}] from cluster [{r.Cluster}] success.\ndelete topic [{r.Topic}] from NameServer success.\n"));
    }

    internal static async Task Delete(CommandContext ctx, string topic, string cluster)
    {
        // As Java: from every master of the cluster whether or not the route lists the topic, then from the name servers.
        foreach (var master in await ClusterAddrs.Masters(ctx, cluster).ConfigureAwait(false))
        {
            await ctx.Admin.DeleteTopic(ctx.Ct, WithTopicDelete(topic), WithBrokerAddrDelete(master), WithClusterName(cluster)).ConfigureAwait(false);
        }
    }
}

/// <summary>A topic configuration as Java's TopicConfig.toString prints it.</summary>
internal sealed record TopicConfigView(string TopicName, int ReadQueueNums, int WriteQueueNums, int Perm, int TopicSysFlag, bool Order)
{
    public override string ToString()
        => $"TopicConfig [topicName={TopicName}, readQueueNums={ReadQueueNums}, writeQueueNums={WriteQueueNums}, perm={PermString(Perm)}, topicFilterType=SINGLE_TAG, topicSysFlag={TopicSysFlag}, order={JavaText.Str(Order)}]";

    /// <summary>Java's PermName.perm2String: R, W and X (inherit) or '-'.</summary>
    public static string PermString(int perm) => ((perm & 4) != 0 ? "R" : "-") + ((perm & 2) != 0 ? "W" : "-") + ((perm & 1) != 0 ? "X" : "-");
}

internal sealed record UpdateTopicResult(IReadOnlyList<string> Brokers, TopicConfigView Config, string? OrderConf);

internal sealed record UpdateTopicPermResult(string Topic, IReadOnlyList<PermChange> Brokers);

internal sealed record PermChange(string Addr, int OldPerm, int NewPerm, bool Changed)
{
    public TopicConfigView? Config { get; init; }
}

internal sealed record DeleteTopicResult(string Topic, string Cluster);
