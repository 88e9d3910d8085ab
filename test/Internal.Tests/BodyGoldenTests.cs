using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class BodyGoldenTests
{
    [Fact]
    public void Consumer_list_bodies_decode_and_re_encode_exactly()
    {
        var lists = CaptureExchanges.WithCode(RequestCode.GET_CONSUMER_LIST_BY_GROUP).Where(e => e.Response is { Body.Length: > 0 }).ToList();
        lists.Should().HaveCountGreaterThan(10);
        foreach (var exchange in lists)
        {
            var body = GetConsumerListByGroupResponseBody.Decode(exchange.Response!.Body.Span);
            body.ConsumerIdList.Should().ContainSingle().Which.Should().StartWith("192.0.2.2@");
            body.Encode().Should().Equal(exchange.Response.Body.ToArray(), exchange.ToString());
        }
    }

    [Fact]
    public void Check_client_body_is_javas_CheckClientRequestBody_in_fastjson_order()
    {
        var body = new CheckClientRequestBody
        {
            ClientId = "192.0.2.2@1", Group = "cg", SubscriptionData = SubscriptionData.Build("T", "a > 1", SubscriptionData.ExpressionTypeSql92, 7),
        };
        Encoding.UTF8.GetString(body.Encode()).Should().Be(
            """{"clientId":"192.0.2.2@1","group":"cg","subscriptionData":{"classFilterMode":false,"codeSet":[],"expressionType":"SQL92","subString":"a > 1","subVersion":7,"tagsSet":[],"topic":"T"}}""");
    }

    [Fact]
    public void Lock_and_unlock_bodies_decode_and_re_encode_exactly()
    {
        var locks = CaptureExchanges.Of("orderly").Where(e => e.Code == RequestCode.LOCK_BATCH_MQ).ToList();
        locks.Should().NotBeEmpty();
        foreach (var exchange in locks)
        {
            var request = LockBatchRequestBody.Decode(exchange.Request.Body.Span);
            request.ConsumerGroup.Should().Be("wire_order_cg");
            request.ClientId.Should().StartWith("192.0.2.2@");
            request.MqSet.Should().NotBeEmpty().And.OnlyContain(q => q.BrokerName == "broker-a");
            request.Encode().Should().Equal(exchange.Request.Body.ToArray());

            var response = LockBatchResponseBody.Decode(exchange.Response!.Body.Span);
            response.LockOKMQSet.Should().BeSubsetOf(request.MqSet);
            response.Encode().Should().Equal(exchange.Response.Body.ToArray());
        }

        var first = LockBatchRequestBody.Decode(locks[0].Request.Body.Span);
        first.MqSet.Should().Equal(new MessageQueue("WireOrder", "broker-a", 0));

        var unlock = CaptureExchanges.Of("orderly").Single(e => e.Code == RequestCode.UNLOCK_BATCH_MQ);
        var unlockBody = UnlockBatchRequestBody.Decode(unlock.Request.Body.Span);
        unlockBody.MqSet.Should().HaveCount(5).And.Contain(new MessageQueue("%RETRY%wire_order_cg", "broker-a", 0));
        unlockBody.Encode().Should().Equal(unlock.Request.Body.ToArray());
    }

    [Fact]
    public void Consume_stats_with_object_keys_match_what_mqadmin_printed()
    {
        var exchange = CaptureExchanges.Of("status").Single(e => e.Code == RequestCode.GET_CONSUME_STATS);
        var stats = ConsumeStats.Decode(exchange.Response!.Body.Span);
        stats.ConsumeTps.Should().Be(0);
        stats.OffsetTable.Should().HaveCount(5);

        // mqadmin consumerProgress: "#Topic #Broker Name #QID #Broker Offset #Consumer Offset #Diff #LastTime"
        var rows = WireCaptures.Expected("status-admin")
            .Where(l => l.StartsWith("WireTopic") || l.StartsWith("%RETRY%"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        rows.Should().HaveCount(5);
        foreach (var row in rows)
        {
            var offsets = stats.OffsetTable[new MessageQueue(row[0], row[1], int.Parse(row[2]))];
            offsets.BrokerOffset.Should().Be(long.Parse(row[3]));
            offsets.ConsumerOffset.Should().Be(long.Parse(row[4]));
        }

        stats.ComputeTotalDiff().Should().Be(0, "mqadmin printed Diff Total: 0");
        Encoding.UTF8.GetString(stats.Encode()).Should().Be(exchange.ResponseFrame!.BodyText, "the broker writes object keys and we must too");
    }

    [Fact]
    public void Consumer_connection_decodes_and_re_encodes_exactly()
    {
        var exchange = CaptureExchanges.Of("status").Single(e => e.Code == RequestCode.GET_CONSUMER_CONNECTION_LIST);
        var connection = ConsumerConnection.Decode(exchange.Response!.Body.Span);
        var client = connection.ConnectionSet.Should().ContainSingle().Subject;
        client.ClientId.Should().Be("192.0.2.2@25269#1402002557378");
        client.Language.Should().Be("JAVA");
        client.Version.Should().Be(409);
        connection.ConsumeFromWhere.Should().Be(ConsumerData.ConsumeFromLastOffset);
        connection.SubscriptionTable["WireStatus"].Tags.Should().BeEquivalentTo("TagS", "TagT");
        connection.SubscriptionTable["WireStatus"].Codes.Should().BeEquivalentTo([2598937, 2598938]);
        Encoding.UTF8.GetString(connection.Encode()).Should().Be(exchange.ResponseFrame!.BodyText);
    }

    [Fact]
    public void Consumer_running_info_with_object_keys_decodes_and_re_encodes_exactly()
    {
        var answers = CaptureExchanges.Of("status").Where(e => e.Code == RequestCode.GET_CONSUMER_RUNNING_INFO && e.Response is { Body.Length: > 0 }).ToList();
        answers.Should().NotBeEmpty();
        foreach (var exchange in answers)
        {
            var info = ConsumerRunningInfo.Decode(exchange.Response!.Body.Span);
            info.Properties[ConsumerRunningInfo.PropClientVersion].Should().Be("V4_9_8");
            info.Properties[ConsumerRunningInfo.PropConsumeType].Should().Be("CONSUME_PASSIVELY");
            info.Properties.Should().HaveCount(33);
            var (queue, process) = info.MQTable.Should().ContainSingle().Subject;
            queue.Should().Be(new MessageQueue("%RETRY%wire_status_cg", "broker-a", 0));
            process.Locked.Should().BeTrue();
            process.Dropped.Should().BeFalse();
            process.LastPullTimestamp.Should().Be(1795249331923);
            info.StatusTable.Keys.Should().BeEquivalentTo("WireStatus", "%RETRY%wire_status_cg");
            info.SubscriptionSet.Select(s => s.Topic).Should().BeEquivalentTo("WireStatus", "%RETRY%wire_status_cg");
            info.JStack.Should().BeNull();
            Encoding.UTF8.GetString(info.Encode()).Should().Be(exchange.ResponseFrame!.BodyText);
        }
    }

    [Fact]
    public void Consumer_running_info_is_written_in_javas_tree_order_whatever_the_insertion_order()
    {
        var info = new ConsumerRunningInfo { JStack = "stack" };
        info.MQTable[new MessageQueue("B", "b1", 1)] = new ProcessQueueInfo { CommitOffset = 3 };
        info.MQTable[new MessageQueue("A", "b2", 0)] = new ProcessQueueInfo();
        info.MQTable[new MessageQueue("B", "b1", 0)] = new ProcessQueueInfo { Dropped = true };
        info.StatusTable["b"] = new ConsumeStatus { PullRT = 1.5 };
        info.StatusTable["a"] = new ConsumeStatus();
        info.SubscriptionSet.Add(SubscriptionData.Build("Z", "*", subVersion: 1));
        info.SubscriptionSet.Add(SubscriptionData.Build("A", "*", subVersion: 2));

        var back = ConsumerRunningInfo.Decode(info.Encode());
        back.MQTable.Keys.Should().Equal(new MessageQueue("A", "b2", 0), new MessageQueue("B", "b1", 0), new MessageQueue("B", "b1", 1));
        back.MQTable[new MessageQueue("B", "b1", 0)].Dropped.Should().BeTrue();
        back.StatusTable.Keys.Should().Equal("a", "b");
        back.StatusTable["b"].PullRT.Should().Be(1.5);
        back.SubscriptionSet.Select(s => s.Topic).Should().Equal("A", "Z");
        back.JStack.Should().Be("stack");
        Encoding.UTF8.GetString(info.Encode()).Should().StartWith("""{"jstack":"stack","mqTable":{{"brokerName":"b2","queueId":0,"topic":"A"}:{""");
    }

    [Fact]
    public void Reset_offset_body_reads_fastjson_object_keys_and_gson_pairs()
    {
        var fastjson = """{"offsetTable":{{"brokerName":"b","queueId":1,"topic":"T"}:15,{"brokerName":"b","queueId":0,"topic":"T"}:7}}""";
        var body = ResetOffsetBody.Decode(Encoding.UTF8.GetBytes(fastjson));
        body.OffsetTable.Should().Equal(new Dictionary<MessageQueue, long> { [new MessageQueue("T", "b", 1)] = 15, [new MessageQueue("T", "b", 0)] = 7 });
        Encoding.UTF8.GetString(body.Encode()).Should().Be("""{"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:7,{"brokerName":"b","queueId":1,"topic":"T"}:15}}""");

        var gson = """{"offsetTable":[[{"topic":"T","brokerName":"b","queueId":0},7],[{"topic":"T","brokerName":"b","queueId":1},15]]}""";
        ResetOffsetBody.Decode(Encoding.UTF8.GetBytes(gson)).OffsetTable.Should().BeEquivalentTo(body.OffsetTable);
        ResetOffsetBody.Decode("{}"u8).OffsetTable.Should().BeEmpty();
    }

    [Fact]
    public void Other_bodies_round_trip_through_their_own_encoding()
    {
        var status = new GetConsumerStatusBody();
        status.MessageQueueTable[new MessageQueue("T", "b", 0)] = 9;
        status.ConsumerTable["c1"] = new Dictionary<MessageQueue, long> { [new MessageQueue("T", "b", 1)] = 4 };
        var statusBack = GetConsumerStatusBody.Decode(status.Encode());
        statusBack.MessageQueueTable.Should().Equal(status.MessageQueueTable);
        statusBack.ConsumerTable["c1"].Should().Equal(status.ConsumerTable["c1"]);

        var cluster = ClusterInfo.Decode("""{"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}"""u8);
        cluster.BrokerAddrTable["broker-a"].MasterAddress.Should().Be("127.0.0.1:10911");
        cluster.ClusterAddrTable["DefaultCluster"].Should().Equal("broker-a");
        Encoding.UTF8.GetString(cluster.Encode()).Should().Be("""{"brokerAddrTable":{"broker-a":{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}""");

        var topics = new TopicList { Topics = ["A", "%RETRY%g"], BrokerAddr = null };
        Encoding.UTF8.GetString(topics.Encode()).Should().Be("""{"topicList":["A","%RETRY%g"]}""");
        TopicList.Decode(topics.Encode()).Topics.Should().Equal(topics.Topics);

        var result = new ConsumeMessageDirectlyResult { ConsumeResult = ConsumeMessageDirectlyResult.CrSuccess, SpentTimeMills = 12, Remark = "ok" };
        Encoding.UTF8.GetString(result.Encode()).Should().Be("""{"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"remark":"ok","spentTimeMills":12}""");
        ConsumeMessageDirectlyResult.Decode(result.Encode()).ConsumeResult.Should().Be("CR_SUCCESS");

        var groups = new SubscriptionGroupWrapper { DataVersion = new DataVersion(1795249275252, 4) };
        groups.SubscriptionGroupTable["g"] = new SubscriptionGroupConfig { GroupName = "g", RetryMaxTimes = 3 };
        var groupsBack = SubscriptionGroupWrapper.Decode(groups.Encode());
        groupsBack.DataVersion.Should().Be(groups.DataVersion);
        groupsBack.SubscriptionGroupTable["g"].RetryMaxTimes.Should().Be(3);
        groupsBack.SubscriptionGroupTable["g"].ConsumeEnable.Should().BeTrue();
    }

    [Fact]
    public void A_malformed_body_fails_with_a_protocol_exception()
    {
        var act = () => ConsumeStats.Decode("{\"offsetTable\":{{\"brokerName\":\"b\"}"u8);
        act.Should().Throw<RemotingProtocolException>().WithMessage("malformed JSON at byte*");
        var notAQueue = () => ResetOffsetBody.Decode("""{"offsetTable":{"x":1}}"""u8);
        notAQueue.Should().Throw<RemotingProtocolException>().WithMessage("*MessageQueue*");
    }
}
