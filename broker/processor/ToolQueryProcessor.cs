using System.Text.Json;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// Broker requests only tools send (Java: AdminBrokerProcessor): which groups consume a topic (300).
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
}
