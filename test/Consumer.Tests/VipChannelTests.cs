using System.Collections.Concurrent;
using System.Globalization;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// WithVIPChannel sends the calls Java's MQClientAPIImpl routes through the VIP channel to the broker's port - 2,
/// which the embedded broker opens like Java's fastRemotingServer; pulls and heartbeats stay on the main port.
/// </summary>
public class VipChannelTests : ConsumerClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 1, VipChannelEnabled = true };

    [Fact]
    public async Task Offset_and_membership_calls_and_sends_go_to_the_VIP_port_and_pulls_to_the_main_one()
    {
        var main = Cluster.BrokerAddresses[0];
        var colon = main.LastIndexOf(':');
        var vip = main[..(colon + 1)] + (int.Parse(main[(colon + 1)..], CultureInfo.InvariantCulture) - 2).ToString(CultureInfo.InvariantCulture);
        var topic = await NewTopic(2);
        var producer = await StartProducer(ProducerOptions.WithVIPChannel(true));
        for (var i = 0; i < 4; i++)
        {
            (await producer.SendSync(new Message(topic, [(byte)i]))).Status.Should().Be(SendStatus.SendOK, "the send went to the VIP port");
        }

        var calls = new ConcurrentQueue<(string Addr, int Code)>();
        var received = 0;
        var consumer = NewConsumer(
            Unique("cg"),
            ConsumerOptions.WithVIPChannel(true),
            ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(new Record(calls))));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            Interlocked.Add(ref received, msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Until(() => Volatile.Read(ref received) >= 4, Wait, "four messages consumed");
        await Until(() => calls.Any(c => c.Code == RequestCode.UPDATE_CONSUMER_OFFSET), Wait, "an offset persisted");

        IEnumerable<string> To(int code) => calls.Where(c => c.Code == code).Select(c => c.Addr).Distinct();
        To(RequestCode.GET_CONSUMER_LIST_BY_GROUP).Should().Equal(vip);
        To(RequestCode.QUERY_CONSUMER_OFFSET).Should().Equal(vip);
        To(RequestCode.UPDATE_CONSUMER_OFFSET).Should().Equal(vip);
        To(RequestCode.PULL_MESSAGE).Should().Equal(main);
        To(RequestCode.HEART_BEAT).Should().Equal(main);
    }

    private sealed class Record(ConcurrentQueue<(string, int)> calls) : IRpcHook
    {
        public void DoBeforeRequest(string addr, RemotingCommand request) => calls.Enqueue((addr, request.Code));

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }
    }
}
