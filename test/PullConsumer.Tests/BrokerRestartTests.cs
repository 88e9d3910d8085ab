using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A broker restarted on its disk store has lost its consumer table. Its member list then names only the members
/// whose heartbeat came since; Go and Java allocate from that list, so a member missing from it drops its queues
/// until its next 30 s heartbeat.
/// </summary>
public sealed class BrokerRestartTests(ITestOutputHelper output) : PullClusterTestBase, IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "pull-restart-" + Guid.NewGuid().ToString("N"));

    protected override EmbeddedClusterOptions ClusterOptions
    {
        get
        {
            var options = base.ClusterOptions;
            options.StoreDirectory = _store;
            return options;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Fact]
    public async Task Polling_resumes_within_2s_of_a_restart_that_lost_the_consumer_table()
    {
        var topic = await NewTopic(2);
        var group = Unique("rg");
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        await SendTo(Queue(topic, 0), 2, "before");
        await SendTo(Queue(topic, 1), 2, "before");
        await PollAndAck(consumer, 4);

        var tableBefore = Cluster.Brokers[0].Consumers;
        await Cluster.StopBrokerAsync(0);
        await Cluster.RestartBrokerAsync(0);
        var restarted = Stopwatch.StartNew();
        // Not "the group is absent": the consumer's probe may heartbeat the new broker before this line runs.
        Cluster.Brokers[0].Consumers.Should().NotBeSameAs(tableBefore, "the restarted broker starts with a new, empty consumer table");
        await SendTo(Queue(topic, 0), 1, "after");
        await SendTo(Queue(topic, 1), 1, "after");
        var after = await PollAndAck(consumer, 2);
        var recovery = restarted.Elapsed;
        output.WriteLine($"polled from both queues {recovery.TotalMilliseconds:F0} ms after the restart");

        after.Select(Text).Should().Equal("after-0", "after-0");
        recovery.Should().BeLessThan(TimeSpan.FromSeconds(2), "the pull loops wait for the broker's return, not 3 s each");
        Cluster.Brokers[0].Consumers.GetGroup(group).Should().NotBeNull("the probe's heartbeat told the broker about the consumer");
    }

    [Fact]
    public async Task A_member_the_broker_does_not_list_heartbeats_it_and_keeps_its_queues()
    {
        var topic = await NewTopic(4);
        var group = Unique("rg");
        var a = NewConsumer(group);
        var b = NewConsumer(group);
        a.Subscribe(topic, MessageSelector.All);
        b.Subscribe(topic, MessageSelector.All);
        await a.Start();
        await b.Start();
        await Eventually(() => Task.FromResult(Owned(a, topic) == 2 && Owned(b, topic) == 2), "each member owns two queues");
        var bQueues = b.OwnedQueues.Where(q => q.Topic == topic).ToHashSet();
        var bCaches = b.ProcessQueueTable.Values.ToList(); // the retry topic's too

        // As after a restart where a's heartbeat came first: the broker lists a alone, and b's pulls (which carry
        // their subscription) never tell b.
        var broker = Cluster.Brokers[0];
        broker.Consumers.Unregister(group, broker.Consumers.FindChannel(group, b.ClientID!)!.Channel, notifyEnabled: false);
        broker.Consumers.GetGroup(group)!.ClientIds().Should().Equal(a.ClientID);
        var forgotten = Stopwatch.StartNew();

        // b's rebalance (every second here) finds itself missing, heartbeats the broker and keeps its queues.
        await Eventually(() => Task.FromResult(broker.Consumers.GetGroup(group)!.ClientIds().Count == 2), "b tells the broker about itself");
        output.WriteLine($"the broker lists both members {forgotten.ElapsedMilliseconds} ms after it forgot b");
        forgotten.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "no waiting for b's 30 s heartbeat round");
        await b.DoBalanceIfNotPaused(CancellationToken.None);
        bCaches.Should().OnlyContain(pq => !pq.IsDropped, "b never let its queues go (Go and Java drop them until b's next heartbeat)");
        b.OwnedQueues.Where(q => q.Topic == topic).Should().BeEquivalentTo(bQueues);
        // a may have rebalanced while the broker listed it alone and taken all four; its next round gives two back.
        await Eventually(() => Task.FromResult(Owned(a, topic) == 2), "a owns two queues again once the broker lists both members");
    }

    private static int Owned(PullConsumer consumer, string topic) => consumer.OwnedQueues.Count(q => q.Topic == topic);
}
