using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A push consumer follows a broker's death and return without waiting for the 30 s route poll (issue 11): a pull
/// that fails to connect refreshes the topic's route at once, and the broker is watched until it answers again.
/// </summary>
public sealed class BrokerRecoveryTests : ConsumerClusterTestBase
{
    // Far inside the 30 s route poll, which this test keeps at its default; the slack covers a loaded 2-core machine.
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(4);

    private static readonly ConsumerOption DefaultRoutePoll = new(o => o.Client.Intervals = new ClientIntervals
    {
        PersistOffset = TimeSpan.FromSeconds(1),
        PersistOffsetDelay = TimeSpan.FromSeconds(1),
    });

    [Fact]
    public async Task A_consumer_leaves_a_dead_broker_at_once_and_takes_its_queues_back_as_soon_as_it_answers()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("rc"), DefaultRoutePoll);
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Send(topic, 4, "before");
        await collector.WaitFor(4);
        await Eventually(() => BrokersPulled(consumer, topic).SequenceEqual(["broker-a", "broker-b"]), because: "the consumer pulls from both brokers");

        await Cluster.StopBrokerAsync(0);
        var clock = Stopwatch.StartNew();
        await Eventually(() => BrokersPulled(consumer, topic).SequenceEqual(["broker-b"]), Recovery,
            "a pull that failed to connect refreshed the route at once (the poll comes every 30 s)");

        await Cluster.RestartBrokerAsync(0);
        clock.Restart();
        await Eventually(() => BrokersPulled(consumer, topic).Contains("broker-a"), Recovery,
            "the broker answered a heartbeat, the routes were refreshed and the rebalance took its queues back");
        var after = await Send(topic, 8, "after");

        // Deliveries, not distinct messages: what broker-a's dropped queues consumed after their last persisted offset
        // comes again (at-least-once), so wait for the new messages themselves.
        await Eventually(() => after.All(collector.Bodies().Contains), Recovery, "the messages sent after the broker's return are consumed");
    }

    private static List<string> BrokersPulled(PushConsumer consumer, string topic)
        => consumer.ProcessQueueTable.Where(kv => kv.Key.Topic == topic && !kv.Value.IsDropped).Select(kv => kv.Key.BrokerName)
            .Distinct().Order(StringComparer.Ordinal).ToList();
}
