using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Subscription;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Remote;
using CreateTopicRequestHeader = RocketMQ.Go.Port.Internal.CreateTopicRequestHeader;
using SearchOffsetRequestHeader = RocketMQ.Go.Port.Internal.SearchOffsetRequestHeader;
using GetMaxOffsetRequestHeader = RocketMQ.Go.Port.Internal.GetMaxOffsetRequestHeader;
using GetConsumerConnectionListRequestHeader = RocketMQ.Go.Port.Internal.GetConsumerConnectionListRequestHeader;
using GetConsumeStatsRequestHeader = RocketMQ.Go.Port.Internal.GetConsumeStatsRequestHeader;
using GetConsumerRunningInfoHeader = RocketMQ.Go.Port.Internal.GetConsumerRunningInfoHeader;
using SubscriptionGroupConfig = RocketMQ.Go.Port.Internal.SubscriptionGroupConfig;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// Admin and tool requests (Java: AdminBrokerProcessor): topic create/delete, offsets by queue and time, queue
/// locks, consumer connections (203), consume stats (208), running info relayed to a client (307), configs.
/// </summary>
internal sealed partial class AdminBrokerProcessor(BrokerController broker)
{
    /// <summary>
    /// Answers after the new route is registered with the name servers, as Java's registerIncrementBrokerData does
    /// on the request thread: a client may ask for the route as soon as the admin call returns.
    /// </summary>
    public async ValueTask<RemotingCommand?> UpdateAndCreateTopic(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<CreateTopicRequestHeader>();
        var topic = header.Topic;
        if (TopicValidator.ValidateTopic(topic) is { } invalid)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, invalid);
        }

        if (topic == broker.Config.BrokerClusterName || Internal.Constants.IsNotAllowedSendTopic(topic) || topic == Internal.Constants.DefaultTopic)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"The topic[{topic}] is conflict with system topic.");
        }

        var config = new TopicConfig(topic, header.ReadQueueNums, header.WriteQueueNums, header.Perm)
        {
            TopicFilterType = header.TopicFilterType,
            TopicSysFlag = header.TopicSysFlag ?? 0,
            Order = header.Order,
        };
        broker.Topics.Update(config);
        await broker.RegisterAllAsync(broker.RunningToken).ConfigureAwait(false);
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand DeleteTopic(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        if (Internal.Constants.IsNotAllowedSendTopic(topic) || topic == Internal.Constants.DefaultTopic)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"The topic[{topic}] is conflict with system topic.");
        }

        broker.Topics.Delete(topic);
        broker.Store.DeleteTopic(topic);
        broker.Offsets.RemoveTopic(topic);
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand AllTopicConfig(RemotingCommand request, ServerChannel channel)
    {
        var (table, version) = broker.Topics.Snapshot();
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["dataVersion"] = version, ["topicConfigTable"] = table });
        return response;
    }

    public RemotingCommand SearchOffsetByTimestamp(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<SearchOffsetRequestHeader>();
        return Offset(request, broker.Store.GetOffsetInQueueByTime(header.Topic, header.QueueId, header.Timestamp));
    }

    public RemotingCommand MaxOffset(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<GetMaxOffsetRequestHeader>();
        return Offset(request, broker.Store.GetMaxOffsetInQueue(header.Topic, header.QueueId));
    }

    public RemotingCommand MinOffset(RemotingCommand request, ServerChannel channel)
        => Offset(request, broker.Store.GetMinOffsetInQueue(request.Required("topic"), request.RequiredInt("queueId")));

    public RemotingCommand EarliestMsgStoreTime(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        var queueId = request.RequiredInt("queueId");
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.SetExtField("timestamp", RequestHeader.Str(broker.Store.GetMessageStoreTimestamp(topic, queueId, broker.Store.GetMinOffsetInQueue(topic, queueId))));
        return response;
    }

    /// <summary>GET_CONSUMER_CONNECTION_LIST (203), in the Java broker's field order.</summary>
    public RemotingCommand ConsumerConnectionList(RemotingCommand request, ServerChannel channel)
    {
        var group = request.Header<GetConsumerConnectionListRequestHeader>().ConsumerGroup;
        var info = broker.Consumers.GetGroup(group);
        if (info is null || info.Channels.IsEmpty)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.CONSUMER_NOT_ONLINE, "the consumer group not online");
        }

        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteStartArray("connectionSet");
            foreach (var c in info.Channels.Values)
            {
                json.WriteStartObject();
                json.WriteString("clientAddr", c.Channel.RemoteAddress);
                json.WriteString("clientId", c.ClientId);
                json.WriteString("language", c.Language.ToString());
                json.WriteNumber("version", c.Version);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("consumeFromWhere", info.ConsumeFromWhere);
            json.WriteString("consumeType", info.ConsumeType);
            json.WriteString("messageModel", info.MessageModel);
            json.WriteStartObject("subscriptionTable");
            foreach (var (topic, sub) in info.Subscriptions)
            {
                json.WriteStartObject(topic);
                json.WriteBoolean("classFilterMode", sub.ClassFilterMode);
                json.WriteStartArray("codeSet");
                foreach (var code in sub.CodeSet)
                {
                    json.WriteNumberValue(code);
                }

                json.WriteEndArray();
                json.WriteString("expressionType", sub.ExpressionType);
                json.WriteString("subString", sub.SubString);
                json.WriteNumber("subVersion", sub.SubVersion);
                json.WriteStartArray("tagsSet");
                foreach (var tag in sub.TagsSet)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteString("topic", sub.Topic);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = output.WrittenSpan.ToArray();
        return response;
    }

    /// <summary>
    /// GET_CONSUME_STATS (208). The offset table is keyed by MessageQueue objects, written as fastjson writes them
    /// (object keys), which is what Java's admin tools parse.
    /// </summary>
    public RemotingCommand ConsumeStats(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<GetConsumeStatsRequestHeader>();
        var (group, onlyTopic) = (header.ConsumerGroup, header.Topic);
        var topics = string.IsNullOrEmpty(onlyTopic) ? broker.Offsets.TopicsOfGroup(group) : [onlyTopic];
        var body = new StringBuilder("{\"consumeTps\":0.0,\"offsetTable\":{");
        var first = true;
        foreach (var topic in topics.Order(StringComparer.Ordinal))
        {
            var config = broker.Topics.Select(topic);
            if (config is null)
            {
                continue;
            }

            for (var queueId = 0; queueId < config.ReadQueueNums; queueId++)
            {
                var brokerOffset = Math.Max(0, broker.Store.GetMaxOffsetInQueue(topic, queueId));
                var consumerOffset = Math.Max(0, broker.Offsets.QueryOffset(group, topic, queueId));
                var lastTimestamp = consumerOffset > 0 ? broker.Store.GetMessageStoreTimestamp(topic, queueId, consumerOffset - 1) : 0;
                if (!first)
                {
                    body.Append(',');
                }

                first = false;
                body.Append("{\"brokerName\":").Append(JsonSerializer.Serialize(broker.Config.BrokerName))
                    .Append(",\"queueId\":").Append(queueId.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"topic\":").Append(JsonSerializer.Serialize(topic))
                    .Append("}:{\"brokerOffset\":").Append(brokerOffset.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"consumerOffset\":").Append(consumerOffset.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"lastTimestamp\":").Append(lastTimestamp.ToString(CultureInfo.InvariantCulture)).Append('}');
            }
        }

        body.Append("}}");
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = Encoding.UTF8.GetBytes(body.ToString());
        return response;
    }

    /// <summary>GET_CONSUMER_RUNNING_INFO (307): relayed to the client, whose answer is returned as is.</summary>
    public async ValueTask<RemotingCommand?> ConsumerRunningInfo(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<GetConsumerRunningInfoHeader>();
        var (group, clientId) = (header.ConsumerGroup, header.ClientID);
        var target = broker.Consumers.FindChannel(group, clientId);
        if (target is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"The Consumer <{clientId}> not online");
        }

        var relay = RemotingCommand.CreateRequest(request.Code, request.ExtFields is null ? null : new Dictionary<string, string>(request.ExtFields), request.Body);
        try
        {
            var answer = await target.Channel.InvokeSync(relay, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var response = RemotingCommand.CreateResponse(request, answer.Code, answer.Remark);
            response.ExtFields = answer.ExtFields;
            response.Body = answer.Body;
            return response;
        }
        catch (Exception e)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"invoke consumer <{group}> <{clientId}> failed: {e.Message}");
        }
    }

    public RemotingCommand AllSubscriptionGroups(RemotingCommand request, ServerChannel channel)
    {
        var (table, version) = broker.Groups.Snapshot();
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["subscriptionGroupTable"] = table, ["dataVersion"] = version });
        return response;
    }

    /// <summary>UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200): the body is a SubscriptionGroupConfig.</summary>
    public RemotingCommand UpdateAndCreateSubscriptionGroup(RemotingCommand request, ServerChannel channel)
    {
        SubscriptionGroupConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<SubscriptionGroupConfig>(request.Body.Span, ClientManageProcessor.JsonOptions);
        }
        catch (JsonException e)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed subscription group body: " + e.Message);
        }

        if (config is null || string.IsNullOrWhiteSpace(config.GroupName) || !TopicValidator.IsLegalName(config.GroupName))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"the group name [{config?.GroupName}] is blank or contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$");
        }

        broker.Groups.Update(config);
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    /// <summary>DELETE_SUBSCRIPTIONGROUP (207).</summary>
    public RemotingCommand DeleteSubscriptionGroup(RemotingCommand request, ServerChannel channel)
    {
        var group = request.Required("groupName");
        broker.Groups.Delete(group);
        if (string.Equals(request.GetExtField("removeOffset"), "true", StringComparison.OrdinalIgnoreCase))
        {
            broker.Offsets.RemoveGroup(group);
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand AllDelayOffset(RemotingCommand request, ServerChannel channel)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["offsetTable"] = new Dictionary<int, long>(broker.Schedule.Offsets) });
        return response;
    }

    /// <summary>GET_TOPIC_STATS_INFO (202): min/max offset per queue, keyed by MessageQueue objects like Java.</summary>
    public RemotingCommand TopicStats(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        var config = broker.Topics.Select(topic);
        if (config is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.TOPIC_NOT_EXIST, $"topic[{topic}] not exist");
        }

        var body = new StringBuilder("{\"offsetTable\":{");
        for (var queueId = 0; queueId < config.WriteQueueNums; queueId++)
        {
            var max = broker.Store.GetMaxOffsetInQueue(topic, queueId);
            body.Append(queueId == 0 ? "" : ",")
                .Append("{\"brokerName\":").Append(JsonSerializer.Serialize(broker.Config.BrokerName))
                .Append(",\"queueId\":").Append(queueId.ToString(CultureInfo.InvariantCulture))
                .Append(",\"topic\":").Append(JsonSerializer.Serialize(topic))
                .Append("}:{\"lastUpdateTimestamp\":").Append((max > 0 ? broker.Store.GetMessageStoreTimestamp(topic, queueId, max - 1) : 0).ToString(CultureInfo.InvariantCulture))
                .Append(",\"maxOffset\":").Append(max.ToString(CultureInfo.InvariantCulture))
                .Append(",\"minOffset\":").Append(broker.Store.GetMinOffsetInQueue(topic, queueId).ToString(CultureInfo.InvariantCulture)).Append('}');
        }

        body.Append("}}");
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = Encoding.UTF8.GetBytes(body.ToString());
        return response;
    }

    private static RemotingCommand Offset(RemotingCommand request, long offset)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.SetExtField("offset", RequestHeader.Str(offset));
        return response;
    }
}
