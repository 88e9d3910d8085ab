using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class RouteDataTests
{
    [Fact]
    public void Every_captured_route_body_parses_to_broker_a_and_re_serialises_to_the_captured_text()
    {
        var routes = CaptureExchanges.WithCode(RequestCode.GET_ROUTEINFO_BY_TOPIC)
            .Where(e => e.Response is { Code: ResponseCode.SUCCESS })
            .ToList();
        routes.Should().HaveCountGreaterThan(30);
        foreach (var exchange in routes)
        {
            var text = exchange.ResponseFrame!.BodyText!;
            var route = TopicRouteData.Decode(exchange.Response!.Body.Span);
            route.BrokerDataList.Should().ContainSingle(exchange.ToString());
            var broker = route.BrokerDataList[0];
            broker.BrokerName.Should().Be("broker-a");
            broker.Cluster.Should().Be("DefaultCluster");
            broker.BrokerAddresses.Should().Equal(new Dictionary<long, string> { [0] = "127.0.0.1:10911" });
            broker.SelectBrokerAddr().Should().Be("127.0.0.1:10911");
            route.QueueDataList.Should().ContainSingle().Which.BrokerName.Should().Be("broker-a");
            route.QueueDataList[0].Perm.Should().BeOneOf(6, 7);
            route.OrderTopicConf.Should().BeNull();
            Encoding.UTF8.GetString(route.Encode()).Should().Be(text, exchange.ToString());
        }
    }

    [Fact]
    public void The_auto_created_topic_routes_to_four_writeable_queues()
    {
        var exchange = CaptureExchanges.Of("consume").First(e => e.Code == RequestCode.GET_ROUTEINFO_BY_TOPIC
            && GetRouteInfoRequestHeader.Decode(e.Request.ExtFields).Topic == "WireTopic" && e.Response?.Code == ResponseCode.SUCCESS);
        var route = TopicRouteData.Decode(exchange.Response!.Body.Span);
        var publish = TopicPublishInfo.FromRouteData("WireTopic", route);
        publish.IsOK.Should().BeTrue();
        publish.OrderTopic.Should().BeFalse();
        publish.MqList.Should().Equal(Enumerable.Range(0, 4).Select(i => new MessageQueue("WireTopic", "broker-a", i)));
        route.ToSubscribeQueues("WireTopic").Should().HaveCount(4);
    }

    [Fact]
    public void Unquoted_broker_ids_from_older_name_servers_read()
    {
        var route = TopicRouteData.Decode("""{"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},"brokerName":"b","cluster":"c"}],"filterServerTable":{},"queueDatas":[{"brokerName":"b","perm":6,"readQueueNums":2,"topicSysFlag":0,"writeQueueNums":2}]}"""u8);
        route.BrokerDataList[0].BrokerAddresses.Should().Equal(new Dictionary<long, string> { [0] = "10.0.0.1:10911", [1] = "10.0.0.2:10911" });
        Encoding.UTF8.GetString(route.Encode()).Should().Contain("""{"brokerAddrs":{"0":"10.0.0.1:10911","1":"10.0.0.2:10911"},""");
        TopicRouteData.Decode(route.Encode()).SameRouteAs(route).Should().BeTrue();
    }

    [Fact]
    public void Publish_info_skips_read_only_queues_and_brokers_without_a_master_and_orders_by_broker_name()
    {
        var route = new TopicRouteData
        {
            QueueDataList =
            [
                new QueueData { BrokerName = "broker-c", Perm = Perm.Read | Perm.Write, ReadQueueNums = 2, WriteQueueNums = 2 },
                new QueueData { BrokerName = "broker-a", Perm = Perm.Read | Perm.Write, ReadQueueNums = 4, WriteQueueNums = 1 },
                new QueueData { BrokerName = "broker-b", Perm = Perm.Read, ReadQueueNums = 3, WriteQueueNums = 3 },
                new QueueData { BrokerName = "broker-d", Perm = Perm.Read | Perm.Write, ReadQueueNums = 1, WriteQueueNums = 1 },
            ],
            BrokerDataList =
            [
                new BrokerData { BrokerName = "broker-a", BrokerAddresses = { [0] = "a:1" } },
                new BrokerData { BrokerName = "broker-b", BrokerAddresses = { [0] = "b:1" } },
                new BrokerData { BrokerName = "broker-c", BrokerAddresses = { [0] = "c:1", [1] = "c:2" } },
                new BrokerData { BrokerName = "broker-d", BrokerAddresses = { [1] = "d:2" } },
            ],
        };

        var publish = TopicPublishInfo.FromRouteData("T", route);
        publish.MqList.Should().Equal(
            new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-c", 0), new MessageQueue("T", "broker-c", 1));
        route.QueueDataList[0].BrokerName.Should().Be("broker-c", "deriving publish info must not reorder the route (Go sorts it in place)");
        route.ToSubscribeQueues("T").Should().HaveCount(2 + 4 + 3 + 1);
        route.BrokerDataList[3].SelectBrokerAddr().Should().Be("d:2", "without a master any broker of the group is used");
        route.BrokerDataList[3].MasterAddress.Should().BeNull();
    }

    [Fact]
    public void Order_topic_conf_gives_the_queues_per_broker()
    {
        var route = new TopicRouteData { OrderTopicConf = "broker-a:2;broker-b:1" };
        var publish = TopicPublishInfo.FromRouteData("T", route);
        publish.OrderTopic.Should().BeTrue();
        publish.MqList.Should().Equal(new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-a", 1), new MessageQueue("T", "broker-b", 0));
        Encoding.UTF8.GetString(route.Encode()).Should().Be("""{"brokerDatas":[],"filterServerTable":{},"orderTopicConf":"broker-a:2;broker-b:1","queueDatas":[]}""");
    }

    [Fact]
    public void Queue_index_round_robins_and_survives_wrap_around()
    {
        var publish = new TopicPublishInfo { MqList = [new MessageQueue("T", "b", 0), new MessageQueue("T", "b", 1), new MessageQueue("T", "b", 2)] };
        Enumerable.Range(0, 6).Select(_ => publish.FetchQueueIndex()).Should().Equal(1, 2, 0, 1, 2, 0);
        typeof(TopicPublishInfo).GetField("_topicQueueIndex", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .SetValue(publish, int.MaxValue - 1);
        Enumerable.Range(0, 4).Select(_ => publish.FetchQueueIndex()).Should().OnlyContain(i => i >= 0 && i < 3);
        new TopicPublishInfo().FetchQueueIndex().Should().Be(-1);
    }

    [Fact]
    public void Same_route_ignores_list_order_but_not_content()
    {
        var a = new TopicRouteData
        {
            QueueDataList = [new QueueData { BrokerName = "x", Perm = 6, ReadQueueNums = 1, WriteQueueNums = 1 }, new QueueData { BrokerName = "y", Perm = 6 }],
            BrokerDataList = [new BrokerData { BrokerName = "x", BrokerAddresses = { [0] = "x:1" } }, new BrokerData { BrokerName = "y", BrokerAddresses = { [0] = "y:1" } }],
        };
        var b = a.Clone();
        b.QueueDataList.Reverse();
        b.BrokerDataList.Reverse();
        a.SameRouteAs(b).Should().BeTrue();
        b.BrokerDataList[0].BrokerAddresses[1] = "y:2";
        a.SameRouteAs(b).Should().BeFalse();
        a.BrokerDataList[1].BrokerAddresses.Should().NotContainKey(1, "Clone is deep");
    }
}
