using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>Consumer groups configured on a broker with a store directory survive its restart.</summary>
public sealed class SubscriptionGroupPersistenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly string _store = Path.Combine(Path.GetTempPath(), "rmq-groups-" + Guid.NewGuid().ToString("N"));
    private EmbeddedCluster _cluster = null!;
    private RemotingClient _client = null!;

    private string Broker => _cluster.BrokerAddresses[0];

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { StoreDirectory = _store });
        _client = new RemotingClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }

    [Fact]
    public async Task Created_updated_auto_created_and_deleted_groups_are_as_they_were_after_a_restart()
    {
        (await CreateGroup("""{"groupName":"disabled_group","consumeEnable":false,"retryMaxTimes":3,"retryQueueNums":2}""")).Code.Should().Be(ResponseCode.SUCCESS);
        (await CreateGroup("""{"groupName":"short_lived","retryMaxTimes":5}""")).Code.Should().Be(ResponseCode.SUCCESS);
        (await Invoke(RemotingCommand.CreateRequest(RequestCode.DELETE_SUBSCRIPTIONGROUP, new() { ["groupName"] = "short_lived" }))).Code.Should().Be(ResponseCode.SUCCESS);
        (await Invoke(BrokerProtocolTests.SendV2("GroupTopic", "m"))).Code.Should().Be(ResponseCode.SUCCESS);
        (await Invoke(BrokerProtocolTests.Pull("auto_group", "GroupTopic", 0, 0))).Code.Should().Be(ResponseCode.SUCCESS, "a pull auto-creates its group");
        (await Invoke(BrokerProtocolTests.Pull("disabled_group", "GroupTopic", 0, 0))).Code.Should().Be(ResponseCode.NO_PERMISSION);
        var before = await AllGroups();

        await _cluster.StopBrokerAsync(0);
        await _cluster.RestartBrokerAsync(0);

        var after = await AllGroups();
        after.GetProperty("subscriptionGroupTable").EnumerateObject().Select(p => p.Name).Should().Contain(["disabled_group", "auto_group"]).And.NotContain("short_lived");
        var disabled = after.GetProperty("subscriptionGroupTable").GetProperty("disabled_group");
        disabled.GetProperty("consumeEnable").GetBoolean().Should().BeFalse();
        disabled.GetProperty("retryMaxTimes").GetInt32().Should().Be(3);
        disabled.GetProperty("retryQueueNums").GetInt32().Should().Be(2);
        after.GetProperty("dataVersion").GetProperty("counter").GetInt64().Should().Be(before.GetProperty("dataVersion").GetProperty("counter").GetInt64());

        var refused = await Invoke(BrokerProtocolTests.Pull("disabled_group", "GroupTopic", 0, 0));
        refused.Code.Should().Be(ResponseCode.NO_PERMISSION, "the recovered group is still disabled");
        refused.Remark.Should().Contain("disabled_group");
        File.Exists(Path.Combine(_store, "broker-a", "config", "subscriptionGroup.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Groups_and_their_data_version_are_answered_with_Java_field_names_in_Java_order()
    {
        (await CreateGroup("""{"groupName":"shape_group","consumeEnable":false,"retryMaxTimes":3,"retryQueueNums":2}""")).Code.Should().Be(ResponseCode.SUCCESS);

        var response = await Invoke(RemotingCommand.CreateRequest(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));

        var body = Encoding.UTF8.GetString(response.Body.Span);
        body.Should().Contain("\"shape_group\":{\"groupName\":\"shape_group\",\"consumeEnable\":false,\"consumeFromMinEnable\":true,"
            + "\"consumeBroadcastEnable\":true,\"retryQueueNums\":2,\"retryMaxTimes\":3,\"brokerId\":0,\"whichBrokerWhenConsumeSlowly\":1,"
            + "\"notifyConsumerIdsChangedEnable\":true}");
        body.Should().MatchRegex("\"dataVersion\":\\{\"counter\":[1-9][0-9]*,\"timestamp\":[1-9][0-9]*\\}");
    }

    private Task<RemotingCommand> CreateGroup(string json)
        => Invoke(RemotingCommand.CreateRequest(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, body: Encoding.UTF8.GetBytes(json)));

    private async Task<JsonElement> AllGroups()
    {
        var response = await Invoke(RemotingCommand.CreateRequest(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG));
        response.Code.Should().Be(ResponseCode.SUCCESS);
        return JsonDocument.Parse(response.Body).RootElement.Clone();
    }

    private Task<RemotingCommand> Invoke(RemotingCommand request) => _client.InvokeSync(Broker, request, Timeout);
}
