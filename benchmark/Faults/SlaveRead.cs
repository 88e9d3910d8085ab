using System.Collections.Concurrent;
using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Processor;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario "slave": two brokers, broker-a with a slave; a paced send stream and a push group. The group's handler
/// is held for a while before broker-a's master is killed, so a backlog waits on broker-a's queues at its death.
/// Promises: the group reads broker-a's queues from the slave within 2 s of the kill (kill -> the last of the queues
/// with a backlog delivers its first message the master never served), producers stop choosing broker-a (only sends in flight at the cut fail,
/// and their route drops broker-a within 2 s); after the master's restart producers send to it and the group pulls
/// from it again within 2 s; nothing acknowledged is lost.
/// </summary>
internal static class SlaveRead
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);

    /// <summary>The sizes of one run: send rate, time before the hold, the hold before the kill, the outage, the tail after the restart.</summary>
    public sealed record Size(int Rate, TimeSpan Warmup, TimeSpan Hold, TimeSpan Outage, TimeSpan Tail);

    /// <summary>A minute of sends at 1,000 a second with broker-a's master down for 30 s.</summary>
    public static readonly Size Full = new(1_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15));

    /// <summary>The test's: 300 a second, the master down for 8 s.</summary>
    public static readonly Size Short = new(300, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(6));

    public static async Task<Tally> RunAsync(Size size, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("slave");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2, SlavesPerBroker = 1 }, cancellationToken).ConfigureAwait(false);
        var topic = FaultKit.Unique("FaultSlave");
        await cluster.CreateTopicAsync(topic, 4, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var watch = new Watch(topic, clock);
        cluster.Brokers[0].PullObserved = watch.MasterServed;
        cluster.SlavesOf(0)[0].PullObserved = watch.SlaveServed;

        using var gate = new ManualResetEventSlim(initialState: true);
        void OnMessage(Primitive.MessageExt msg)
        {
            watch.Delivered(msg);
            gate.Wait(cancellationToken);
        }

        // One handler thread and a small buffer per queue: while the handler is held, the backlog stays on the brokers.
        var consumer = FaultKit.NewConsumer(cluster.NameServerAddress, FaultKit.Unique("fault_slave_cg"), topic, tally, OnMessage,
            ConsumerOptions.WithConsumeGoroutineNums(1), ConsumerOptions.WithPullThresholdForQueue(8), ConsumerOptions.WithPullBatchSize(4));
        // Latency fault avoidance off: it could steer sends away from broker-a before the kill (no backlog) and would
        // hide whether the route alone stops producers choosing it.
        var producer = await FaultKit.StartProducer(cluster.NameServerAddress, RocketMQ.Go.Port.Producer.ProducerOptions.WithSendLatencyFaultEnable(false)).ConfigureAwait(false);
        try
        {
            await consumer.Start().ConfigureAwait(false);
            await FaultKit.Until(() => consumer.OwnedQueues.Count(q => q.Topic == topic) == 8, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var stream = size.Warmup + size.Hold + size.Outage + size.Tail;
            var failures = new List<SendFailure>();
            var streamClock = Stopwatch.StartNew();
            var sending = FaultKit.SendStream(producer, topic, tally, (int)(size.Rate * stream.TotalSeconds), 8, stream, "slave", failures, cancellationToken,
                onAcknowledged: watch.Acknowledged);

            await Task.Delay(size.Warmup, cancellationToken).ConfigureAwait(false);
            gate.Reset();
            await Task.Delay(size.Hold, cancellationToken).ConfigureAwait(false);

            var store = cluster.Brokers[0].Store;
            var backlogs = store.QueuesOf(topic).ToDictionary(q => q.QueueId, q => Math.Max(0, store.GetMaxOffsetInQueue(topic, q.QueueId) - watch.MasterNext(q.QueueId)));
            var backlog = backlogs.Values.Sum();
            var waiting = backlogs.Where(p => p.Value > 0).Select(p => p.Key).ToList();
            var (ackedAtKill, deliveredAtKill) = (tally.Acknowledged, tally.Deliveries);
            var cutAt = streamClock.Elapsed;
            var killedAt = watch.Kill();
            await cluster.KillBrokerAsync(0).ConfigureAwait(false);
            var cutDone = streamClock.Elapsed;
            gate.Set();
            tally.Check(backlog > 0, "no backlog waited on broker-a's queues when its master died");

            var moved = await FaultKit.Until(() => waiting.All(q => watch.FirstFromSlave(q) is not null), size.Outage, cancellationToken).ConfigureAwait(false);
            var dropped = await FaultKit.Until(() => !ProducerRouteHasBrokerA(producer, topic), size.Outage, cancellationToken).ConfigureAwait(false);
            var routeDroppedIn = clock.Elapsed - killedAt;
            var rest = size.Outage - (clock.Elapsed - killedAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
            }

            var restartedAt = watch.Restart();
            await cluster.RestartBrokerAsync(0, cancellationToken).ConfigureAwait(false);
            await FaultKit.Until(() => watch.FirstSendToAAfterRestart is not null && watch.FirstMasterPullAfterRestart is not null, size.Tail, cancellationToken).ConfigureAwait(false);

            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);

            // Every queue with a backlog resumed: the last of them to deliver a message the master never served.
            var toSlave = moved && waiting.Count > 0 ? waiting.Max(q => watch.FirstFromSlave(q)!.Value) - killedAt : (TimeSpan?)null;
            var firstToSlave = waiting.Select(q => watch.FirstFromSlave(q)).Where(t => t is not null).Min() - killedAt;
            var slaveServed = watch.SlaveFirstFound - killedAt;
            var sendsBack = watch.FirstSendToAAfterRestart - restartedAt;
            var pullsBack = watch.FirstMasterPullAfterRestart - restartedAt;
            tally.Recovery = toSlave;
            tally.Note($"at the kill {ackedAtKill} acknowledged, {deliveredAtKill} delivered, backlog on broker-a {backlog} in {waiting.Count} queues; kill -> slave served {Ms(slaveServed)}, -> first delivery of a message the master never served {Ms(firstToSlave)}, on every such queue {Ms(toSlave)}; producer route without broker-a {(dropped ? Ms(routeDroppedIn) : "never")}; restart -> send to broker-a {Ms(sendsBack)}, -> pull from the master {Ms(pullsBack)}; {watch.SlavePulls} pulls served by the slave");
            tally.Check(moved && toSlave <= Promise, $"the group did not read every broker-a queue with a backlog from the slave within {Promise.TotalSeconds:F0} s of the kill ({Ms(toSlave)})");
            tally.Check(dropped && routeDroppedIn <= Promise, $"the producer's route still named broker-a {Promise.TotalSeconds:F0} s after the kill ({(dropped ? Ms(routeDroppedIn) : "never")})");
            tally.Check(sendsBack <= Promise, $"no send reached broker-a within {Promise.TotalSeconds:F0} s of its master's restart ({Ms(sendsBack)})");
            tally.Check(pullsBack <= Promise, $"the group did not pull from broker-a's master within {Promise.TotalSeconds:F0} s of its restart ({Ms(pullsBack)})");
            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            var late = failures.Where(f => f.Started > cutDone || f.Ended < cutAt).ToList();
            tally.Check(late.Count == 0,
                $"{late.Count} sends failed that were not in flight at the cut ({cutAt.TotalMilliseconds:F0}-{cutDone.TotalMilliseconds:F0} ms), e.g. {string.Join("; ", late.Take(3).Select(f => $"{f.Key} {f.Started.TotalMilliseconds:F0}-{f.Ended.TotalMilliseconds:F0} ms: {f.Error.Message}"))}");
            return tally;
        }
        finally
        {
            gate.Set();
            await consumer.Shutdown().ConfigureAwait(false);
            await producer.Shutdown().ConfigureAwait(false);
        }
    }

    private static bool ProducerRouteHasBrokerA(RocketMQ.Go.Port.Producer.DefaultProducer producer, string topic)
    {
        var info = producer.TryToFindTopicPublishInfo(topic, TimeSpan.FromSeconds(3), CancellationToken.None);
        return !info.IsCompletedSuccessfully || info.Result.MqList.Any(q => q.BrokerName == "broker-a");
    }

    private static string Ms(TimeSpan? span) => span is { } s ? $"{s.TotalMilliseconds:F0} ms" : "not seen";

    // What broker-a's master and slave served and the group got, timed on one clock.
    private sealed class Watch(string topic, Stopwatch clock)
    {
        private readonly ConcurrentDictionary<int, long> _masterNext = new();
        private readonly Lock _lock = new();
        private TimeSpan? _killedAt;
        private TimeSpan? _restartedAt;
        private long _slavePulls;

        private readonly ConcurrentDictionary<int, TimeSpan> _firstFromSlave = new();

        public TimeSpan? FirstFromSlave(int queueId) => _firstFromSlave.TryGetValue(queueId, out var at) ? at : null;

        public TimeSpan? SlaveFirstFound { get; private set; }

        public TimeSpan? FirstSendToAAfterRestart { get; private set; }

        public TimeSpan? FirstMasterPullAfterRestart { get; private set; }

        public long SlavePulls => Interlocked.Read(ref _slavePulls);

        public long MasterNext(int queueId) => _masterNext.GetValueOrDefault(queueId);

        public TimeSpan Kill()
        {
            lock (_lock)
            {
                _killedAt = clock.Elapsed;
                return _killedAt.Value;
            }
        }

        public TimeSpan Restart()
        {
            lock (_lock)
            {
                _restartedAt = clock.Elapsed;
                return _restartedAt.Value;
            }
        }

        public void MasterServed(PullServed pull)
        {
            if (pull.Topic != topic)
            {
                return;
            }

            lock (_lock)
            {
                if (_killedAt is null && pull.Code == ResponseCode.SUCCESS)
                {
                    _masterNext.AddOrUpdate(pull.QueueId, pull.NextBeginOffset, (_, old) => Math.Max(old, pull.NextBeginOffset));
                }

                if (_restartedAt is not null)
                {
                    FirstMasterPullAfterRestart ??= clock.Elapsed;
                }
            }
        }

        public void SlaveServed(PullServed pull)
        {
            if (pull.Topic != topic)
            {
                return;
            }

            Interlocked.Increment(ref _slavePulls);
            lock (_lock)
            {
                if (pull.Code == ResponseCode.SUCCESS && _killedAt is not null)
                {
                    SlaveFirstFound ??= clock.Elapsed;
                }
            }
        }

        public void Delivered(Primitive.MessageExt msg)
        {
            if (msg.Queue is not { BrokerName: "broker-a" } queue)
            {
                return;
            }

            lock (_lock)
            {
                if (_killedAt is not null && msg.QueueOffset >= MasterNext(queue.QueueId))
                {
                    _firstFromSlave.TryAdd(queue.QueueId, clock.Elapsed);
                }
            }
        }

        public void Acknowledged(Primitive.SendResult result)
        {
            if (result.MessageQueue?.BrokerName != "broker-a")
            {
                return;
            }

            lock (_lock)
            {
                if (_restartedAt is not null)
                {
                    FirstSendToAAfterRestart ??= clock.Elapsed;
                }
            }
        }
    }
}
