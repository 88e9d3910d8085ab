using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>A broker with a slave (SlavesPerBroker = 1), spoken to on the wire as a 4.9 master/slave pair answers.</summary>
public sealed class SlaveTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private EmbeddedCluster _cluster = null!;
    private RemotingClient _client = null!;

    private string Namesrv => _cluster.NameServerAddresses[0];

    private string Master => _cluster.BrokerAddresses[0];

    private string Slave => _cluster.SlaveAddressesOf(0)[0];

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { SlavesPerBroker = 1 });
        await _cluster.CreateTopicAsync("Replicated", 2);
        _client = new RemotingClient();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task The_slave_registers_as_broker_id_1_and_the_route_lists_both_addresses()
    {
        _cluster.SlaveAddressesOf(0).Should().ContainSingle().Which.Should().NotBe(Master);
        (await Route("Replicated")).Should().Contain($"\"brokerAddrs\":{{\"0\":\"{Master}\",\"1\":\"{Slave}\"}},\"brokerName\":\"broker-a\"");
    }

    [Fact]
    public async Task The_slave_refuses_sends_with_service_not_available_as_a_4_9_slave_and_creates_no_topic()
    {
        var refused = await _client.InvokeSync(Slave, BrokerProtocolTests.SendV2("Replicated", "to the slave"), Timeout);

        refused.Code.Should().Be(ResponseCode.SERVICE_NOT_AVAILABLE);
        refused.Remark.Should().StartWith("service not available now. It may be caused by one of the following reasons: the broker's disk is full [CL: -1.00 CQ: -1.00 INDEX: -1.00]")
            .And.EndWith(", messages are put to the slave, message store has been shut down, etc.");
        var unknown = await _client.InvokeSync(Slave, BrokerProtocolTests.SendV2("NotCreatedBySlave", "x"), Timeout);
        unknown.Code.Should().Be(ResponseCode.SERVICE_NOT_AVAILABLE);
        _cluster.Brokers[0].Topics.Select("NotCreatedBySlave").Should().BeNull();
    }

    [Fact]
    public async Task The_slave_serves_what_the_master_stored_suggesting_the_master_and_does_not_store_the_pulls_commit_offset()
    {
        (await _client.InvokeSync(Master, BrokerProtocolTests.SendV2("Replicated", "one"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS);
        var commit = BrokerProtocolTests.Pull("slave_g", "Replicated", 0, 0);
        commit.ExtFields!["sysFlag"] = "5"; // commit offset + subscription
        commit.ExtFields["commitOffset"] = "1";

        var pulled = await _client.InvokeSync(Slave, commit, Timeout);

        pulled.Code.Should().Be(ResponseCode.SUCCESS, pulled.Remark);
        pulled.GetExtField("suggestWhichBrokerId").Should().Be("0", "a 4.9 broker without slaveReadEnable suggests the master");
        pulled.GetExtField("nextBeginOffset").Should().Be("1");
        Encoding.UTF8.GetString(StoredMessage.Read(pulled.Body.Span, out _).Body).Should().Be("one");
        _cluster.Brokers[0].Offsets.QueryOffset("slave_g", "Replicated", 0).Should().Be(-1, "a slave ignores the commit offset a pull carries");
    }

    [Fact]
    public async Task The_slave_does_not_correct_an_offset_out_of_range_but_sends_the_consumer_back_to_the_master()
    {
        (await _client.InvokeSync(Master, BrokerProtocolTests.SendV2("Replicated", "one"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS);

        var master = await _client.InvokeSync(Master, BrokerProtocolTests.Pull("slave_g", "Replicated", 0, 50), Timeout);
        var slave = await _client.InvokeSync(Slave, BrokerProtocolTests.Pull("slave_g", "Replicated", 0, 50), Timeout);

        master.Code.Should().Be(ResponseCode.PULL_OFFSET_MOVED);
        master.GetExtField("nextBeginOffset").Should().Be("1");
        slave.Code.Should().Be(ResponseCode.PULL_RETRY_IMMEDIATELY);
        slave.GetExtField("nextBeginOffset").Should().Be("50");
        slave.GetExtField("suggestWhichBrokerId").Should().Be("0");
    }

    [Fact]
    public async Task The_slave_refuses_end_transaction_with_slave_not_available()
    {
        var end = RemotingCommand.CreateRequest(RequestCode.END_TRANSACTION, new Dictionary<string, string>
        {
            ["producerGroup"] = "pg", ["tranStateTableOffset"] = "0", ["commitLogOffset"] = "0", ["commitOrRollback"] = "8", ["fromTransactionCheck"] = "false", ["msgId"] = "x",
        });

        (await _client.InvokeSync(Slave, end, Timeout)).Code.Should().Be(ResponseCode.SLAVE_NOT_AVAILABLE);
    }

    [Fact]
    public async Task A_killed_master_leaves_the_route_when_its_connection_closes_the_slave_keeps_serving_and_the_restarted_master_returns()
    {
        (await _client.InvokeSync(Master, BrokerProtocolTests.SendV2("Replicated", "before"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS);

        await _cluster.KillBrokerAsync(0);

        await BrokerProtocolTests.Eventually(() => !_cluster.NameServer(0)!.Routes.LiveBrokerAddresses().Contains(Master));
        (await Route("Replicated")).Should().Contain($"\"brokerAddrs\":{{\"1\":\"{Slave}\"}}", "the name server dropped only the master")
            .And.Contain("\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":2", "the queues stay, read from the slave");
        await FluentActions.Awaiting(() => _client.InvokeSync(Master, BrokerProtocolTests.SendV2("Replicated", "refused"), TimeSpan.FromSeconds(2)))
            .Should().ThrowAsync<Primitive.RemotingException>();
        var pulled = await _client.InvokeSync(Slave, BrokerProtocolTests.Pull("g", "Replicated", 0, 0), Timeout);
        pulled.Code.Should().Be(ResponseCode.SUCCESS, "the slave's store is the master's, still open");

        await _cluster.RestartBrokerAsync(0);

        (await Route("Replicated")).Should().Contain($"\"brokerAddrs\":{{\"0\":\"{Master}\",\"1\":\"{Slave}\"}}");
        (await _client.InvokeSync(Master, BrokerProtocolTests.SendV2("Replicated", "after"), Timeout)).Code.Should().Be(ResponseCode.SUCCESS);
    }

    private async Task<string> Route(string topic)
    {
        var route = await _client.InvokeSync(Namesrv, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = topic }), Timeout);
        route.Code.Should().Be(ResponseCode.SUCCESS, route.Remark);
        return Encoding.UTF8.GetString(route.Body.Span);
    }
}
