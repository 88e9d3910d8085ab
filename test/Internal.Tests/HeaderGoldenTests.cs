using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class HeaderGoldenTests
{
    // Requests whose captured frames carry no header fields (the data travels in the body).
    private static readonly int[] HeaderlessRequests = [RequestCode.HEART_BEAT, RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ];

    private static ICommandHeader DecodeRequest(int code, HeaderFieldSource f) => code switch
    {
        RequestCode.SEND_MESSAGE or RequestCode.SEND_MESSAGE_V2 or RequestCode.SEND_BATCH_MESSAGE
            or RequestCode.SEND_REPLY_MESSAGE or RequestCode.SEND_REPLY_MESSAGE_V2 => SendMessageRequestHeader.DecodeFor(code, f),
        RequestCode.PULL_MESSAGE => PullMessageRequestHeader.Decode(f),
        RequestCode.QUERY_MESSAGE => QueryMessageRequestHeader.Decode(f),
        RequestCode.QUERY_CONSUMER_OFFSET => QueryConsumerOffsetRequestHeader.Decode(f),
        RequestCode.UPDATE_CONSUMER_OFFSET => UpdateConsumerOffsetRequestHeader.Decode(f),
        RequestCode.UPDATE_AND_CREATE_TOPIC => CreateTopicRequestHeader.Decode(f),
        RequestCode.SEARCH_OFFSET_BY_TIMESTAMP => SearchOffsetRequestHeader.Decode(f),
        RequestCode.GET_MAX_OFFSET or RequestCode.GET_MIN_OFFSET => GetMaxOffsetRequestHeader.Decode(f),
        RequestCode.VIEW_MESSAGE_BY_ID => ViewMessageRequestHeader.Decode(f),
        RequestCode.UNREGISTER_CLIENT => UnregisterClientRequestHeader.Decode(f),
        RequestCode.CONSUMER_SEND_MSG_BACK => ConsumerSendMsgBackRequestHeader.Decode(f),
        RequestCode.END_TRANSACTION => EndTransactionRequestHeader.Decode(f),
        RequestCode.GET_CONSUMER_LIST_BY_GROUP => GetConsumerListRequestHeader.Decode(f),
        RequestCode.CHECK_TRANSACTION_STATE => CheckTransactionStateRequestHeader.Decode(f),
        RequestCode.NOTIFY_CONSUMER_IDS_CHANGED => NotifyConsumerIdsChangedRequestHeader.Decode(f),
        RequestCode.REGISTER_BROKER => RegisterBrokerRequestHeader.Decode(f),
        RequestCode.GET_ROUTEINFO_BY_TOPIC => GetRouteInfoRequestHeader.Decode(f),
        RequestCode.GET_CONSUMER_CONNECTION_LIST => GetConsumerConnectionListRequestHeader.Decode(f),
        RequestCode.GET_CONSUME_STATS => GetConsumeStatsRequestHeader.Decode(f),
        RequestCode.DELETE_TOPIC_IN_BROKER => DeleteTopicRequestHeader.Decode(f),
        RequestCode.DELETE_TOPIC_IN_NAMESRV => DeleteTopicFromNamesrvRequestHeader.Decode(f),
        RequestCode.RESET_CONSUMER_CLIENT_OFFSET => ResetOffsetHeader.Decode(f),
        RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT => GetConsumerStatusRequestHeader.Decode(f),
        RequestCode.GET_CONSUMER_RUNNING_INFO => GetConsumerRunningInfoHeader.Decode(f),
        RequestCode.CONSUME_MESSAGE_DIRECTLY => ConsumeMessageDirectlyHeader.Decode(f),
        RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT => ReplyMessageRequestHeader.Decode(f),
        _ => throw new InvalidOperationException($"no header type for request code {code}"),
    };

    private static Dictionary<string, string> EncodeRequest(int code, ICommandHeader header)
        => header is SendMessageRequestHeader send ? send.EncodeFor(code) : header.Encode();

    [Fact]
    public void Every_captured_request_decodes_into_its_header_and_re_encodes_to_the_same_ext_fields()
    {
        var exchanges = CaptureExchanges.All().ToList();
        var codesChecked = new HashSet<int>();
        foreach (var exchange in exchanges)
        {
            if (HeaderlessRequests.Contains(exchange.Code))
            {
                CaptureExchanges.HeaderFields(exchange.Request).Should().BeEmpty(exchange.ToString());
                continue;
            }

            // Decoded as the broker and the client's processors decode: from the frame, field by field.
            var header = DecodeRequest(exchange.Code, exchange.Request);
            var captured = CaptureExchanges.HeaderFields(exchange.Request);
            EncodeRequest(exchange.Code, header).Should().BeEquivalentTo(captured, exchange.ToString());
            codesChecked.Add(exchange.Code);
        }

        codesChecked.Should().BeEquivalentTo(new[]
        {
            RequestCode.PULL_MESSAGE, RequestCode.QUERY_CONSUMER_OFFSET, RequestCode.UPDATE_CONSUMER_OFFSET,
            RequestCode.UNREGISTER_CLIENT, RequestCode.CONSUMER_SEND_MSG_BACK, RequestCode.END_TRANSACTION,
            RequestCode.GET_CONSUMER_LIST_BY_GROUP, RequestCode.CHECK_TRANSACTION_STATE, RequestCode.NOTIFY_CONSUMER_IDS_CHANGED,
            RequestCode.REGISTER_BROKER, RequestCode.GET_ROUTEINFO_BY_TOPIC, RequestCode.GET_CONSUMER_CONNECTION_LIST,
            RequestCode.GET_CONSUME_STATS, RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.SEND_MESSAGE_V2,
            RequestCode.SEND_BATCH_MESSAGE,
        });
    }

    [Fact]
    public void Captured_requests_rebuilt_on_the_packed_path_carry_the_captured_fields_in_the_bytes_the_map_gave()
    {
        var codesChecked = new HashSet<int>();
        foreach (var exchange in CaptureExchanges.All())
        {
            if (HeaderlessRequests.Contains(exchange.Code) || SendMessageRequestHeader.UsesShortNames(exchange.Code))
            {
                continue; // no header, or the producer's own packed build (SendRequestWireTests)
            }

            var header = DecodeRequest(exchange.Code, exchange.Request.ExtFields);
            foreach (var serializeType in new[] { SerializeType.JSON, SerializeType.ROCKETMQ })
            {
                var packed = CommandHeaders.CreateRequest(exchange.Code, header);
                packed.PackedFields.Should().NotBeNull("the header went on the wire without a map");
                var viaMap = RemotingCommand.CreateRequest(exchange.Code, header.Encode());
                foreach (var command in new[] { packed, viaMap })
                {
                    command.Opaque = exchange.Request.Opaque;
                    command.SerializeType = serializeType;
                }

                var frame = RemotingCommandCodec.EncodeToArray(packed);
                frame.Should().Equal(RemotingCommandCodec.EncodeToArray(viaMap), $"{exchange} as {serializeType}");
                CaptureExchanges.HeaderFields(RemotingCommandCodec.DecodeWithLengthPrefix(frame))
                    .Should().BeEquivalentTo(CaptureExchanges.HeaderFields(exchange.Request), $"{exchange} as {serializeType}");
            }

            codesChecked.Add(exchange.Code);
        }

        codesChecked.Should().Contain(new[]
        {
            RequestCode.PULL_MESSAGE, RequestCode.QUERY_CONSUMER_OFFSET, RequestCode.UPDATE_CONSUMER_OFFSET,
            RequestCode.CONSUMER_SEND_MSG_BACK, RequestCode.END_TRANSACTION, RequestCode.UNREGISTER_CLIENT,
        });
    }

    [Fact]
    public void A_pull_request_is_written_once_with_numbers_as_numbers()
    {
        var pull = CaptureExchanges.Of("consume").First(e => e.Code == RequestCode.PULL_MESSAGE);
        var header = PullMessageRequestHeader.Decode(pull.Request.ExtFields);
        var request = CommandHeaders.CreateRequest(RequestCode.PULL_MESSAGE, header);

        var fields = request.PackedFields!;
        var kinds = Enumerable.Range(0, fields.Count).ToDictionary(i => fields[i].Key, i => fields[i].Kind);
        kinds.Should().Contain(new Dictionary<string, PackedExtFields.ValueKind>
        {
            ["queueId"] = PackedExtFields.ValueKind.Number,
            ["queueOffset"] = PackedExtFields.ValueKind.Number,
            ["commitOffset"] = PackedExtFields.ValueKind.Number,
            ["suspendTimeoutMillis"] = PackedExtFields.ValueKind.Number,
            ["consumerGroup"] = PackedExtFields.ValueKind.Text,
            ["bname"] = PackedExtFields.ValueKind.Text,
        });
        RemotingCommandCodec.EncodeToArray(request);
        request.PackedFields.Should().BeSameAs(fields, "encoding reads the packed fields without building the map");
        request.GetExtField("queueOffset").Should().Be(header.QueueOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_captured_success_response_header_re_encodes_to_the_same_ext_fields()
    {
        var checkedCodes = new HashSet<int>();
        foreach (var exchange in CaptureExchanges.All())
        {
            if (exchange.Response is not { } response || CaptureExchanges.HeaderFields(response).Count == 0)
            {
                continue;
            }

            ICommandHeader header = exchange.Code switch
            {
                RequestCode.SEND_MESSAGE_V2 or RequestCode.SEND_BATCH_MESSAGE => SendMessageResponse.Decode(response.ExtFields),
                RequestCode.PULL_MESSAGE => PullMessageResponse.Decode(response.ExtFields),
                RequestCode.QUERY_CONSUMER_OFFSET => OffsetResponseHeader.Decode(response.ExtFields),
                _ => throw new InvalidOperationException($"unexpected response fields for code {exchange.Code}: {exchange}"),
            };
            header.Encode().Should().BeEquivalentTo(CaptureExchanges.HeaderFields(response), exchange.ToString());
            checkedCodes.Add(exchange.Code);
        }

        checkedCodes.Should().BeEquivalentTo(new[] { RequestCode.SEND_MESSAGE_V2, RequestCode.SEND_BATCH_MESSAGE, RequestCode.PULL_MESSAGE, RequestCode.QUERY_CONSUMER_OFFSET });
    }

    [Fact]
    public void Produce_send_headers_carry_the_keys_tags_and_unique_ids_the_java_client_printed()
    {
        var expected = WireCaptures.Expected("produce").Where(l => l.StartsWith("SENT ")).Select(ParseFields).ToList();
        var sends = CaptureExchanges.Of("produce").Where(e => e.Code == RequestCode.SEND_MESSAGE_V2).ToList();
        sends.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            var header = SendMessageRequestHeader.DecodeV2(sends[i].Request.ExtFields);
            header.Topic.Should().Be("WireTopic");
            header.DefaultTopic.Should().Be("TBW102");
            header.DefaultTopicQueueNums.Should().Be(4);
            header.Batch.Should().BeFalse();
            header.BrokerName.Should().Be("broker-a");
            header.MaxReconsumeTimes.Should().BeNull("Java leaves l out for a fresh message");
            header.ReconsumeTimes.Should().Be(0);
            var props = ParseProperties(header.Properties!);
            props["KEYS"].Should().Be($"key-{i}");
            props["TAGS"].Should().Be("TagA");
            props["UNIQ_KEY"].Should().Be(expected[i]["msgId"]);

            var response = SendMessageResponse.Decode(sends[i].Response!.ExtFields);
            response.MsgId.Should().Be(expected[i]["offsetMsgId"]);
            response.QueueId.Should().Be(int.Parse(expected[i]["queueId"]));
            response.QueueOffset.Should().Be(long.Parse(expected[i]["queueOffset"]));
            response.MsgRegion.Should().Be("DefaultRegion");
        }
    }

    [Fact]
    public void Batch_send_header_is_flagged_and_its_response_lists_every_offset_id()
    {
        var exchange = CaptureExchanges.Of("batch").Single(e => e.Code == RequestCode.SEND_BATCH_MESSAGE);
        var header = SendMessageRequestHeader.DecodeFor(exchange.Code, exchange.Request.ExtFields);
        header.Batch.Should().BeTrue();
        header.Topic.Should().Be("WireBatch");
        header.ProducerGroup.Should().Be("wire_batch_pg");
        var line = WireCaptures.Expected("batch").Single(l => l.StartsWith("BATCH"));
        var offsetIds = line.Split("offsetMsgId=")[1].Split(", messageQueue")[0];
        var response = SendMessageResponse.Decode(exchange.Response!.ExtFields);
        response.MsgId.Should().Be(offsetIds);
        response.QueueId.Should().Be(3);
    }

    [Fact]
    public void Short_v2_names_map_to_the_full_v1_names_both_ways()
    {
        var exchange = CaptureExchanges.Of("produce").First(e => e.Code == RequestCode.SEND_MESSAGE_V2);
        var header = SendMessageRequestHeader.DecodeV2(exchange.Request.ExtFields);
        var v1 = header.EncodeFor(RequestCode.SEND_MESSAGE);
        v1["producerGroup"].Should().Be(exchange.Request.ExtFields!["a"]);
        v1["topic"].Should().Be(exchange.Request.ExtFields["b"]);
        v1["defaultTopic"].Should().Be(exchange.Request.ExtFields["c"]);
        v1["defaultTopicQueueNums"].Should().Be(exchange.Request.ExtFields["d"]);
        v1["queueId"].Should().Be(exchange.Request.ExtFields["e"]);
        v1["sysFlag"].Should().Be(exchange.Request.ExtFields["f"]);
        v1["bornTimestamp"].Should().Be(exchange.Request.ExtFields["g"]);
        v1["flag"].Should().Be(exchange.Request.ExtFields["h"]);
        v1["properties"].Should().Be(exchange.Request.ExtFields["i"]);
        v1["reconsumeTimes"].Should().Be(exchange.Request.ExtFields["j"]);
        v1["unitMode"].Should().Be(exchange.Request.ExtFields["k"]);
        v1["batch"].Should().Be(exchange.Request.ExtFields["m"]);
        v1["bname"].Should().Be(exchange.Request.ExtFields["n"]);
        v1.Should().NotContainKey("maxReconsumeTimes");

        header.MaxReconsumeTimes = 16;
        header.EncodeV2()["l"].Should().Be("16");
        SendMessageRequestHeader.DecodeFor(RequestCode.SEND_MESSAGE, header.Encode()).EncodeV2()
            .Should().BeEquivalentTo(header.EncodeV2());
    }

    [Fact]
    public void Pull_and_offset_headers_carry_the_consumer_state()
    {
        var pull = CaptureExchanges.Of("consume").First(e => e.Code == RequestCode.PULL_MESSAGE);
        var header = PullMessageRequestHeader.Decode(pull.Request.ExtFields);
        header.ConsumerGroup.Should().Be("wire_cg");
        header.Topic.Should().Be("WireTopic");
        header.SuspendTimeoutMillis.Should().Be(15000);
        header.MaxMsgNums.Should().Be(32);
        header.ExpressionType.Should().Be("TAG");
        header.SubExpression.Should().BeNull("the subscription flag is off, so Java leaves the expression out");
        header.BrokerName.Should().Be("broker-a");

        var notFound = CaptureExchanges.Of("status").First(e => e.Code == RequestCode.PULL_MESSAGE && e.Response?.Code == ResponseCode.PULL_NOT_FOUND);
        var pullResponse = PullMessageResponse.Decode(notFound.Response!.ExtFields);
        pullResponse.NextBeginOffset.Should().Be(0);
        pullResponse.SuggestWhichBrokerId.Should().Be(0);

        var update = CaptureExchanges.Of("consume").First(e => e.Code == RequestCode.UPDATE_CONSUMER_OFFSET);
        var updateHeader = UpdateConsumerOffsetRequestHeader.Decode(update.Request.ExtFields);
        updateHeader.ConsumerGroup.Should().Be("wire_cg");
        updateHeader.CommitOffset.Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Send_back_and_transaction_headers_match_what_the_java_client_printed()
    {
        var sentId = WireCaptures.Expected("retry").First(l => l.StartsWith("SENT")).Split("msgId=")[1].Split(',')[0];
        var back = ConsumerSendMsgBackRequestHeader.Decode(CaptureExchanges.Of("retry").Single(e => e.Code == RequestCode.CONSUMER_SEND_MSG_BACK).Request.ExtFields);
        back.Group.Should().Be("wire_retry_cg");
        back.OriginTopic.Should().Be("WireRetry");
        back.OriginMsgId.Should().Be(sentId);
        back.DelayLevel.Should().Be(1);
        back.MaxReconsumeTimes.Should().Be(16);
        back.UnitMode.Should().BeFalse();

        var halfIds = WireCaptures.Expected("transaction").Where(l => l.StartsWith("HALF-SENT")).Select(l => ParseFields(l)["transactionId"]).ToList();
        var ends = CaptureExchanges.Of("transaction").Where(e => e.Code == RequestCode.END_TRANSACTION)
            .Select(e => EndTransactionRequestHeader.Decode(e.Request.ExtFields)).ToList();
        ends.Should().HaveCount(4);
        ends.Take(2).Select(e => e.MsgId).Should().Equal(halfIds);
        ends.Take(2).Should().OnlyContain(e => e.CommitOrRollback == 0 && !e.FromTransactionCheck, "the local state was UNKNOW");
        ends.Skip(2).Should().OnlyContain(e => e.CommitOrRollback == 8 && e.FromTransactionCheck, "check-back answered COMMIT_MESSAGE");

        var checks = CaptureExchanges.Of("transaction").Where(e => e.Code == RequestCode.CHECK_TRANSACTION_STATE)
            .Select(e => CheckTransactionStateRequestHeader.Decode(e.Request.ExtFields)).ToList();
        checks.Select(c => c.TransactionId).Should().Equal(halfIds);
        checks[0].OffsetMsgId.Should().Be("7F00000100002A9F0000000000001363");
    }

    [Fact]
    public void Admin_and_broker_headers_decode()
    {
        var running = GetConsumerRunningInfoHeader.Decode(CaptureExchanges.Of("status").First(e => e.Code == RequestCode.GET_CONSUMER_RUNNING_INFO).Request.ExtFields);
        running.ConsumerGroup.Should().Be("wire_status_cg");
        running.ClientID.Should().Be("192.0.2.2@25269#1402002557378");
        running.JstackEnable.Should().BeFalse();

        GetConsumeStatsRequestHeader.Decode(CaptureExchanges.Of("status").Single(e => e.Code == RequestCode.GET_CONSUME_STATS).Request.ExtFields)
            .ConsumerGroup.Should().Be("wire_cg");

        var register = RegisterBrokerRequestHeader.Decode(CaptureExchanges.Of("batch").Single(e => e.Code == RequestCode.REGISTER_BROKER).Request.ExtFields);
        register.BrokerName.Should().Be("broker-a");
        register.ClusterName.Should().Be("DefaultCluster");
        register.BrokerAddr.Should().Be("127.0.0.1:10911");
        register.BrokerId.Should().Be(0);
        register.Compressed.Should().BeFalse();
        register.BodyCrc32.Should().Be(437614909);

        var unregister = CaptureExchanges.Of("status").Where(e => e.Code == RequestCode.UNREGISTER_CLIENT)
            .Select(e => UnregisterClientRequestHeader.Decode(e.Request.ExtFields)).ToList();
        unregister.Should().Contain(u => u.ConsumerGroup == "wire_status_cg" && u.ProducerGroup == null);
    }

    [Fact]
    public void Headers_no_capture_shows_round_trip_through_their_own_encoding()
    {
        AssertRoundTrip(new QueryMessageRequestHeader { Topic = "T", Key = "k", MaxNum = 32, BeginTimestamp = 1, EndTimestamp = long.MaxValue });
        AssertRoundTrip(new CreateTopicRequestHeader { Topic = "T", ReadQueueNums = 8, WriteQueueNums = 8, Order = true, TopicSysFlag = 0 });
        AssertRoundTrip(new SearchOffsetRequestHeader { Topic = "T", QueueId = 2, Timestamp = 1795249256120, BrokerName = "b" });
        AssertRoundTrip(new GetMaxOffsetRequestHeader { Topic = "T", QueueId = 3 });
        AssertRoundTrip(new ViewMessageRequestHeader { Offset = 4096 });
        AssertRoundTrip(new DeleteTopicRequestHeader { Topic = "T" });
        AssertRoundTrip(new DeleteTopicFromNamesrvRequestHeader { Topic = "T", ClusterName = "DefaultCluster" });
        AssertRoundTrip(new ResetOffsetHeader { Topic = "T", Group = "g", Timestamp = 5, IsForce = true });
        AssertRoundTrip(new ResetOffsetHeader { Topic = "T", Group = "g", Timestamp = 5, QueueId = -1, Offset = 7 });
        AssertRoundTrip(new GetConsumerStatusRequestHeader { Topic = "T", Group = "g", ClientAddr = "127.0.0.1:1" });
        AssertRoundTrip(new ConsumeMessageDirectlyHeader { ConsumerGroup = "g", ClientID = "c", MsgId = "m", BrokerName = "b" });
        AssertRoundTrip(new ReplyMessageRequestHeader { ProducerGroup = "p", Topic = "T", DefaultTopic = "TBW102", DefaultTopicQueueNums = 4, BornHost = "1.2.3.4:5", StoreHost = "1.2.3.4:6", StoreTimestamp = 9, Properties = "a\u0001b\u0002", ReconsumeTimes = 1 });
        AssertRoundTrip(new GetRouteInfoRequestHeader { Topic = "T", AcceptStandardJsonOnly = true });
        AssertRoundTrip(new OffsetResponseHeader { Offset = -1 });
        AssertRoundTrip(new QueryMessageResponseHeader { IndexLastUpdateTimestamp = 1, IndexLastUpdatePhyoffset = 2 });
        AssertRoundTrip(new RegisterBrokerResponseHeader { MasterAddr = "127.0.0.1:10911" });

        new CreateTopicRequestHeader { Topic = "T" }.Encode().Should().Contain(new Dictionary<string, string>
        {
            ["defaultTopic"] = "TBW102", ["perm"] = "6", ["order"] = "false", ["readQueueNums"] = "4", ["topicFilterType"] = "SINGLE_TAG",
        });
        new ResetOffsetHeader { Topic = "T", Group = "g" }.Encode().Should().NotContainKeys("queueId", "offset");
    }

    [Fact]
    public void Admin_tool_headers_write_the_field_names_of_javas_headers()
    {
        new KvConfigRequestHeader { Namespace = "ns", Key = "k", Value = "v" }.Encode()
            .Should().Equal(new Dictionary<string, string> { ["namespace"] = "ns", ["key"] = "k", ["value"] = "v" });
        new KvConfigRequestHeader { Namespace = "ns", Key = "k" }.Encode().Should().NotContainKey("value", "get and delete send no value");
        new WritePermOfBrokerRequestHeader { BrokerName = "b" }.Encode().Should().Equal(new Dictionary<string, string> { ["brokerName"] = "b" });
        new TopicRequestHeader { Topic = "T" }.Encode().Should().Equal(new Dictionary<string, string> { ["topic"] = "T" });
        new GetTopicsByClusterRequestHeader { Cluster = "C" }.Encode().Should().Equal(new Dictionary<string, string> { ["cluster"] = "C" });
        new CloneGroupOffsetRequestHeader { SrcGroup = "a", DestGroup = "b", Topic = "T", Offline = true }.Encode().Should().Equal(
            new Dictionary<string, string> { ["srcGroup"] = "a", ["destGroup"] = "b", ["topic"] = "T", ["offline"] = "true" });
        new QueryConsumeQueueRequestHeader { Topic = "T", QueueId = 1, Index = 5000000000, Count = 10 }.Encode().Should().Equal(
            new Dictionary<string, string> { ["topic"] = "T", ["queueId"] = "1", ["index"] = "5000000000", ["count"] = "10" });
        new QueryConsumeQueueRequestHeader { Topic = "T", ConsumerGroup = "g" }.Encode()["consumerGroup"].Should().Be("g");
        new ViewBrokerStatsDataRequestHeader { StatsName = "TOPIC_PUT_NUMS", StatsKey = "T" }.Encode().Should().Equal(
            new Dictionary<string, string> { ["statsName"] = "TOPIC_PUT_NUMS", ["statsKey"] = "T" });
        new DeleteSubscriptionGroupRequestHeader { GroupName = "g" }.Encode().Should().Equal(
            new Dictionary<string, string> { ["groupName"] = "g", ["removeOffset"] = "false" });
        new GetProducerConnectionListRequestHeader { ProducerGroup = "p" }.Encode().Should().Equal(new Dictionary<string, string> { ["producerGroup"] = "p" });
        new GetConsumeStatsInBrokerHeader { IsOrder = true }.Encode().Should().Equal(new Dictionary<string, string> { ["isOrder"] = "true" });
    }

    [Fact]
    public void Missing_or_malformed_fields_fail_with_javas_wording()
    {
        var noTopic = () => PullMessageRequestHeader.Decode(new Dictionary<string, string> { ["consumerGroup"] = "g" });
        noTopic.Should().Throw<RemotingProtocolException>().WithMessage("the custom field <topic> is null");
        var noFields = () => SendMessageRequestHeader.DecodeV2(default);
        noFields.Should().Throw<RemotingProtocolException>().WithMessage("the custom field <a> is null");
        var badNumber = () => OffsetResponseHeader.Decode(new Dictionary<string, string> { ["offset"] = "12x" });
        badNumber.Should().Throw<RemotingProtocolException>().WithMessage("*<offset>*'12x'*");
        GetConsumerRunningInfoHeader.Decode(new Dictionary<string, string> { ["consumerGroup"] = "g", ["clientId"] = "c", ["jstackEnable"] = "TRUE" })
            .JstackEnable.Should().BeTrue("Java's Boolean.parseBoolean ignores case");

        // The same words when the fields are read straight from a received frame.
        var received = RemotingCommandCodec.DecodeWithLengthPrefix(RemotingCommandCodec.EncodeToArray(
            RemotingCommand.CreateRequest(RequestCode.GET_MAX_OFFSET, new Dictionary<string, string> { ["offset"] = "12x", ["queueId"] = "99999999999" })));
        FluentActions.Invoking(() => OffsetResponseHeader.Decode(received)).Should().Throw<RemotingProtocolException>().WithMessage("*<offset>*'12x'*");
        FluentActions.Invoking(() => GetMaxOffsetRequestHeader.Decode(received)).Should().Throw<RemotingProtocolException>().WithMessage("the custom field <topic> is null");
        FluentActions.Invoking(() => UpdateConsumerOffsetRequestHeader.Decode(new Dictionary<string, string> { ["consumerGroup"] = "g", ["topic"] = "T", ["queueId"] = "99999999999", ["commitOffset"] = "1" }))
            .Should().Throw<RemotingProtocolException>().WithMessage("*<queueId>*'99999999999'*", "a queue id beyond int is no number Java's Integer.parseInt reads");
    }

    private static void AssertRoundTrip<T>(T header)
        where T : ICommandHeader<T>
    {
        var fields = header.Encode();
        T.Decode(fields).Encode().Should().BeEquivalentTo(fields, typeof(T).Name);
    }

    internal static Dictionary<string, string> ParseFields(string line)
        => line.Split(' ').Where(p => p.Contains('=')).Select(p => p.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].TrimEnd(','));

    private static Dictionary<string, string> ParseProperties(string properties)
        => properties.Split('\u0002', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('\u0001')).ToDictionary(p => p[0], p => p[1]);
}
