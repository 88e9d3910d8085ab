using System.Globalization;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// Broker requests only tools send (Java: AdminBrokerProcessor): which groups consume a topic (300), a producer
/// group's connections (204), every group's progress on this broker (317) and cloning a group's offsets (314).
/// </summary>
internal sealed class ToolQueryProcessor(BrokerController broker)
{
    /// <summary>QUERY_TOPIC_CONSUME_BY_WHO (300): groups online on the topic plus groups with offsets on it.</summary>
    public RemotingCommand TopicConsumeByWho(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        var groups = broker.Consumers.GroupsSubscribing(topic);
        groups.UnionWith(broker.Offsets.GroupsOfTopic(topic));
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["groupList"] = groups.Order(StringComparer.Ordinal).ToList() });
        return response;
    }

    /// <summary>GET_PRODUCER_CONNECTION_LIST (204): SYSTEM_ERROR "the producer group[..] not exist" when none is connected, as Java.</summary>
    public RemotingCommand ProducerConnectionList(RemotingCommand request, ServerChannel channel)
    {
        var group = request.Required("producerGroup");
        if (!broker.Producers.Groups.TryGetValue(group, out var channels) || channels.IsEmpty)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"the producer group[{group}] not exist");
        }

        var connections = channels.Values.Select(c => new Dictionary<string, object>
        {
            ["clientAddr"] = c.Channel.RemoteAddress,
            ["clientId"] = c.ClientId,
            ["language"] = c.Language.ToString(),
            ["version"] = c.Version,
        }).ToList();
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["connectionSet"] = connections });
        return response;
    }

    /// <summary>
    /// GET_BROKER_CONSUME_STATS (317): for every subscription group, its offsets on each topic it has offsets for
    /// (order topics only with isOrder), as Java's fetchAllConsumeStatsInBroker; queues keyed by MessageQueue objects.
    /// </summary>
    public RemotingCommand BrokerConsumeStats(RemotingCommand request, ServerChannel channel)
    {
        var isOrder = string.Equals(request.GetExtField("isOrder"), "true", StringComparison.OrdinalIgnoreCase);
        var body = new StringBuilder("{\"brokerAddr\":").Append(JsonSerializer.Serialize(broker.Address)).Append(",\"consumeStatsList\":[");
        long totalDiff = 0;
        var firstGroup = true;
        foreach (var group in broker.Groups.All.Select(g => g.GroupName).Order(StringComparer.Ordinal))
        {
            body.Append(firstGroup ? "" : ",").Append('{').Append(JsonSerializer.Serialize(group)).Append(":[");
            firstGroup = false;
            var firstTopic = true;
            foreach (var topic in broker.Offsets.TopicsOfGroup(group).Order(StringComparer.Ordinal))
            {
                var config = broker.Topics.Select(topic);
                var info = broker.Consumers.GetGroup(group);
                if (config is null || (isOrder && !config.Order) || (info is not null && !info.Subscriptions.IsEmpty && info.FindSubscription(topic) is null))
                {
                    continue;
                }

                body.Append(firstTopic ? "" : ",").Append("{\"consumeTps\":0.0,\"offsetTable\":{");
                firstTopic = false;
                for (var queueId = 0; queueId < config.WriteQueueNums; queueId++)
                {
                    var brokerOffset = Math.Max(0, broker.Store.GetMaxOffsetInQueue(topic, queueId));
                    var consumerOffset = Math.Max(0, broker.Offsets.QueryOffset(group, topic, queueId));
                    var lastTimestamp = consumerOffset > 0 ? broker.Store.GetMessageStoreTimestamp(topic, queueId, consumerOffset - 1) : 0;
                    totalDiff += brokerOffset - consumerOffset;
                    body.Append(queueId == 0 ? "" : ",")
                        .Append("{\"brokerName\":").Append(JsonSerializer.Serialize(broker.Config.BrokerName))
                        .Append(",\"queueId\":").Append(Str(queueId)).Append(",\"topic\":").Append(JsonSerializer.Serialize(topic))
                        .Append("}:{\"brokerOffset\":").Append(Str(brokerOffset)).Append(",\"consumerOffset\":").Append(Str(consumerOffset))
                        .Append(",\"lastTimestamp\":").Append(Str(lastTimestamp)).Append('}');
                }

                body.Append("}}");
            }

            body.Append("]}");
        }

        body.Append("],\"totalDiff\":").Append(Str(totalDiff)).Append('}');
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = Encoding.UTF8.GetBytes(body.ToString());
        return response;
    }

    /// <summary>CLONE_GROUP_OFFSET (314): copies srcGroup's offsets to destGroup, on one topic or every topic of srcGroup.</summary>
    public RemotingCommand CloneGroupOffset(RemotingCommand request, ServerChannel channel)
    {
        var src = request.Required("srcGroup");
        var dest = request.Required("destGroup");
        var offline = string.Equals(request.GetExtField("offline"), "true", StringComparison.OrdinalIgnoreCase);
        var topics = request.GetExtField("topic") is { Length: > 0 } topic ? [topic] : broker.Offsets.TopicsOfGroup(src);
        foreach (var t in topics)
        {
            var info = broker.Consumers.GetGroup(src);
            if (broker.Topics.Select(t) is null || (!offline && info is not null && !info.Subscriptions.IsEmpty && info.FindSubscription(t) is null))
            {
                continue;
            }

            broker.Offsets.CloneOffset(src, dest, t);
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
