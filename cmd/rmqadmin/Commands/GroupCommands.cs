using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>updateSubGroup (Java: UpdateSubGroupSubCommand): creates or changes a consumer group's configuration.</summary>
internal sealed class UpdateSubGroupCommand : Command
{
    public override string Name => "updateSubGroup";

    public override string Description => "Update or create subscription group";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "create subscription group to which broker"),
        new("c", "clusterName", "create subscription group to which cluster"),
        new("g", "groupName", "consumer group name", Required: true),
        new("s", "consumeEnable", "consume enable"),
        new("m", "consumeFromMinEnable", "from min offset"),
        new("d", "consumeBroadcastEnable", "broadcast"),
        new("q", "retryQueueNums", "retry queue nums"),
        new("r", "retryMaxTimes", "retry max times"),
        new("i", "brokerId", "consumer from which broker id"),
        new("w", "whichBrokerWhenConsumeSlowly", "which broker id when consume slowly"),
        new("a", "notifyConsumerIdsChanged", "notify consumerId changed"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var a = ctx.Args;
        var config = new SubscriptionGroupConfig(a.Required("g"), a.Bool("s", true), a.Bool("m", false), a.Bool("d", false),
            a.Int("r", 16), a.Int("q", 1), a.Long("i", 0), a.Long("w", 1), a.Bool("a", true));
        IReadOnlyList<string> targets = a.Value("b") is { } addr ? [addr]
            : a.Value("c") is { } cluster ? await ClusterAddrs.Masters(ctx, cluster).ConfigureAwait(false)
            : throw new UsageException("give the broker (-b) or the cluster (-c)");
        foreach (var target in targets)
        {
            await ctx.Admin.CreateAndUpdateSubscriptionGroupConfig(ctx.Ct, target, config).ConfigureAwait(false);
        }

        ctx.Emit(new SubGroupResult(targets, config), RmqJson.Default.SubGroupResult, static (w, r) =>
        {
            foreach (var target in r.Brokers)
            {
                w.Write($"create subscription group to {target} success.\n");
            }

            w.Write(Format(r.Config));
        });
    }

    /// <summary>Java's SubscriptionGroupConfig.toString.</summary>
    internal static string Format(SubscriptionGroupConfig c)
        => $"SubscriptionGroupConfig [groupName={c.GroupName}, consumeEnable={Str(c.ConsumeEnable)}, consumeFromMinEnable={Str(c.ConsumeFromMinEnable)}, consumeBroadcastEnable={Str(c.ConsumeBroadcastEnable)}, retryQueueNums={c.RetryQueueNums}, retryMaxTimes={c.RetryMaxTimes}, brokerId={c.BrokerId}, whichBrokerWhenConsumeSlowly={c.WhichBrokerWhenConsumeSlowly}, notifyConsumerIdsChangedEnable={Str(c.NotifyConsumerIdsChangedEnable)}]";
}

/// <summary>deleteSubGroup (Java: DeleteSubscriptionGroupCommand): from a broker, or from a cluster with its retry and DLQ topics.</summary>
internal sealed class DeleteSubGroupCommand : Command
{
    public override string Name => "deleteSubGroup";

    public override string Description => "Delete subscription group from broker.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "delete subscription group from which broker"),
        new("c", "clusterName", "delete subscription group from which cluster"),
        new("g", "groupName", "subscription group name", Required: true),
        new("r", "removeOffset", "remove offset"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var group = ctx.Args.Required("g");
        var removeOffset = ctx.Args.Bool("r", false);
        var lines = new List<string>();
        if (ctx.Args.Value("b") is { } addr)
        {
            await ctx.Admin.DeleteSubscriptionGroup(ctx.Ct, addr, group, removeOffset).ConfigureAwait(false);
            lines.Add($"delete subscription group [{group}] from broker [{addr}] success.\n");
        }
        else if (ctx.Args.Value("c") is { } cluster)
        {
            foreach (var master in await ClusterAddrs.Masters(ctx, cluster).ConfigureAwait(false))
            {
                await ctx.Admin.DeleteSubscriptionGroup(ctx.Ct, master, group, removeOffset).ConfigureAwait(false);
                lines.Add($"delete subscription group [{group}] from broker [{master}] in cluster [{cluster}] success.\n");
            }

            foreach (var topic in new[] { "%RETRY%" + group, "%DLQ%" + group })
            {
                await DeleteTopicCommand.Delete(ctx, topic, cluster).ConfigureAwait(false);
                lines.Add($"delete topic [{topic}] from cluster [{cluster}] success.\ndelete topic [{topic}] from NameServer success.\n");
            }
        }
        else
        {
            throw new UsageException("give the broker (-b) or the cluster (-c)");
        }

        ctx.Emit(new DeleteSubGroupResult(group, lines.Select(l => l.TrimEnd('\n')).ToList()), RmqJson.Default.DeleteSubGroupResult, (w, _) =>
        {
            foreach (var line in lines)
            {
                w.Write(line);
            }
        });
    }
}

/// <summary>getConsumerConfig (Java: GetConsumerConfigSubCommand): a group's configuration on every broker that has it.</summary>
internal sealed class GetConsumerConfigCommand : Command
{
    public override string Name => "getConsumerConfig";

    public override string Description => "Get consumer config by subscription group name!";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [new("g", "groupName", "subscription group name", Required: true)];

    public override async Task RunAsync(CommandContext ctx)
    {
        var group = ctx.Args.Required("g");
        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        var found = new List<ConsumerConfigEntry>();
        foreach (var (brokerName, broker) in info.Brokers.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var addr = broker.MasterAddr ?? broker.BrokerAddrs.Values.FirstOrDefault();
            if (addr is null)
            {
                continue;
            }

            var all = await ctx.Admin.GetAllSubscriptionGroup(ctx.Ct, addr, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            if (all.SubscriptionGroupTable.TryGetValue(group, out var config))
            {
                found.Add(new ConsumerConfigEntry(broker.Cluster, brokerName, config));
            }
        }

        ctx.Emit(new ConsumerConfigResult(found), RmqJson.Default.ConsumerConfigResult, static (w, r) =>
        {
            foreach (var e in r.Brokers)
            {
                var c = e.Config;
                w.Write($"============================={e.Cluster}:{e.BrokerName}=============================\n");
                foreach (var (key, value) in (ReadOnlySpan<(string, string)>)
                [
                    ("groupName", c.GroupName), ("consumeEnable", Str(c.ConsumeEnable)), ("consumeFromMinEnable", Str(c.ConsumeFromMinEnable)),
                    ("consumeBroadcastEnable", Str(c.ConsumeBroadcastEnable)), ("retryQueueNums", Str(c.RetryQueueNums)), ("retryMaxTimes", Str(c.RetryMaxTimes)),
                    ("brokerId", Str(c.BrokerId)), ("whichBrokerWhenConsumeSlowly", Str(c.WhichBrokerWhenConsumeSlowly)),
                    ("notifyConsumerIdsChangedEnable", Str(c.NotifyConsumerIdsChangedEnable)),
                ])
                {
                    w.Write($"{L(key, 40)}=  {value}\n");
                }
            }
        });
    }
}

internal sealed record SubGroupResult(IReadOnlyList<string> Brokers, SubscriptionGroupConfig Config);

internal sealed record DeleteSubGroupResult(string Group, IReadOnlyList<string> Done);

internal sealed record ConsumerConfigResult(IReadOnlyList<ConsumerConfigEntry> Brokers);

internal sealed record ConsumerConfigEntry(string Cluster, string BrokerName, SubscriptionGroupConfig Config);
