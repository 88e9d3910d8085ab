using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Java's public client settings: the client IP and the heartbeat, route refresh and offset persist periods.</summary>
public class ClientSettingsTests : PullClusterTestBase
{
    [Fact]
    public async Task A_consumer_given_an_IPv6_client_ip_is_listed_by_it_and_consumes()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 3);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithClientIP("2001:db8::7"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        consumer.ClientID.Should().StartWith("[2001:db8::7]@", "Java writes an IPv6 client IP in brackets");
        (await consumer.FindConsumerList(topic, CancellationToken.None)).Should().Contain(consumer.ClientID);
        (await PollAndAck(consumer, 3)).Select(Text).Should().Equal("m-0", "m-1", "m-2");
    }

    [Fact]
    public async Task Heartbeat_route_refresh_and_offset_persist_follow_their_intervals()
    {
        var topic = await NewTopic(1);
        await SendTo(Queue(topic, 0), 1);
        var counts = new ConcurrentDictionary<int, int>();
        var consumer = NewConsumer(
            Unique("cg"),
            ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(new CountRequests(counts))),
            ConsumerOptions.WithHeartbeatBrokerInterval(TimeSpan.FromMilliseconds(200)),
            ConsumerOptions.WithPollNameServerInterval(TimeSpan.FromMilliseconds(200)),
            ConsumerOptions.WithPersistConsumerOffsetInterval(TimeSpan.FromMilliseconds(200)));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        await PollAndAck(consumer, 1);

        // The defaults (30 s, 30 s, 5 s) would send one or two of each in this time; 200 ms sends many. The bound
        // is generous for a loaded machine: it is the counts that prove the periods were applied.
        await Until(
            () => Count(counts, RequestCode.HEART_BEAT) >= 5 && Count(counts, RequestCode.GET_ROUTEINFO_BY_TOPIC) >= 5 && Count(counts, RequestCode.UPDATE_CONSUMER_OFFSET) >= 5,
            TimeSpan.FromSeconds(20),
            "five heartbeats, route queries and offset updates at 200 ms periods");
        consumer.Options.Client.Intervals.HeartbeatBroker.Should().Be(TimeSpan.FromMilliseconds(200));
    }

    private static int Count(ConcurrentDictionary<int, int> counts, int code) => counts.GetValueOrDefault(code);

    private sealed class CountRequests(ConcurrentDictionary<int, int> counts) : IRpcHook
    {
        public void DoBeforeRequest(string addr, RemotingCommand request) => counts.AddOrUpdate(request.Code, 1, (_, n) => n + 1);

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }
    }
}
