using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A broker restarted on its disk store has lost its consumer table: it refuses pulls with SUBSCRIPTION_NOT_EXIST
/// until it hears the group's heartbeat, which Go and Java send every 30 s. Runs alone: it measures recovery time.
/// </summary>
[Collection(nameof(LifecycleTests))]
public sealed class BrokerRestartTests(ITestOutputHelper output) : ConsumerClusterTestBase, IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "restart-store-" + Guid.NewGuid().ToString("N"));

    protected override EmbeddedClusterOptions ClusterOptions => new()
    {
        BrokerCount = 1,
        StoreDirectory = _store,
        MessageDelayLevel = string.Join(' ', Enumerable.Repeat("1s", 18)),
    };

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Consumption_resumes_within_2s_of_a_restart_that_lost_the_consumer_table(bool orderly)
    {
        var topic = await NewTopic(4);
        var group = Unique("rg");
        var collector = new Collector();
        var consumer = NewConsumer(group, ConsumerOptions.WithConsumerOrder(orderly));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Send(topic, 20, "before");
        await collector.WaitFor(20);

        var tableBefore = Cluster.Brokers[0].Consumers;
        await Cluster.StopBrokerAsync(0);
        await Cluster.RestartBrokerAsync(0);
        var restarted = Stopwatch.StartNew();
        // Not "the group is absent": the consumer's probe may heartbeat the new broker before this line runs.
        Cluster.Brokers[0].Consumers.Should().NotBeSameAs(tableBefore, "the restarted broker starts with a new, empty consumer table");

        // One message per queue: every queue's pull loop must be back.
        var after = await Send(topic, 4, "after");
        await Eventually(() => after.All(new HashSet<string>(collector.Bodies()).Contains), because: "the messages sent after the restart are consumed");
        var recovery = restarted.Elapsed;
        output.WriteLine($"consumed on every queue {recovery.TotalMilliseconds:F0} ms after the restart");

        // The probe heartbeats a returning broker every 500 ms, and a refused pull heartbeats it at once; without
        // either the broker refuses pulls until the 30 s heartbeat round.
        recovery.Should().BeLessThan(TimeSpan.FromSeconds(2));
        Cluster.Brokers[0].Consumers.GetGroup(group).Should().NotBeNull("the consumer told the restarted broker about itself");
    }

    [Fact]
    public async Task A_refused_pull_heartbeats_the_broker_at_once_even_while_the_connection_stays_up()
    {
        var topic = await NewTopic(2);
        var group = Unique("ng");
        var collector = new Collector();
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Send(topic, 4, "before");
        await collector.WaitFor(4);

        // The broker forgets the group without dropping a connection (as one that restarted behind the same
        // address before the client noticed): only the pulls' refusals can tell the client.
        var broker = Cluster.Brokers[0];
        broker.Consumers.Unregister(group, broker.Consumers.FindChannel(group, consumer.ClientID!)!.Channel, notifyEnabled: false);
        broker.Consumers.GetGroup(group).Should().BeNull();
        var forgotten = Stopwatch.StartNew();
        var after = await Send(topic, 4, "after");
        await Eventually(() => after.All(new HashSet<string>(collector.Bodies()).Contains), because: "the pulls come back after a heartbeat");
        output.WriteLine($"consumed {forgotten.ElapsedMilliseconds} ms after the broker forgot the group");
        forgotten.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the refusal heartbeats the broker at once; without it the next pull comes 3 s later and is refused until the 30 s heartbeat round");
        broker.Consumers.GetGroup(group).Should().NotBeNull();
    }
}
