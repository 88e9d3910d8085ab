using RocketMQ.Go.Port.Consumer;

namespace RocketMQ.Go.Port.Tests;

public class ClusteringTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task Three_consumers_on_eight_queues_of_two_brokers_receive_every_message_exactly_once()
    {
        var topic = await NewTopic(8);
        var group = Unique("cg");
        var collector = new Collector();
        var consumers = new List<PushConsumer>();
        for (var i = 0; i < 3; i++)
        {
            var c = NewConsumer(group);
            c.Subscribe(topic, MessageSelector.All, collector.Handler("c" + i));
            consumers.Add(c);
        }

        foreach (var c in consumers)
        {
            await c.Start();
        }

        // Each broker learns the group's members from heartbeats, so while members join a consumer can balance one topic
        // (or the group's retry topic) with a member list another broker has not completed yet and briefly hold a queue
        // another member took, as in Go and Java; the next rebalance settles it. Wait for the settled state of every
        // subscribed topic, the retry topic included, before measuring.
        await Eventually(
            () => consumers.Sum(c => Owned(c, topic)) == 16 && consumers.All(c => Owned(c, topic) > 0)
                && consumers.SelectMany(c => c.OwnedQueues).GroupBy(q => q).All(g => g.Count() == 1),
            because: "16 queues shared by 3 consumers, and every queue, retry topic included, held by one");
        var sent = await Send(topic, 300);
        await collector.WaitFor(300);
        await Task.Delay(300); // any duplicate would show up now
        collector.Bodies().Should().BeEquivalentTo(sent, "a clean run delivers every message exactly once");
        collector.Received.Select(r => r.Consumer).Distinct().Should().HaveCount(3, "every consumer owns queues");
        consumers.SelectMany(c => c.OwnedQueues).Should().OnlyHaveUniqueItems();
    }

    private static int Owned(PushConsumer c, string topic) => c.OwnedQueues.Count(q => q.Topic == topic);
}
