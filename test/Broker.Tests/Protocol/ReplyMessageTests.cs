using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>SEND_REPLY_MESSAGE(_V2) (324/325): the broker pushes the reply to the requester with 326 and stores it.</summary>
public sealed class ReplyMessageTests : IAsyncLifetime
{
    private const string ReplyTopic = "DefaultCluster_REPLY_TOPIC";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private EmbeddedCluster _cluster = null!;
    private RemotingClient _requester = null!;
    private RemotingClient _replier = null!;
    private readonly TaskCompletionSource<RemotingCommand> _pushed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string Broker => _cluster.BrokerAddresses[0];

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions());
        _requester = new RemotingClient();
        _requester.RegisterRequestFunc(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, (request, _) =>
        {
            _pushed.TrySetResult(request);
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS));
        });
        _replier = new RemotingClient();
    }

    public async Task DisposeAsync()
    {
        await _requester.DisposeAsync();
        await _replier.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task RegisterRequester(string clientId)
    {
        var heartbeat = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: Encoding.UTF8.GetBytes(
            $$"""{"clientID":"{{clientId}}","consumerDataSet":[],"producerDataSet":[{"groupName":"requesters"}]}"""));
        (await _requester.InvokeSync(Broker, heartbeat, Timeout)).Code.Should().Be(ResponseCode.SUCCESS);
    }

    private static string ReplyProperties(string replyTo)
        => $"MSG_TYPE\u0001reply\u0002CORRELATION_ID\u0001corr-1\u0002REPLY_TO_CLIENT\u0001{replyTo}\u0002TTL\u00013000";

    private static RemotingCommand ReplyV2(string replyTo, string body)
        => RemotingCommand.CreateRequest(RequestCode.SEND_REPLY_MESSAGE_V2, new Dictionary<string, string>
        {
            ["a"] = "replier-group", ["b"] = ReplyTopic, ["c"] = "TBW102", ["d"] = "4", ["e"] = "0", ["f"] = "0",
            ["g"] = "1700000000000", ["h"] = "0", ["i"] = ReplyProperties(replyTo), ["j"] = "0", ["k"] = "false", ["m"] = "false",
        }, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task A_reply_is_pushed_to_the_requester_stored_and_answered_like_a_send()
    {
        await RegisterRequester("requester-1");

        var answer = await _replier.InvokeSync(Broker, ReplyV2("requester-1", "the answer"), Timeout);

        answer.Code.Should().Be(ResponseCode.SUCCESS, answer.Remark);
        var pushed = await _pushed.Task.WaitAsync(Timeout);
        pushed.Code.Should().Be(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT);
        Encoding.UTF8.GetString(pushed.Body.Span).Should().Be("the answer");
        pushed.GetExtField("topic").Should().Be(ReplyTopic);
        pushed.GetExtField("producerGroup").Should().Be("replier-group");
        pushed.GetExtField("storeHost").Should().Be(Broker);
        pushed.GetExtField("properties").Should().Contain("CORRELATION_ID\u0001corr-1").And.Contain("PUSH_REPLY_TIME\u0001");

        var msgId = Primitive.MessageId.Parse(answer.GetExtField("msgId")!);
        msgId.Port.Should().Be(int.Parse(Broker.Split(':')[1]), "the reply was stored (storeReplyMessageEnable)");
        answer.GetExtField("queueOffset").Should().Be("0");
        _cluster.Brokers[0].Store.GetMaxOffsetInQueue(ReplyTopic, 0).Should().Be(1);
    }

    [Fact]
    public async Task The_long_named_code_324_is_served_too_and_storing_can_be_switched_off()
    {
        await RegisterRequester("requester-2");
        _cluster.Brokers[0].Config.StoreReplyMessageEnable = false;
        var request = RemotingCommand.CreateRequest(RequestCode.SEND_REPLY_MESSAGE, new Dictionary<string, string>
        {
            ["producerGroup"] = "replier-group", ["topic"] = ReplyTopic, ["defaultTopic"] = "TBW102", ["defaultTopicQueueNums"] = "4",
            ["queueId"] = "0", ["sysFlag"] = "0", ["bornTimestamp"] = "1700000000000", ["flag"] = "0",
            ["properties"] = ReplyProperties("requester-2"), ["reconsumeTimes"] = "0", ["unitMode"] = "false",
        }, Encoding.UTF8.GetBytes("v1"));

        var answer = await _replier.InvokeSync(Broker, request, Timeout);

        answer.Code.Should().Be(ResponseCode.SUCCESS, answer.Remark);
        Encoding.UTF8.GetString((await _pushed.Task.WaitAsync(Timeout)).Body.Span).Should().Be("v1");
        answer.GetExtField("msgId").Should().Be("0", "Java's placeholder for a reply that was pushed but not stored");
        _cluster.Brokers[0].Store.GetMaxOffsetInQueue(ReplyTopic, 0).Should().Be(0);
    }

    [Fact]
    public async Task A_reply_to_a_client_that_is_not_connected_is_refused_with_a_remark_naming_it()
    {
        await RegisterRequester("requester-3");

        var unknown = await _replier.InvokeSync(Broker, ReplyV2("nobody@1", "lost"), Timeout);
        unknown.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        unknown.Remark.Should().Contain("<nobody@1>").And.Contain("not found");

        // The requester's connection closes: its registration goes with it.
        await _requester.ShutdownAsync();
        await BrokerProtocolTests.Eventually(() => _cluster.Brokers[0].Producers.Groups.Count == 0);
        var gone = await _replier.InvokeSync(Broker, ReplyV2("requester-3", "late"), Timeout);
        gone.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        gone.Remark.Should().Contain("<requester-3>").And.Contain("not connected");
        _pushed.Task.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_reply_without_reply_to_client_is_refused()
    {
        var request = ReplyV2("x", "body");
        request.ExtFields!["i"] = "MSG_TYPE\u0001reply\u0002CORRELATION_ID\u0001c";
        var answer = await _replier.InvokeSync(Broker, request, Timeout);
        answer.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        answer.Remark.Should().Contain("REPLY_TO_CLIENT");
    }
}
