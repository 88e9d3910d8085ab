using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>
/// A bad SQL92 selector as a 4.9 broker answers it: CHECK_CLIENT_CONFIG (46) compiles it and answers
/// SUBSCRIPTION_PARSE_FAILED (23) with the parser's message; a heartbeat registers it anyway, and pulls that rely on
/// the registered subscription get FILTER_DATA_NOT_EXIST (27) with Java's remark.
/// </summary>
public sealed class SqlSelectorCheckTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private EmbeddedCluster _cluster = null!;
    private RemotingClient _client = null!;

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

    private static string Subscription(string type, string expression)
        => $$"""{"classFilterMode":false,"codeSet":[],"expressionType":"{{type}}","subString":"{{expression}}","subVersion":1,"tagsSet":[],"topic":"TBW102"}""";

    private static RemotingCommand Check(string type, string expression)
        => RemotingCommand.CreateRequest(RequestCode.CHECK_CLIENT_CONFIG,
            body: Encoding.UTF8.GetBytes($$"""{"clientId":"c1","group":"sqlg","subscriptionData":{{Subscription(type, expression)}}}"""));

    [Fact]
    public async Task Check_client_config_answers_23_with_the_parse_error_of_a_bad_expression()
    {
        var bad = await _client.InvokeSync(Broker, Check("SQL92", "a >> 1"), Timeout);
        bad.Code.Should().Be(ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        bad.Remark.Should().Be("unexpected '>' at position 3");

        (await _client.InvokeSync(Broker, Check("SQL92", "a > 1"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS);
        (await _client.InvokeSync(Broker, Check("TAG", "a >> 1"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS, "tags are not compiled");
    }

    [Fact]
    public async Task A_heartbeat_with_a_bad_expression_registers_it_and_pulls_get_27()
    {
        var heartbeat = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: Encoding.UTF8.GetBytes(
            $$"""{"clientID":"c1","consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"sqlg","messageModel":"CLUSTERING","subscriptionDataSet":[{{Subscription("SQL92", "a >> 1")}}],"unitMode":false}],"producerDataSet":[]}"""));
        (await _client.InvokeSync(Broker, heartbeat, Timeout)).Code.Should().Be(ResponseCode.SUCCESS);

        var connections = await _client.InvokeSync(Broker, RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, new() { ["consumerGroup"] = "sqlg" }), Timeout);
        JsonDocument.Parse(connections.Body).RootElement.GetProperty("subscriptionTable").GetProperty("TBW102").GetProperty("subString").GetString()
            .Should().Be("a >> 1");

        var pull = RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE, new Dictionary<string, string>
        {
            ["consumerGroup"] = "sqlg", ["topic"] = "TBW102", ["queueId"] = "0", ["queueOffset"] = "0", ["maxMsgNums"] = "32",
            ["sysFlag"] = "0", ["commitOffset"] = "0", ["suspendTimeoutMillis"] = "0", ["subVersion"] = "1", ["expressionType"] = "SQL92",
        });
        var refused = await _client.InvokeSync(Broker, pull, Timeout);
        refused.Code.Should().Be(ResponseCode.FILTER_DATA_NOT_EXIST);
        refused.Remark.Should().Be("The broker's consumer filter data is not exist!Your expression may be wrong!");
    }
}
