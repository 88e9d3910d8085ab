using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Requests a broker (or an admin tool through it) sends to a running consumer, over the real connection.</summary>
public class BrokerRequestTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task Running_info_relayed_by_the_broker_has_what_the_java_admin_tool_reads()
    {
        var (topic, group, consumer, _) = await StartConsuming(orderly: false);
        await using var admin = new RemotingClient();
        var header = new GetConsumerRunningInfoHeader { ConsumerGroup = group, ClientID = consumer.ClientID!, JstackEnable = true };
        var response = await admin.InvokeSync(Cluster.BrokerAddresses[0], RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, header.Encode()), TimeSpan.FromSeconds(5));
        response.Code.Should().Be(ResponseCode.SUCCESS, response.Remark);

        var info = ConsumerRunningInfo.Decode(response.Body.Span);
        info.Properties[ConsumerRunningInfo.PropConsumeType].Should().Be("CONSUME_PASSIVELY");
        info.Properties[ConsumerRunningInfo.PropConsumeOrderly].Should().Be("false");
        info.Properties[ConsumerRunningInfo.PropNameServerAddr].Should().Contain(Cluster.NameServerAddresses[0]);
        info.Properties["messageModel"].Should().Be("CLUSTERING");
        info.SubscriptionSet.Select(s => s.Topic).Should().BeEquivalentTo(topic, "%RETRY%" + group);
        info.MQTable.Keys.Where(q => q.Topic == topic).Should().HaveCount(4);
        info.MQTable.Where(kv => kv.Key.Topic == topic).Sum(kv => kv.Value.CommitOffset).Should().Be(10, "the committed offsets cover the 10 consumed messages");
        info.StatusTable.Should().ContainKey(topic);
        info.JStack.Should().Contain("thread pool");
    }

    [Fact]
    public async Task Consume_message_directly_runs_the_handler_and_reports_java_result_names()
    {
        var (topic, group, consumer, collector) = await StartConsuming(orderly: false);
        var broker = Cluster.Brokers[0];
        broker.Store.TryGetQueueEntry(topic, 0, 0, out var entry).Should().BeTrue();
        var record = broker.Store.ReadRecord(entry.CommitLogOffset);
        var header = new ConsumeMessageDirectlyHeader { ConsumerGroup = group, ClientID = consumer.ClientID, BrokerName = Cluster.BrokerNames[0] };
        var response = await ClientChannel(group, consumer).InvokeSync(RemotingCommand.CreateRequest(RequestCode.CONSUME_MESSAGE_DIRECTLY, header.Encode(), record), TimeSpan.FromSeconds(5));
        response.Code.Should().Be(ResponseCode.SUCCESS, response.Remark);
        var result = ConsumeMessageDirectlyResult.Decode(response.Body.Span);
        result.ConsumeResult.Should().Be(ConsumeMessageDirectlyResult.CrSuccess);
        result.Order.Should().BeFalse();
        collector.Count.Should().Be(11, "the handler ran once more");
    }

    [Fact]
    public async Task Consumer_status_reports_the_committed_offsets()
    {
        var (topic, group, consumer, _) = await StartConsuming(orderly: false);
        var header = new GetConsumerStatusRequestHeader { Topic = topic, Group = group };
        var response = await ClientChannel(group, consumer).InvokeSync(RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, header.Encode()), TimeSpan.FromSeconds(5));
        response.Code.Should().Be(ResponseCode.SUCCESS, response.Remark);
        GetConsumerStatusBody.Decode(response.Body.Span).MessageQueueTable.Values.Sum().Should().Be(10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reset_offset_makes_the_consumer_read_the_queues_again_from_the_new_offsets(bool orderly)
    {
        var (topic, group, consumer, collector) = await StartConsuming(orderly);
        var table = consumer.OwnedQueues.Where(q => q.Topic == topic).ToDictionary(q => q, _ => 0L);
        var header = new ResetOffsetHeader { Topic = topic, Group = group, Timestamp = 0, IsForce = true };
        var body = new ResetOffsetBody { OffsetTable = table };
        await ClientChannel(group, consumer).InvokeOneWay(RemotingCommand.CreateRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, header.Encode(), body.Encode()));
        await collector.WaitFor(20);
        collector.Bodies().GroupBy(b => b).Should().OnlyContain(g => g.Count() == 2, "every message is consumed once more");
    }

    [Fact]
    public async Task A_throwing_handler_is_retried_and_the_consumer_keeps_working()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("xg"));
        var handler = collector.Handler("c");
        consumer.Subscribe(topic, MessageSelector.All, (ctx, msgs) => msgs[0].ReconsumeTimes == 0 ? throw new InvalidOperationException("boom") : handler(ctx, msgs));
        await consumer.Start();
        var sent = await Send(topic, 5);
        await collector.WaitFor(5);
        collector.Bodies().Should().BeEquivalentTo(sent);
        collector.Received.Should().OnlyContain(r => r.ReconsumeTimes == 1, "each message came back once after the exception");
    }

    private async Task<(string Topic, string Group, PushConsumer Consumer, Collector Collector)> StartConsuming(bool orderly)
    {
        var topic = await NewTopic(2);
        var group = Unique("ag");
        var collector = new Collector();
        var consumer = NewConsumer(group, ConsumerOptions.WithConsumerOrder(orderly));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Send(topic, 10);
        await collector.WaitFor(10);
        await Eventually(
            () => Cluster.Brokers.Sum(b => Enumerable.Range(0, 2).Sum(q => Math.Max(0, b.Offsets.QueryOffset(group, topic, q)))) == 10,
            because: "a persist round (every second in these tests) writes the offsets to the brokers");
        return (topic, group, consumer, collector);
    }

    private Broker.Client.IClientChannel ClientChannel(string group, PushConsumer consumer)
        => Cluster.Brokers[0].Consumers.FindChannel(group, consumer.ClientID!)!.Channel;
}
