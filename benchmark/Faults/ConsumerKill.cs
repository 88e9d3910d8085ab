using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RocketMQ.Go.Port.Broker;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 3: a member of a push group runs in a child process and is killed with SIGKILL mid-stream. Promise: once
/// the broker noticed, the survivor owns every queue within 1 s; nothing acknowledged is lost; duplicates are at most
/// what the killed member had consumed past its committed offsets (in flight).
/// </summary>
internal static class ConsumerKill
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(int Messages, TimeSpan Stream, int KillAfterChildConsumed);

    public static readonly Size Full = new(20_000, TimeSpan.FromSeconds(60), 5_000);

    public static readonly Size Short = new(2_000, TimeSpan.FromSeconds(8), 300);

    public static async Task<Tally> RunAsync(Size size, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("consumer-kill");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2 }, cancellationToken).ConfigureAwait(false);
        var ns = cluster.NameServerAddress;
        var topic = FaultKit.Unique("FaultKill");
        await cluster.CreateTopicAsync(topic, 4, cancellationToken).ConfigureAwait(false);
        var group = FaultKit.Unique("fault_kill_cg");

        // What the child consumed: key -> (broker, queue, offset), from its stdout.
        var childConsumed = new ConcurrentDictionary<string, (string Broker, int Queue, long Offset)>(StringComparer.Ordinal);
        var childId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var child = ChildModes.StartConsumer(ns, group, topic, line =>
        {
            if (line.StartsWith(ChildModes.ReadyPrefix, StringComparison.Ordinal))
            {
                childId.TrySetResult(line[ChildModes.ReadyPrefix.Length..].Trim());
            }
            else if (line.StartsWith(ChildModes.ConsumedPrefix, StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                tally.Consume(parts[1]);
                childConsumed[parts[1]] = (parts[2], int.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture));
            }
        });
        var survivor = FaultKit.NewConsumer(ns, group, topic, tally);
        var producer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
        try
        {
            var id = await childId.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await survivor.Start().ConfigureAwait(false);
            var shared = await FaultKit.Until(() => survivor.OwnedQueues.Count(q => q.Topic == topic) == 4, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            tally.Check(shared, "the two members did not share the queues");

            var sending = FaultKit.SendStream(producer, topic, tally, size.Messages, 2, size.Stream, "kill", cancellationToken: cancellationToken);
            await FaultKit.Until(() => childConsumed.Count >= size.KillAfterChildConsumed || sending.IsCompleted, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            child.Kill();
            await child.Completion.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);

            // What the broker holds for the child's queues now is all a successor can start from.
            var committed = new Dictionary<(string, int), long>();
            foreach (var broker in cluster.BrokerNames.Select((name, i) => (name, i)))
            {
                for (var q = 0; q < 4; q++)
                {
                    committed[(broker.name, q)] = cluster.Brokers[broker.i].Offsets.QueryOffset(group, topic, q);
                }
            }

            var noticed = await FaultKit.Until(() => cluster.Brokers.All(b => b.Consumers.GetGroup(group)?.ClientIds().Contains(id) != true), TimeSpan.FromSeconds(150), cancellationToken).ConfigureAwait(false);
            var noticedAt = Stopwatch.StartNew();
            var owned = await FaultKit.Until(() => survivor.OwnedQueues.Count(q => q.Topic == topic) == 8, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            tally.Recovery = noticedAt.Elapsed;

            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            var inFlight = childConsumed.Values.Count(c => c.Offset >= committed.GetValueOrDefault((c.Broker, c.Queue), -1));

            tally.Check(noticed, "the broker never noticed the killed member");
            tally.Check(owned && tally.Recovery < TimeSpan.FromSeconds(1), $"the survivor owned every queue {tally.Recovery?.TotalMilliseconds:F0} ms after the broker noticed (bound 1 s)");
            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            tally.Check(tally.Duplicates <= inFlight, $"{tally.Duplicates} duplicates, but only {inFlight} messages were in flight (consumed by the killed member past its committed offsets)");
            tally.Check(tally.ErrorCount == 0, "sends failed");
            return tally;
        }
        finally
        {
            child.Kill();
            await survivor.Shutdown().ConfigureAwait(false);
            await producer.Shutdown().ConfigureAwait(false);
        }
    }
}
