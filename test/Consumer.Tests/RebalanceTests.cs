using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

public class RebalanceTests(ITestOutputHelper output) : ConsumerClusterTestBase
{
    [Fact]
    public async Task A_joining_and_a_leaving_consumer_move_queues_at_once_and_lose_nothing()
    {
        var topic = await NewTopic(8);
        var group = Unique("cg");
        var collector = new Collector();
        var a = NewConsumer(group);
        var b = NewConsumer(group);
        a.Subscribe(topic, MessageSelector.All, collector.Handler("a"));
        b.Subscribe(topic, MessageSelector.All, collector.Handler("b"));
        await a.Start();
        await b.Start();
        await Eventually(() => Balanced(topic, a, b), because: "a and b share the 16 queues");

        // Keep producing while the group changes.
        using var stop = new CancellationTokenSource();
        var sent = new List<string>();
        var producing = Task.Run(async () =>
        {
            var producer = await Producer();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var body = "p-" + i;
                await producer.SendSync(new Message(topic, System.Text.Encoding.UTF8.GetBytes(body)));
                lock (sent)
                {
                    sent.Add(body);
                }

            }
        });

        await Eventually(() => collector.Count > 300);
        var c = NewConsumer(group);
        c.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        var joined = Stopwatch.StartNew();
        await c.Start();
        await Eventually(() => Balanced(topic, a, b, c) && Owned(c, topic) > 0, because: "c gets its share");
        var joinTime = joined.Elapsed;

        await Eventually(() => collector.Received.Count(r => r.Consumer == "c") > 300);
        var left = Stopwatch.StartNew();
        await a.Shutdown();
        await Eventually(() => Balanced(topic, b, c), because: "b and c take a's queues");
        var leaveTime = left.Elapsed;

        var atLeave = collector.Count;
        await Eventually(() => collector.Count > atLeave + 300);
        stop.Cancel();
        await producing;
        await Eventually(() => sent.All(new HashSet<string>(collector.Bodies()).Contains), because: "every sent message is consumed");

        output.WriteLine($"join {joinTime.TotalMilliseconds:F0} ms, leave {leaveTime.TotalMilliseconds:F0} ms, sent {sent.Count}, delivered {collector.Count}, duplicates {collector.Count - collector.Bodies().Distinct().Count()}");
        // The broker's NOTIFY_CONSUMER_IDS_CHANGED makes every member rebalance at once (typically well under a
        // second); without it the queues would move at the next 20 s rebalance round, or after the 120 s client expiry.
        joinTime.Should().BeLessThan(TimeSpan.FromSeconds(5), "a joining consumer gets its queues at once, not at the 20 s rebalance");
        leaveTime.Should().BeLessThan(TimeSpan.FromSeconds(5), "a leaving consumer's queues move at once, not at the 20 s rebalance");
        var duplicates = collector.Count - collector.Bodies().Distinct().Count();
        duplicates.Should().BeLessThanOrEqualTo(2 * 20, "only messages whose handler was running when a queue moved come twice (2 moves, 20 workers)");
    }

    [Fact]
    public async Task Rebalance_drops_the_queues_of_an_unsubscribed_topic()
    {
        var t1 = await NewTopic(2);
        var t2 = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(t1, MessageSelector.All, collector.Handler("c"));
        consumer.Subscribe(t2, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Eventually(() => Owned(consumer, t1) == 4 && Owned(consumer, t2) == 4);
        consumer.Unsubscribe(t2);
        await Eventually(() => Owned(consumer, t2) == 0, because: "t2's queues are released");
        Owned(consumer, t1).Should().Be(4);
    }

    private static int Owned(PushConsumer c, string topic) => c.OwnedQueues.Count(q => q.Topic == topic);

    // Every queue of the topic owned by exactly one consumer.
    private static bool Balanced(string topic, params PushConsumer[] consumers)
    {
        var owned = consumers.SelectMany(c => c.OwnedQueues.Where(q => q.Topic == topic)).ToList();
        return owned.Count == 16 && owned.Distinct().Count() == 16 && consumers.All(c => Owned(c, topic) > 0);
    }
}
