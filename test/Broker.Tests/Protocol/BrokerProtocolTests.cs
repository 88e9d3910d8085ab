using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>The broker and name server spoken to with the project's own remoting client, code by code.</summary>
public sealed class BrokerProtocolTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private EmbeddedCluster _cluster = null!;
    private RemotingClient _client = null!;

    private string Namesrv => _cluster.NameServerAddresses[0];

    private string Broker => _cluster.BrokerAddresses[0];

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions());
        _client = new RemotingClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    internal static RemotingCommand SendV2(string topic, string body, string properties = "TAGS\u0001TagA\u0002KEYS\u0001k1", int queueId = 0)
        => RemotingCommand.CreateRequest(RequestCode.SEND_MESSAGE_V2, new Dictionary<string, string>
        {
            ["a"] = "pg", ["b"] = topic, ["c"] = "TBW102", ["d"] = "4", ["e"] = queueId.ToString(), ["f"] = "0",
            ["g"] = "1700000000000", ["h"] = "0", ["i"] = properties, ["j"] = "0", ["k"] = "false", ["m"] = "false", ["n"] = "broker-a",
        }, Encoding.UTF8.GetBytes(body));

    internal static RemotingCommand Pull(string group, string topic, int queueId, long offset, long suspendMs = 0, string sub = "*")
        => RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE, new Dictionary<string, string>
        {
            ["consumerGroup"] = group, ["topic"] = topic, ["queueId"] = queueId.ToString(), ["queueOffset"] = offset.ToString(),
            ["maxMsgNums"] = "32", ["sysFlag"] = suspendMs > 0 ? "6" : "4", ["commitOffset"] = "0", ["suspendTimeoutMillis"] = suspendMs.ToString(),
            ["subscription"] = sub, ["subVersion"] = "1", ["expressionType"] = "TAG",
        });

    private static List<string> Bodies(RemotingCommand response)
    {
        var bodies = new List<string>();
        var body = response.Body.ToArray();
        for (var p = 0; p < body.Length;)
        {
            var view = StoredMessage.Read(body.AsSpan(p), out _);
            bodies.Add(Encoding.UTF8.GetString(view.Body));
            p += view.TotalSize;
        }

        return bodies;
    }

    [Fact]
    public async Task Route_of_the_default_topic_is_served_and_an_unknown_topic_gets_17_with_javas_remark()
    {
        var route = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = "TBW102" }), Timeout);
        route.Code.Should().Be(ResponseCode.SUCCESS);
        Encoding.UTF8.GetString(route.Body.Span).Should().Be(
            $"{{\"brokerDatas\":[{{\"brokerAddrs\":{{\"0\":\"{Broker}\"}},\"brokerName\":\"broker-a\",\"cluster\":\"DefaultCluster\"}}],\"filterServerTable\":{{}},\"queueDatas\":[{{\"brokerName\":\"broker-a\",\"perm\":7,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4}}]}}");

        var missing = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = "Nope" }), Timeout);
        missing.Code.Should().Be(ResponseCode.TOPIC_NOT_EXIST);
        missing.Remark.Should().Be("No topic route info in name server for the topic: Nope\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
    }

    [Fact]
    public async Task First_send_to_an_unknown_topic_creates_it_from_TBW102_and_the_route_appears()
    {
        var sent = await _client.InvokeSync(Broker, SendV2("NewTopic", "hello"), Timeout);

        sent.Code.Should().Be(ResponseCode.SUCCESS, sent.Remark);
        sent.GetExtField("msgId").Should().HaveLength(32);
        sent.GetExtField("queueOffset").Should().Be("0");
        sent.GetExtField("MSG_REGION").Should().Be("DefaultRegion");
        var route = await WaitForRoute("NewTopic");
        route.Should().Contain("\"perm\":6,\"readQueueNums\":4");
    }

    [Fact]
    public async Task Sent_messages_are_pulled_back_byte_compatible_and_tag_filtered()
    {
        (await _client.InvokeSync(Broker, SendV2("PullTopic", "a", "TAGS\u0001TagA"), Timeout)).Code.Should().Be(0);
        (await _client.InvokeSync(Broker, SendV2("PullTopic", "b", "TAGS\u0001TagB"), Timeout)).Code.Should().Be(0);

        var all = await _client.InvokeSync(Broker, Pull("g", "PullTopic", 0, 0), Timeout);
        all.Code.Should().Be(ResponseCode.SUCCESS);
        all.Remark.Should().Be("FOUND");
        all.GetExtField("nextBeginOffset").Should().Be("2");
        Bodies(all).Should().Equal("a", "b");

        var onlyB = await _client.InvokeSync(Broker, Pull("g", "PullTopic", 0, 0, sub: "TagB"), Timeout);
        Bodies(onlyB).Should().Equal("b");

        var end = await _client.InvokeSync(Broker, Pull("g", "PullTopic", 0, 2), Timeout);
        end.Code.Should().Be(ResponseCode.PULL_NOT_FOUND);
        end.Remark.Should().Be("OFFSET_OVERFLOW_ONE");
    }

    [Fact]
    public async Task A_held_pull_is_answered_as_soon_as_a_message_arrives()
    {
        (await _client.InvokeSync(Broker, SendV2("LongPoll", "first"), Timeout)).Code.Should().Be(0);
        var held = _client.InvokeSync(Broker, Pull("g", "LongPoll", 0, 1, suspendMs: 20_000), TimeSpan.FromSeconds(30));
        await Eventually(() => _cluster.Brokers[0].HoldService.HeldCount == 1);
        held.IsCompleted.Should().BeFalse("nothing new arrived yet");

        var watch = Stopwatch.StartNew();
        (await _client.InvokeSync(Broker, SendV2("LongPoll", "second"), Timeout)).Code.Should().Be(0);
        var response = await held.WaitAsync(Timeout);

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the pull is woken by the arrival, not by its 20 s timeout");
        response.Code.Should().Be(ResponseCode.SUCCESS);
        Bodies(response).Should().Equal("second");
    }

    [Fact]
    public async Task A_held_pull_times_out_with_pull_not_found_at_its_suspend_timeout()
    {
        var watch = Stopwatch.StartNew();
        var response = await _client.InvokeSync(Broker, Pull("g", "TBW102", 0, 0, suspendMs: 300), Timeout);

        response.Code.Should().Be(ResponseCode.PULL_NOT_FOUND);
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Unknown_codes_get_3_oversized_bodies_13_and_bad_topics_a_clear_remark()
    {
        var unknown = await _client.InvokeSync(Broker, RemotingCommand.CreateRequest(9999), Timeout);
        unknown.Code.Should().Be(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        unknown.Remark.Should().Contain("9999");

        var big = SendV2("BigTopic", "");
        big.Body = new byte[4 * 1024 * 1024 + 1];
        var tooBig = await _client.InvokeSync(Broker, big, Timeout);
        tooBig.Code.Should().Be(ResponseCode.MESSAGE_ILLEGAL);
        tooBig.Remark.Should().Contain("4194304");

        var badTopic = await _client.InvokeSync(Broker, SendV2("bad topic!", "x"), Timeout);
        badTopic.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        badTopic.Remark.Should().Contain("illegal characters");

        var missingField = RemotingCommand.CreateRequest(RequestCode.QUERY_CONSUMER_OFFSET, new() { ["topic"] = "T" });
        (await _client.InvokeSync(Broker, missingField, Timeout)).Remark.Should().Contain("consumerGroup");

        (await _client.InvokeSync(Broker, SendV2("StillServing", "ok"), Timeout)).Code.Should().Be(0, "the broker keeps serving");
    }

    [Fact]
    public async Task Heartbeat_registers_the_consumer_and_offsets_round_trip()
    {
        var heartbeat = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: Encoding.UTF8.GetBytes(
            """{"clientID":"c1","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"cg","messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*","subVersion":1,"tagsSet":[],"topic":"TBW102"}],"unitMode":false}],"producerDataSet":[]}"""));
        (await _client.InvokeSync(Broker, heartbeat, Timeout)).Code.Should().Be(ResponseCode.SUCCESS);

        var list = await _client.InvokeSync(Broker, RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, new() { ["consumerGroup"] = "cg" }), Timeout);
        Encoding.UTF8.GetString(list.Body.Span).Should().Be("""{"consumerIdList":["c1"]}""");

        var query = RemotingCommand.CreateRequest(RequestCode.QUERY_CONSUMER_OFFSET, new() { ["consumerGroup"] = "cg", ["topic"] = "TBW102", ["queueId"] = "1" });
        (await _client.InvokeSync(Broker, query, Timeout)).GetExtField("offset").Should().Be("0");
        var update = RemotingCommand.CreateRequest(RequestCode.UPDATE_CONSUMER_OFFSET, new() { ["consumerGroup"] = "cg", ["topic"] = "TBW102", ["queueId"] = "1", ["commitOffset"] = "7" });
        (await _client.InvokeSync(Broker, update, Timeout)).Code.Should().Be(ResponseCode.SUCCESS);
        var again = RemotingCommand.CreateRequest(RequestCode.QUERY_CONSUMER_OFFSET, new() { ["consumerGroup"] = "cg", ["topic"] = "TBW102", ["queueId"] = "1" });
        (await _client.InvokeSync(Broker, again, Timeout)).GetExtField("offset").Should().Be("7");

        var connections = await _client.InvokeSync(Broker, RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, new() { ["consumerGroup"] = "cg" }), Timeout);
        connections.Code.Should().Be(ResponseCode.SUCCESS);
        JsonDocument.Parse(connections.Body).RootElement.GetProperty("connectionSet")[0].GetProperty("clientId").GetString().Should().Be("c1");
    }

    [Fact]
    public async Task Queue_locks_are_granted_once()
    {
        RemotingCommand Lock(string client) => RemotingCommand.CreateRequest(RequestCode.LOCK_BATCH_MQ, body: Encoding.UTF8.GetBytes(
            $$"""{"clientId":"{{client}}","consumerGroup":"og","mqSet":[{"brokerName":"broker-a","queueId":0,"topic":"T"}]}"""));

        Encoding.UTF8.GetString((await _client.InvokeSync(Broker, Lock("c1"), Timeout)).Body.Span).Should().Contain("\"queueId\":0");
        Encoding.UTF8.GetString((await _client.InvokeSync(Broker, Lock("c2"), Timeout)).Body.Span).Should().Be("""{"lockOKMQSet":[]}""");
    }

    [Fact]
    public async Task Cluster_info_lists_the_broker()
    {
        var info = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_BROKER_CLUSTER_INFO), Timeout);
        var root = JsonDocument.Parse(info.Body).RootElement;
        root.GetProperty("clusterAddrTable").GetProperty("DefaultCluster")[0].GetString().Should().Be("broker-a");
        root.GetProperty("brokerAddrTable").GetProperty("broker-a").GetProperty("brokerAddrs").GetProperty("0").GetString().Should().Be(Broker);
    }

    [Fact]
    public async Task A_stopped_broker_leaves_the_routes_and_comes_back_with_its_messages()
    {
        (await _client.InvokeSync(Broker, SendV2("Durable", "kept"), Timeout)).Code.Should().Be(0);
        await WaitForRoute("Durable");

        await _cluster.StopBrokerAsync(0);
        var gone = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = "Durable" }), Timeout);
        gone.Code.Should().Be(ResponseCode.TOPIC_NOT_EXIST);
        await FluentActions.Awaiting(() => _client.InvokeSync(Broker, SendV2("Durable", "refused"), TimeSpan.FromSeconds(2)))
            .Should().ThrowAsync<Primitive.RemotingException>();

        await _cluster.RestartBrokerAsync(0);
        await WaitForRoute("Durable");
        Bodies(await _client.InvokeSync(Broker, Pull("g", "Durable", 0, 0), Timeout)).Should().Equal("kept");
    }

    private async Task<string> WaitForRoute(string topic)
    {
        await _cluster.Brokers[0].RegisterAllAsync();
        var route = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = topic }), Timeout);
        route.Code.Should().Be(ResponseCode.SUCCESS, $"the broker registered {topic}");
        return Encoding.UTF8.GetString(route.Body.Span);
    }

    /// <summary>Waits for broker-side state the test cannot await directly (bounded).</summary>
    internal static async Task Eventually(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Timeout)
            {
                throw new TimeoutException("condition not met within 5 s");
            }

            await Task.Yield();
        }
    }
}
