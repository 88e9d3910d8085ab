using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Members allocate queues from their own view of the group and of the topic's queues; when views differ, some
/// queues get two owners and their messages are consumed twice. Brokers that restarted or are shutting down know
/// only some members, and a member that joined after a broker left sees other queues than the rest.
/// </summary>
public class MemberViewTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task A_broker_that_forgot_a_member_does_not_make_the_others_take_its_queues()
    {
        var topic = await NewTopic(4);
        var group = Unique("mg");
        var collector = new Collector();
        var a = NewConsumer(group);
        var b = NewConsumer(group);
        a.Subscribe(topic, MessageSelector.All, collector.Handler("a"));
        b.Subscribe(topic, MessageSelector.All, collector.Handler("b"));
        await a.Start();
        await b.Start();
        await Eventually(() => Owned(a, topic) == 4 && Owned(b, topic) == 4, because: "a and b share the 8 queues");
        var aQueues = a.OwnedQueues.Where(q => q.Topic == topic).ToHashSet();

        // broker-a forgets b (as after its restart, before b's heartbeat); broker-b still lists both.
        var brokerA = Cluster.Brokers[0];
        brokerA.Consumers.Unregister(group, brokerA.Consumers.FindChannel(group, b.ClientID!)!.Channel, notifyEnabled: false);

        // Go and Java ask one broker at random: half of these rebalances would give a all 8 queues.
        for (var i = 0; i < 10; i++)
        {
            await a.DoBalance(CancellationToken.None);
            a.OwnedQueues.Where(q => q.Topic == topic).Should().BeEquivalentTo(aQueues, "a member listed by any broker is alive");
        }
    }

    [Fact]
    public async Task A_member_joining_after_a_broker_left_makes_the_others_read_the_route_again()
    {
        var topic = await NewTopic(4);
        var group = Unique("mg");
        var collector = new Collector();

        // The default route poll (30 s): the members' routes are what they read at start.
        ConsumerOption slowRoutes = new(o => o.Client.Intervals = new ClientIntervals());
        var a = NewConsumer(group, slowRoutes);
        a.Subscribe(topic, MessageSelector.All, collector.Handler("a"));
        await a.Start();
        await Eventually(() => Owned(a, topic) == 8, because: "a owns both brokers' queues");

        // broker-b leaves; a joins member c, whose route names broker-a alone.
        await Cluster.StopBrokerAsync(1);
        var c = NewConsumer(group, slowRoutes);
        c.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await c.Start();
        await Eventually(() => Owned(c, topic) > 0, because: "c gets a share");

        // On the broker's notice a reads the route again and allocates over the same 4 queues as c: no queue has two
        // owners (with a's stale route of 8 queues, a and c would both take some of broker-a's).
        await Eventually(
            () => Owned(a, topic) + Owned(c, topic) == 4 && !a.OwnedQueues.Intersect(c.OwnedQueues).Any(),
            TimeSpan.FromSeconds(10),
            "a and c split broker-a's 4 queues without overlap");
    }

    private static int Owned(PushConsumer consumer, string topic) => consumer.OwnedQueues.Count(q => q.Topic == topic);
}
