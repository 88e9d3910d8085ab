using System.Diagnostics;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 2: two name servers; one is stopped mid-stream. Promise: no error reaches the producer, the consumer or
/// an admin that keeps asking the name servers; a new producer on a new topic and a consumer joining the group
/// still work.
/// </summary>
internal static class NameServerOutage
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(int Messages, int Senders, TimeSpan Stream, int NewTopicMessages);

    public static readonly Size Full = new(20_000, 4, TimeSpan.FromSeconds(60), 1_000);

    public static readonly Size Short = new(1_500, 2, TimeSpan.FromSeconds(6), 100);

    public static async Task<Tally> RunAsync(Size size, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("namesrv-outage");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2, NameServerCount = 2 }, cancellationToken).ConfigureAwait(false);
        var ns = cluster.NameServerAddress;
        var topic = FaultKit.Unique("FaultNs");
        await cluster.CreateTopicAsync(topic, 4, cancellationToken).ConfigureAwait(false);
        var group = FaultKit.Unique("fault_ns_cg");
        var first = FaultKit.NewConsumer(ns, group, topic, tally);
        var producer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
        await using var admin = Rocketmq.NewAdmin(AdminOptions.WithNameServer(cluster.NameServerAddresses.ToArray()), AdminOptions.WithLoggerFactory(FaultKit.Logging));
        var joinedTally = new Tally("namesrv-outage-new-topic");
        PushConsumer? joining = null;
        PushConsumer? newTopicConsumer = null;
        DefaultProducer? newProducer = null;
        using var stopAdmin = new CancellationTokenSource();
        try
        {
            await first.Start().ConfigureAwait(false);
            var sending = FaultKit.SendStream(producer, topic, tally, size.Messages, size.Senders, size.Stream, "ns", cancellationToken: cancellationToken);
            var adminCalls = AdminLoop(admin, topic, group, tally, stopAdmin.Token);

            await FaultKit.Until(() => tally.Acknowledged >= size.Messages / 3 || sending.IsCompleted, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            await cluster.StopNameServerAsync(0).ConfigureAwait(false);
            var stopped = Stopwatch.StartNew();

            // A producer that never saw the topics asks the name servers (one of them dead) for the new topic's route,
            // created through TBW102 on first send, and a member joins the running group.
            newProducer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
            var newTopic = FaultKit.Unique("FaultNsNew");
            newTopicConsumer = FaultKit.NewConsumer(ns, FaultKit.Unique("fault_ns_new_cg"), newTopic, joinedTally);
            await FaultKit.SendStream(newProducer, newTopic, joinedTally, size.NewTopicMessages, 1, TimeSpan.Zero, "new", cancellationToken: cancellationToken).ConfigureAwait(false);
            await newTopicConsumer.Start().ConfigureAwait(false);
            joining = FaultKit.NewConsumer(ns, group, topic, tally);
            await joining.Start().ConfigureAwait(false);
            var joiningOwns = await FaultKit.Until(() => joining.OwnedQueues.Any(q => q.Topic == topic), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            tally.Recovery = stopped.Elapsed;

            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            var newConsumed = await joinedTally.WaitForAllConsumed(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            await stopAdmin.CancelAsync().ConfigureAwait(false);
            await adminCalls.ConfigureAwait(false);

            tally.Check(tally.ErrorCount == 0, "errors reached the producer or the admin");
            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed");
            tally.Check(joiningOwns, "the joining consumer got no queue");
            tally.Check(joinedTally.ErrorCount == 0 && joinedTally.Acknowledged == size.NewTopicMessages, $"the new producer's sends failed: {joinedTally.Line()}");
            tally.Check(newConsumed && joinedTally.Lost == 0, $"the new topic's messages were not all consumed: {joinedTally.Line()}");
            return tally;
        }
        finally
        {
            await stopAdmin.CancelAsync().ConfigureAwait(false);
            foreach (var consumer in new[] { joining, newTopicConsumer, first })
            {
                if (consumer is not null)
                {
                    await consumer.Shutdown().ConfigureAwait(false);
                }
            }

            if (newProducer is not null)
            {
                await newProducer.Shutdown().ConfigureAwait(false);
            }

            await producer.Shutdown().ConfigureAwait(false);
        }
    }

    // Name server and broker questions an operator's tool asks, every 100 ms; each failure counts.
    private static async Task AdminLoop(IAdmin admin, string topic, string group, Tally tally, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await admin.FetchPublishMessageQueues(CancellationToken.None, topic).ConfigureAwait(false);
                await admin.GetBrokerClusterInfo(CancellationToken.None).ConfigureAwait(false);
                await admin.FetchAllTopicList(CancellationToken.None).ConfigureAwait(false);
                await admin.ConsumerProgress(CancellationToken.None, group, topic).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Primitive.RocketMQException)
            {
                tally.Error("admin " + e.GetType().Name);
            }

            try
            {
                await Task.Delay(100, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
