namespace RocketMQ.Go.Port.Tests;

/// <summary>Broker status and the configuration commands: mqadmin's layout, and writes that the next read shows.</summary>
public sealed class BrokerAndConfigTests : RmqadminTestBase
{
    [Fact]
    public async Task BrokerStatus_prints_every_key_mqadmin_printed_sorted()
    {
        var topic = await NewTopic(4);
        await Send(await StartProducer(), topic, 2);
        var lines = await Lines("brokerStatus", "-b", Cluster.BrokerAddresses[0]);
        AllMatch(lines, @"^\S+ *: .*$", "mqadmin's '%-32s: %s' rows");
        var keys = lines.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)].TrimEnd()).ToList();
        keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        var captureKeys = MqadminCapture.Load("brokerStatus").Output.Select(l => l[..l.IndexOf(": ", StringComparison.Ordinal)].TrimEnd())
            .Where(k => !k.StartsWith("commitLogDiskRatio_") && !k.StartsWith("scheduleMessageOffset_"));
        keys.Should().Contain(captureKeys);
        lines.Should().Contain("brokerVersionDesc               : V4_9_8");
        lines.Should().Contain(l => l.StartsWith("msgPutTotalTodayNow             : "));

        var perBroker = await Lines("brokerStatus", "-c", "DefaultCluster");
        AllMatch(perBroker, @"^127\.0\.0\.1:\d+ +\S+ *: .*$", "with -c each row starts with the broker, as mqadmin's '%-24s %-32s: %s'");
        (await Json("brokerStatus", "-b", Cluster.BrokerAddresses[0])).GetProperty("brokers")[0].GetProperty("stats").GetProperty("brokerVersion").GetString().Should().Be("409");
    }

    [Fact]
    public async Task GetBrokerConfig_prints_key_equals_value_and_updateBrokerConfig_changes_it()
    {
        var addr = Cluster.BrokerAddresses[0];
        var lines = await Lines("getBrokerConfig", "-b", addr);
        lines[0].Should().Be($"============{addr}============");
        AllMatch(lines.Skip(1).SkipLast(1), @"^\S.{49}=  .*$", "mqadmin's '%-50s=  %s' rows");
        AllMatch(MqadminCapture.Load("getBrokerConfig").Output.Skip(1).SkipLast(1), @"^\S.{49}=  .*$", "the capture's rows");
        lines[^1].Should().BeEmpty();
        lines.Should().Contain(l => l.StartsWith("maxMessageSize ") && l.EndsWith("=  4194304"));

        var update = await Lines("updateBrokerConfig", "-b", addr, "-k", "maxMessageSize", "-v", "65536");
        update.Should().Equal($"update broker config success, {addr}");
        (await Lines("getBrokerConfig", "-b", addr)).Should().Contain(l => l.StartsWith("maxMessageSize ") && l.EndsWith("=  65536"));
        var json = await Json("getBrokerConfig", "-c", "DefaultCluster");
        json.GetProperty("sections").GetArrayLength().Should().Be(2);
        json.GetProperty("sections")[0].GetProperty("config").GetProperty("maxMessageSize").GetString().Should().Be("65536");

        var refused = await Run("updateBrokerConfig", "-b", addr, "-k", "noSuchSetting", "-v", "1");
        refused.Exit.Should().Be(1);
        refused.Stderr.Should().Contain("noSuchSetting").And.Contain(addr);
    }

    [Fact]
    public async Task GetNamesrvConfig_prints_each_name_server_and_updateNamesrvConfig_changes_it()
    {
        var namesrv = Cluster.NameServerAddress;
        var lines = await Lines("getNamesrvConfig");
        lines[0].Should().Be($"============{namesrv}============");
        AllMatch(lines.Skip(1), @"^\S.{49}=  .*$", "mqadmin's '%-50s=  %s' rows");
        var captureKeys = MqadminCapture.Load("getNamesrvConfig").Output.Skip(1).Select(l => l[..50].TrimEnd());
        lines.Skip(1).Select(l => l[..50].TrimEnd()).Should().Contain(captureKeys);

        (await Lines("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "true"))
            .Should().Equal($"update name server config success![{namesrv}]", "orderMessageEnable : true");
        (await Json("getNamesrvConfig")).GetProperty("sections")[0].GetProperty("config").GetProperty("orderMessageEnable").GetString().Should().Be("true");
        (await Run("updateNamesrvConfig", "-k", "kvConfigPath", "-v", "/x")).Exit.Should().Be(1, "the black-listed keys cannot change");
    }

    [Fact]
    public async Task UpdateOrderConf_and_kv_config_reach_the_route_when_order_messages_are_enabled()
    {
        var topic = await NewTopic(4);
        await Lines("updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "true");
        (await Lines("updateOrderConf", "-t", topic, "-m", "put", "-v", "broker-a:4;broker-b:4"))
            .Should().Equal($"update orderConf success. topic=[{topic}], orderConf=[broker-a:4;broker-b:4]");
        (await Lines("updateOrderConf", "-t", topic, "-m", "get")).Should().Equal($"get orderConf success. topic=[{topic}], orderConf=[broker-a:4;broker-b:4] ");
        (await Lines("topicRoute", "-t", topic)).Should().Contain("\t\"orderTopicConf\":\"broker-a:4;broker-b:4\",");
        (await Lines("updateOrderConf", "-t", topic, "-m", "delete")).Should().Equal($"delete orderConf success. topic=[{topic}]");
        (await Lines("updateOrderConf", "-t", topic, "-m", "get")).Should().Equal($"get orderConf success. topic=[{topic}], orderConf=[null] ");

        (await Lines("updateKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", topic, "-v", "broker-a:2")).Should().Equal("create or update kv config to namespace success.");
        (await Json("updateOrderConf", "-t", topic, "-m", "get")).GetProperty("orderConf").GetString().Should().Be("broker-a:2");
        (await Lines("deleteKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", topic)).Should().Equal("delete kv config from namespace success.");
        (await Json("updateOrderConf", "-t", topic, "-m", "get")).GetProperty("orderConf").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task WipeWritePerm_moves_sends_to_the_other_broker_and_addWritePerm_brings_them_back()
    {
        var topic = await NewTopic(4);
        var namesrv = Cluster.NameServerAddress;
        (await Lines("wipeWritePerm", "-b", "broker-a")).Should().ContainSingle().Which.Should().MatchRegex($@"^wipe write perm of broker\[broker-a\] in name server\[{namesrv}\] OK, \d+$");
        (await Json("topicRoute", "-t", topic)).GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("brokerName").GetString() == "broker-a").GetProperty("perm").GetInt32().Should().Be(4, "broker-a is read-only now");

        var producer = await StartProducer();
        var results = await Send(producer, topic, 8);
        results.Should().OnlyContain(r => r.MessageQueue!.BrokerName == "broker-b", "no queue of broker-a is writable");

        (await Lines("addWritePerm", "-b", "broker-a")).Should().ContainSingle().Which.Should().StartWith("add write perm of broker[broker-a] in name server[");
        (await Json("topicRoute", "-t", topic)).GetProperty("queues").EnumerateArray().Should().OnlyContain(q => q.GetProperty("perm").GetInt32() == 6);
    }
}
