using System.Globalization;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>clusterList (Java: ClusterListSubCommand): every broker with its version, rates and disk use.</summary>
internal sealed class ClusterListCommand : Command
{
    public override string Name => "clusterList";

    public override string Description => "List all of clusters";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        OptionSpec.Flag("m", "moreStats", "Print more stats"),
        new("i", "interval", "specify intervals numbers, it is in seconds"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var interval = ctx.Args.Has("i") ? TimeSpan.FromSeconds(ctx.Args.Int("i", 1)) : (TimeSpan?)null;
        var more = ctx.Args.Has("m");
        while (true)
        {
            var rows = await Rows(ctx).ConfigureAwait(false);
            if (more)
            {
                ctx.Emit(new ClusterMoreStatsResult(rows.ConvertAll(MoreStats)), RmqJson.Default.ClusterMoreStatsResult, PrintMore);
            }
            else
            {
                ctx.Emit(new ClusterListResult(rows.ConvertAll(Base)), RmqJson.Default.ClusterListResult, PrintBase);
            }

            if (interval is not { } every)
            {
                return;
            }

            await ctx.Out.FlushAsync(ctx.Ct).ConfigureAwait(false);
            await Task.Delay(every, ctx.Ct).ConfigureAwait(false);
        }
    }

    /// <summary>Every broker address in cluster, broker name and broker id order, with its runtime stats (asked of all at once).</summary>
    private static async Task<List<(string Cluster, string BrokerName, long BrokerId, string Addr, IReadOnlyDictionary<string, string> Stats)>> Rows(CommandContext ctx)
    {
        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        var targets = new List<(string Cluster, string BrokerName, long BrokerId, string Addr)>();
        foreach (var (cluster, brokerNames) in info.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var brokerName in brokerNames.Order(StringComparer.Ordinal))
            {
                if (info.Brokers.TryGetValue(brokerName, out var broker))
                {
                    foreach (var (id, addr) in broker.BrokerAddrs.OrderBy(a => a.Key))
                    {
                        targets.Add((cluster, brokerName, id, addr));
                    }
                }
            }
        }

