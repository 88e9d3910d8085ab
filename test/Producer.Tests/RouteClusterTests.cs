using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Routes as the producer sees them: name server failover, and route changes picked up by the refresh loop.</summary>
public class RouteClusterTests : ClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 2, NameServerCount = 2 };

    [Fact]
    public async Task With_the_first_name_server_down_routes_come_from_the_next_one()
    {
        await Cluster.CreateTopicAsync("NsFailTopic");
        await Cluster.StopNameServerAsync(0);
        var producer = await StartProducer();
        var result = await producer.SendSync(Msg("NsFailTopic", "via second name server"));
        result.Status.Should().Be(SendStatus.SendOK);
        (await Stored("NsFailTopic")).Select(Text).Should().Equal("via second name server");
    }

    [Fact]
    public async Task A_send_to_a_topic_no_name_server_knows_says_so_naming_the_name_server_and_the_auto_create_topic()
    {
        var producer = await StartProducer(ProducerOptions.WithCreateTopicKey("NoSuchTemplateTopic"), ProducerOptions.WithRetry(0));

        var act = () => producer.SendSync(Msg("NeverCreatedTopic", "x"));

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrRouteNotFound);
        // "does not exist" only because a name server answered so, and that name server is named.
        error.Description.Should().StartWith("topic NeverCreatedTopic does not exist: name server ")
            .And.EndWith("; nor is there a route for the auto-create topic NoSuchTemplateTopic: create the topic, or enable autoCreateTopicEnable on the broker");
        Cluster.NameServerAddresses.Should().Contain(a => error.Description.StartsWith($"topic NeverCreatedTopic does not exist: name server {a} has no route for it (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stopped_broker_leaves_the_publish_route_and_comes_back_when_it_returns()
    {
        await Cluster.CreateTopicAsync("RouteTopic");
        var producer = NewProducer(ProducerOptions.WithSendLatencyFaultEnable(false));
        producer.Options.Client.Intervals = producer.Options.Client.Intervals with { PullNameServer = TimeSpan.FromMilliseconds(100) };
        await producer.Start();
        await producer.SendSync(Msg("RouteTopic", "warm"));
        Brokers(producer).Should().BeEquivalentTo(["broker-a", "broker-b"]);

        await Cluster.StopBrokerAsync(0);
        (await Eventually(() => Task.FromResult(Brokers(producer)), b => b.SequenceEqual(["broker-b"]))).Should().Equal("broker-b");
        for (var i = 0; i < 8; i++)
        {
            (await producer.SendSync(Msg("RouteTopic", "b" + i))).MessageQueue!.BrokerName.Should().Be("broker-b");
        }

        await Cluster.RestartBrokerAsync(0);
        (await Eventually(() => Task.FromResult(Brokers(producer)), b => b.Count == 2)).Should().BeEquivalentTo(["broker-a", "broker-b"]);
        var spread = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => producer.SendSync(Msg("RouteTopic", "ab" + i))));
        spread.Select(r => r.MessageQueue!.BrokerName).Distinct().Should().BeEquivalentTo(["broker-a", "broker-b"]);
    }

    [Fact]
    public async Task A_route_lookup_hands_the_route_to_each_producer_of_the_client_once()
    {
        await Cluster.CreateTopicAsync("FanOutTopic");
        var producer = await StartProducer();
        var counter = new CountingProducer();
        var counterGroup = NewGroup("count");
        producer.Client.RegisterProducer(counterGroup, counter);
        try
        {
            (await producer.SendSync(Msg("FanOutTopic", "first"))).Status.Should().Be(SendStatus.SendOK);
            (await producer.SendSync(Msg("FanOutTopic", "second"))).Status.Should().Be(SendStatus.SendOK);

            counter.Updates("FanOutTopic").Should().Be(1, "the first send's lookup found a new route, which reaches every producer of the client once; the second send uses the cached route");
            producer.PublishInfoOf("FanOutTopic")!.IsOK.Should().BeTrue();
        }
        finally
        {
            producer.Client.UnregisterProducer(counterGroup);
        }
    }

    private static List<string> Brokers(DefaultProducer producer)
    {
        var inner = (IInnerProducer)producer;
        return inner.IsPublishTopicNeedUpdate("RouteTopic")
            ? []
            : [.. producer.PublishInfoOf("RouteTopic")!.MqList.Select(q => q.BrokerName).Distinct().Order()];
    }

    /// <summary>A producer registered beside the real one that only counts the routes the client hands it.</summary>
    private sealed class CountingProducer : IInnerProducer
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _updates = new(StringComparer.Ordinal);

        public int Updates(string topic) => _updates.TryGetValue(topic, out var n) ? n : 0;

        public IReadOnlyList<string> PublishTopicList() => [];

        public void UpdateTopicPublishInfo(string topic, TopicPublishInfo info) => _updates.AddOrUpdate(topic, 1, (_, n) => n + 1);

        public bool IsPublishTopicNeedUpdate(string topic) => false;

        public bool IsUnitMode() => false;

        public void CheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
        {
        }
    }
}
