using System.Collections.Concurrent;
using System.Diagnostics;
using RocketMQ.Go.Port.Broker;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 4: the broker restarts on its disk store mid-stream, gracefully (in process) or killed with SIGKILL (a
/// child process running name server and broker). Promise: nothing acknowledged is lost; consumers go on from their
/// committed offsets (duplicates at most what was consumed since the last offset commit); consumption of new
/// messages resumes within 2 s of the restart.
/// </summary>
internal static class BrokerRestart
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(int Messages, TimeSpan Stream, int RestartAfter);

    public static readonly Size Full = new(20_000, TimeSpan.FromSeconds(60), 5_000);

    public static readonly Size Short = new(1_500, TimeSpan.FromSeconds(6), 500);

    /// <summary>A client commits consumed offsets this often (the default persist interval, plus scheduling slack).</summary>
    private static readonly TimeSpan CommitWindow = TimeSpan.FromSeconds(6);

    public static async Task<Tally> RunAsync(Size size, bool kill, CancellationToken cancellationToken = default)
    {
        var tally = new Tally(kill ? "broker-sigkill" : "broker-restart");
        var store = Path.Combine(Path.GetTempPath(), FaultKit.Unique("fault-store"));
        try
        {
            if (kill)
            {
                await using var node = await BrokerNode.StartAsync(store, cancellationToken).ConfigureAwait(false);
                return await RunAsync(tally, size, node.NameServer, async () =>
                {
                    node.Kill();
                    await node.RestartAsync(cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            }

            await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { StoreDirectory = store }, cancellationToken).ConfigureAwait(false);
            return await RunAsync(tally, size, cluster.NameServerAddress, async () =>
            {
                await cluster.StopBrokerAsync(0).ConfigureAwait(false);
                await cluster.RestartBrokerAsync(0, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(store, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    private static async Task<Tally> RunAsync(Tally tally, Size size, string ns, Func<Task> restart, CancellationToken cancellationToken)
    {
        var topic = FaultKit.Unique("FaultRestart");
        var clock = Stopwatch.StartNew();
        var consumedAt = new ConcurrentQueue<TimeSpan>();
        var restartedAt = TimeSpan.MaxValue;
        long firstNewAfterRestart = -1;
        var sentAfterRestart = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var consumer = FaultKit.NewConsumer(ns, FaultKit.Unique("fault_restart_cg"), topic, tally, msg =>
        {
            consumedAt.Enqueue(clock.Elapsed);
            if (sentAfterRestart.ContainsKey(FaultKit.Key(msg)))
            {
                Interlocked.CompareExchange(ref firstNewAfterRestart, clock.Elapsed.Ticks, -1);
            }
        });
        var producer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
        try
        {
            // The topic is created on its first send (TBW102), then the consumer starts on it.
            await FaultKit.SendStream(producer, topic, tally, 1, 1, TimeSpan.Zero, "first", cancellationToken: cancellationToken).ConfigureAwait(false);
            await consumer.Start().ConfigureAwait(false);
            var sending = SendMarking(producer, topic, tally, size, () => clock.Elapsed > restartedAt, sentAfterRestart, cancellationToken);
            await FaultKit.Until(() => tally.Acknowledged >= size.RestartAfter || sending.IsCompleted, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);

            var cut = clock.Elapsed;
            await restart().ConfigureAwait(false);
            restartedAt = clock.Elapsed;

            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (Interlocked.Read(ref firstNewAfterRestart) is var first and > 0)
            {
                tally.Recovery = TimeSpan.FromTicks(first) - restartedAt;
            }

            var recentlyConsumed = consumedAt.Count(t => t <= cut && t > cut - CommitWindow);
            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            tally.Check(tally.Duplicates <= recentlyConsumed, $"{tally.Duplicates} duplicates, more than the {recentlyConsumed} consumed in the commit window before the restart: the consumer went back past its committed offsets");
            tally.Check(tally.Recovery is { } r && r < TimeSpan.FromSeconds(2), $"consumption of new messages resumed {tally.Recovery?.TotalMilliseconds:F0} ms after the restart (bound 2 s)");
            return tally;
        }
        finally
        {
            await consumer.Shutdown().ConfigureAwait(false);
            await producer.Shutdown().ConfigureAwait(false);
        }
    }

    // The stream, remembering which keys were sent after the restart (to time the recovery by them).
    private static Task SendMarking(RocketMQ.Go.Port.Producer.DefaultProducer producer, string topic, Tally tally, Size size, Func<bool> restarted, ConcurrentDictionary<string, byte> after, CancellationToken cancellationToken)
        => FaultKit.SendStream(producer, topic, tally, size.Messages, 2, size.Stream, "restart", cancellationToken: cancellationToken, onSending: key =>
        {
            if (restarted())
            {
                after.TryAdd(key, 0);
            }
        });
}