        var stats = await Task.WhenAll(targets.Select(t => StatsOrEmpty(ctx, t.Addr))).ConfigureAwait(false);
        return targets.Select((t, i) => (t.Cluster, t.BrokerName, t.BrokerId, t.Addr, stats[i])).ToList();
    }

    /// <summary>As mqadmin: a broker that does not answer is listed with empty figures.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> StatsOrEmpty(CommandContext ctx, string addr)
    {
        try
        {
            return await ctx.Admin.FetchBrokerRuntimeStats(ctx.Ct, addr).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Dictionary<string, string>();
        }
    }

    private static ClusterBrokerRow Base((string Cluster, string BrokerName, long BrokerId, string Addr, IReadOnlyDictionary<string, string> Stats) row)
    {
        var s = row.Stats;
        var hour = s.TryGetValue("earliestMessageTimeStamp", out var earliest) && long.TryParse(earliest, out var millis) && millis > 0
            ? (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - millis) / 1000.0 / 60.0 / 60.0
            : 0.0;
        return new ClusterBrokerRow(row.Cluster, row.BrokerName, row.BrokerId, row.Addr, Get(s, "brokerVersionDesc"),
            FirstRate(Get(s, "putTps")), FirstRate(Get(s, "getTransferedTps")),
            Get(s, "sendThreadPoolQueueSize"), Get(s, "sendThreadPoolQueueHeadWaitTimeMills"),
            Get(s, "pullThreadPoolQueueSize"), Get(s, "pullThreadPoolQueueHeadWaitTimeMills"),
            Get(s, "pageCacheLockTimeMills"), hour, ParseDouble(Get(s, "commitLogDiskRatio")));
    }

    private static ClusterMoreStatsRow MoreStats((string Cluster, string BrokerName, long BrokerId, string Addr, IReadOnlyDictionary<string, string> Stats) row)
    {
        var s = row.Stats;
        long L(string key) => long.TryParse(Get(s, key), out var value) ? value : 0;
        return new ClusterMoreStatsRow(row.Cluster, row.BrokerName, row.Addr,
            L("msgPutTotalTodayMorning") - L("msgPutTotalYesterdayMorning"), L("msgGetTotalTodayMorning") - L("msgGetTotalYesterdayMorning"),
            L("msgPutTotalTodayNow") - L("msgPutTotalTodayMorning"), L("msgGetTotalTodayNow") - L("msgGetTotalTodayMorning"));
    }

    private static string Get(IReadOnlyDictionary<string, string> stats, string key) => stats.TryGetValue(key, out var value) ? value : string.Empty;

    /// <summary>The 10-second rate of a "10s 60s 600s" rates field; 0 while the broker has no rate yet.</summary>
    private static double FirstRate(string rates) => ParseDouble(rates.Split(' ')[0]);

    private static double ParseDouble(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static void PrintBase(TextWriter w, ClusterListResult result)
    {
        w.Write($"{L("#Cluster Name", 16)}  {L("#Broker Name", 22)}  {L("#BID", 4)}  {L("#Addr", 22)} {L("#Version", 16)} {R("#InTPS(LOAD)", 19)} {R("#OutTPS(LOAD)", 19)} {R("#PCWait(ms)", 10)} {R("#Hour", 5)} {R("#SPACE", 6)}\n");
        foreach (var b in result.Brokers)
        {
            var inTps = $"{R(F(b.InTps, 2), 9)}({b.SendThreadPoolQueueSize},{b.SendThreadPoolQueueHeadWaitTimeMills}ms)";
            var outTps = $"{R(F(b.OutTps, 2), 9)}({b.PullThreadPoolQueueSize},{b.PullThreadPoolQueueHeadWaitTimeMills}ms)";
            w.Write($"{L(b.Cluster, 16)}  {L(b.BrokerName, 22)}  {L(Str(b.BrokerId), 4)}  {L(b.Addr, 22)} {L(b.Version, 16)} {R(inTps, 19)} {R(outTps, 19)} {R(b.PageCacheLockTimeMills, 10)} {R(F(b.Hour, 2), 5)} {R(F(b.Space, 4), 6)}\n");
        }
    }

    private static void PrintMore(TextWriter w, ClusterMoreStatsResult result)
    {
        w.Write($"{L("#Cluster Name", 16)}  {L("#Broker Name", 32)} {R("#InTotalYest", 14)} {R("#OutTotalYest", 14)} {R("#InTotalToday", 14)} {R("#OutTotalToday", 14)}\n");
        foreach (var b in result.Brokers)
        {
            w.Write($"{L(b.Cluster, 16)}  {L(b.BrokerName, 32)} {R(b.InTotalYest, 14)} {R(b.OutTotalYest, 14)} {R(b.InTotalToday, 14)} {R(b.OutTotalToday, 14)}\n");
        }
    }
}

/// <summary>brokerStatus (Java: BrokerStatusSubCommand): a broker's runtime info table, sorted by key.</summary>
internal sealed class BrokerStatusCommand : Command
{
    public override string Name => "brokerStatus";

    public override string Description => "Fetch broker runtime status data";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("b", "brokerAddr", "Broker address"),
        new("c", "clusterName", "which cluster"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        IReadOnlyList<string> addrs = ctx.Args.Value("b") is { } addr ? [addr]
            : ctx.Args.Value("c") is { } cluster ? await ClusterAddrs.MastersAndSlaves(ctx, cluster).ConfigureAwait(false)
            : throw new UsageException("give the broker (-b) or the cluster (-c)");
        var brokers = new List<BrokerStatusEntry>();
        foreach (var a in addrs)
        {
            var stats = await ctx.Admin.FetchBrokerRuntimeStats(ctx.Ct, a).ConfigureAwait(false);
            brokers.Add(new BrokerStatusEntry(a, new SortedDictionary<string, string>(stats.ToDictionary(), StringComparer.Ordinal)));
        }

        var perBroker = !ctx.Args.Has("b");
        ctx.Emit(new BrokerStatusResult(brokers), RmqJson.Default.BrokerStatusResult, (w, r) =>
        {
            foreach (var broker in r.Brokers)
            {
                foreach (var (key, value) in broker.Stats)
                {
                    w.Write(perBroker ? $"{L(broker.Addr, 24)} {L(key, 32)}: {value}\n" : $"{L(key, 32)}: {value}\n");
                }
            }
        });
    }
}

/// <summary>Broker addresses of a cluster (Java: CommandUtil's fetch...ByClusterName); an unknown cluster is an error.</summary>
internal static class ClusterAddrs
{
    public static async Task<IReadOnlyList<string>> Masters(CommandContext ctx, string cluster)
        => (await Brokers(ctx, cluster).ConfigureAwait(false)).Select(b => b.MasterAddr).OfType<string>().ToList();

    public static async Task<IReadOnlyList<string>> MastersAndSlaves(CommandContext ctx, string cluster)
        => (await Brokers(ctx, cluster).ConfigureAwait(false)).SelectMany(b => b.BrokerAddrs.OrderBy(a => a.Key).Select(a => a.Value)).ToList();

    public static async Task<IReadOnlyList<BrokerInfo>> Brokers(CommandContext ctx, string cluster)
    {
        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        if (!info.Clusters.TryGetValue(cluster, out var names))
        {
            throw new InvalidOperationException($"cluster {cluster} is not known to the name servers (known: {string.Join(", ", info.Clusters.Keys.Order(StringComparer.Ordinal))})");
        }

        return names.Order(StringComparer.Ordinal).Where(info.Brokers.ContainsKey).Select(n => info.Brokers[n]).ToList();
    }
}

internal sealed record ClusterListResult(IReadOnlyList<ClusterBrokerRow> Brokers);

internal sealed record ClusterBrokerRow(
    string Cluster, string BrokerName, long BrokerId, string Addr, string Version, double InTps, double OutTps,
    string SendThreadPoolQueueSize, string SendThreadPoolQueueHeadWaitTimeMills, string PullThreadPoolQueueSize,
    string PullThreadPoolQueueHeadWaitTimeMills, string PageCacheLockTimeMills, double Hour, double Space);

internal sealed record ClusterMoreStatsResult(IReadOnlyList<ClusterMoreStatsRow> Brokers);

internal sealed record ClusterMoreStatsRow(string Cluster, string BrokerName, string Addr, long InTotalYest, long OutTotalYest, long InTotalToday, long OutTotalToday);

internal sealed record BrokerStatusResult(IReadOnlyList<BrokerStatusEntry> Brokers);

internal sealed record BrokerStatusEntry(string Addr, SortedDictionary<string, string> Stats);
