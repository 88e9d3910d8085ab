using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>getBrokerConfig (Java: GetBrokerConfigCommand): a broker's settings, or those of a cluster's brokers.</summary>
internal sealed class GetBrokerConfigCommand : Command
{
    public override string Name => "getBrokerConfig";

    public override string Description => "Get broker config by cluster or special broker!";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "get which broker"),
        new("c", "clusterName", "get which cluster"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var sections = new List<ConfigSection>();
        if (ctx.Args.Value("b") is { } addr)
        {
            sections.Add(new ConfigSection(addr, null, $"============{addr}============\n", await ctx.Admin.GetBrokerConfig(ctx.Ct, addr).ConfigureAwait(false)));
        }
        else if (ctx.Args.Value("c") is { } cluster)
        {
            foreach (var broker in await ClusterAddrs.Brokers(ctx, cluster).ConfigureAwait(false))
            {
                if (broker.MasterAddr is not { } master)
                {
                    continue;
                }

                sections.Add(new ConfigSection(master, null, $"============Master: {master}============\n", await ctx.Admin.GetBrokerConfig(ctx.Ct, master).ConfigureAwait(false)));
                foreach (var (id, slave) in broker.BrokerAddrs.Where(a => a.Key != 0).OrderBy(a => a.Key))
                {
                    sections.Add(new ConfigSection(slave, master, $"============My Master: {master}=====Slave: {slave}============\n", await ctx.Admin.GetBrokerConfig(ctx.Ct, slave).ConfigureAwait(false)));
                }
            }
        }
        else
        {
            throw new UsageException("give the broker (-b) or the cluster (-c)");
        }

        ctx.Emit(new ConfigResult(sections), RmqJson.Default.ConfigResult, static (w, r) =>
        {
            foreach (var section in r.Sections)
            {
                w.Write(section.Title);
                if (section.Config.Count == 0)
                {
                    w.Write($"Broker[{section.Addr}] has no config property!\n");
                    continue;
                }

                foreach (var (key, value) in section.Config)
                {
                    w.Write($"{L(key, 50)}=  {value}\n");
                }

                w.Write('\n');
            }
        });
    }
}

/// <summary>updateBrokerConfig (Java: UpdateBrokerConfigSubCommand): one setting on a broker or on a cluster's masters.</summary>
internal sealed class UpdateBrokerConfigCommand : Command
{
    public override string Name => "updateBrokerConfig";

    public override string Description => "Update broker's config";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "update which broker"),
        new("c", "clusterName", "update which cluster"),
        new("k", "key", "config key", Required: true),
        new("v", "value", "config value", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var change = new Dictionary<string, string> { [ctx.Args.Required("k")] = ctx.Args.Required("v") };
        IReadOnlyList<string> addrs = ctx.Args.Value("b") is { } addr ? [addr]
            : ctx.Args.Value("c") is { } cluster ? await ClusterAddrs.Masters(ctx, cluster).ConfigureAwait(false)
            : throw new UsageException("give the broker (-b) or the cluster (-c)");
        foreach (var a in addrs)
        {
            await ctx.Admin.UpdateBrokerConfig(ctx.Ct, a, change).ConfigureAwait(false);
        }

        ctx.Emit(new UpdatedResult(addrs, change), RmqJson.Default.UpdatedResult, static (w, r) =>
        {
            foreach (var a in r.Targets)
            {
                w.Write($"update broker config success, {a}\n");
            }
        });
    }
}

/// <summary>getNamesrvConfig (Java: GetNamesrvConfigCommand): each name server's settings.</summary>
internal sealed class GetNamesrvConfigCommand : Command
{
    public override string Name => "getNamesrvConfig";

    public override string Description => "Get configs of name server.";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [];

    public override async Task RunAsync(CommandContext ctx)
    {
        var configs = await ctx.Admin.GetNameServerConfig(ctx.Ct, ctx.NameServerList).ConfigureAwait(false);
        var sections = configs.Select(c => new ConfigSection(c.Key, null, $"============{c.Key}============\n", c.Value)).ToList();
        ctx.Emit(new ConfigResult(sections), RmqJson.Default.ConfigResult, static (w, r) =>
        {
            foreach (var section in r.Sections)
            {
                w.Write(section.Title);
                foreach (var (key, value) in section.Config)
                {
                    w.Write($"{L(key, 50)}=  {value}\n");
                }
            }
        });
    }
}

/// <summary>updateNamesrvConfig (Java: UpdateNamesrvConfigCommand): one setting on every name server given.</summary>
internal sealed class UpdateNamesrvConfigCommand : Command
{
    public override string Name => "updateNamesrvConfig";

    public override string Description => "Update configs of name server.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("k", "key", "config key", Required: true),
        new("v", "value", "config value", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var change = new Dictionary<string, string> { [ctx.Args.Required("k")] = ctx.Args.Required("v") };
        var servers = ctx.NameServerList;
        await ctx.Admin.UpdateNameServerConfig(ctx.Ct, change, servers).ConfigureAwait(false);
        ctx.Emit(new UpdatedResult(servers, change), RmqJson.Default.UpdatedResult, static (w, r) =>
        {
            var (key, value) = r.Change.First();
            w.Write($"update name server config success!{(r.Targets.Count == 0 ? string.Empty : "[" + string.Join(", ", r.Targets) + "]")}\n{key} : {value}\n");
        });
    }
}

internal sealed record ConfigResult(IReadOnlyList<ConfigSection> Sections);

/// <summary>One server's settings; <see cref="Master"/> is set for a slave.</summary>
internal sealed record ConfigSection(string Addr, string? Master, [property: System.Text.Json.Serialization.JsonIgnore] string Title, IReadOnlyDictionary<string, string> Config);

/// <summary>A setting changed on some servers.</summary>
internal sealed record UpdatedResult(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Change);
