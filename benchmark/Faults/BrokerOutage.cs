using System.Diagnostics;
using RocketMQ.Go.Port.Broker;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 1: two brokers; sync sends from concurrent senders with retries; broker-a is stopped after a share of
/// them, then restarted; a push group of two consumes. Promise: nothing acknowledged is lost, and a send fails only
/// when it was in flight at the cut.
/// </summary>
internal static class BrokerOutage
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(int Messages, int Senders, int CutAfter, TimeSpan Outage, TimeSpan Stream);

    /// <summary>The issue's sizes: 20,000 sends from 8 senders, broker-a down for 10 s after 5,000.</summary>
    public static readonly Size Full = new(20_000, 8, 5_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));

    /// <summary>The test's: the same shape, smaller and shorter.</summary>
    public static readonly Size Short = new(3_000, 8, 750, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));

    public static async Task<Tally> RunAsync(Size size, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("broker-outage");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2 }, cancellationToken).ConfigureAwait(false);
        var topic = FaultKit.Unique("FaultOutage");
        await cluster.CreateTopicAsync(topic, 4, cancellationToken).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var restartedAt = TimeSpan.MaxValue;
        long firstFromAAfterRestart = -1;
        void OnMessage(Primitive.MessageExt msg)
        {
            if (msg.Queue?.BrokerName == "broker-a" && clock.Elapsed > restartedAt)
            {
                Interlocked.CompareExchange(ref firstFromAAfterRestart, clock.Elapsed.Ticks, -1);
            }
        }

        var group = FaultKit.Unique("fault_outage_cg");
        var consumers = new[] { FaultKit.NewConsumer(cluster.NameServerAddress, group, topic, tally, OnMessage), FaultKit.NewConsumer(cluster.NameServerAddress, group, topic, tally, OnMessage) };
        var producer = await FaultKit.StartProducer(cluster.NameServerAddress).ConfigureAwait(false);
        try
        {
            foreach (var consumer in consumers)
            {
                await consumer.Start().ConfigureAwait(false);
            }

            await FaultKit.Until(() => consumers.Sum(c => c.OwnedQueues.Count(q => q.Topic == topic)) == 8, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var failures = new List<SendFailure>();
            var streamClock = Stopwatch.StartNew();
            var sending = FaultKit.SendStream(producer, topic, tally, size.Messages, size.Senders, size.Stream, "outage", failures, cancellationToken);

            await FaultKit.Until(() => tally.Acknowledged >= size.CutAfter || sending.IsCompleted, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            var cutAt = streamClock.Elapsed;
            await cluster.StopBrokerAsync(0).ConfigureAwait(false);
            var cutDone = streamClock.Elapsed;
            await Task.Delay(size.Outage, cancellationToken).ConfigureAwait(false);
            await cluster.RestartBrokerAsync(0, cancellationToken).ConfigureAwait(false);
            restartedAt = clock.Elapsed;

            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (Interlocked.Read(ref firstFromAAfterRestart) is var first and > 0)
            {
                tally.Recovery = TimeSpan.FromTicks(first) - restartedAt;
            }

            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            var late = failures.Where(f => f.Started > cutDone || f.Ended < cutAt).ToList();
            tally.Check(late.Count == 0,
                $"{late.Count} sends failed that were not in flight at the cut ({cutAt.TotalMilliseconds:F0}-{cutDone.TotalMilliseconds:F0} ms), e.g. {string.Join("; ", late.Take(3).Select(f => $"{f.Key} {f.Started.TotalMilliseconds:F0}-{f.Ended.TotalMilliseconds:F0} ms: {f.Error.Message}"))}");
            if (tally.Recovery is null)
            {
                tally.Note("broker-a took no new message before the stream ended (not back in the producer's rotation)");
            }
            return tally;
        }
        finally
        {
            foreach (var consumer in consumers)
            {
                await consumer.Shutdown().ConfigureAwait(false);
            }

            await producer.Shutdown().ConfigureAwait(false);
        }
    }
}
