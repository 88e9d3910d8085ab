using System.Text.Json;
using System.Text.Json.Serialization;
using RocketMQ.Go.Port.Admin;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>
/// The --json documents, serialized by source-generated code (no reflection, so the native binary needs none):
/// camelCase names of the result records, indented.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ClusterListResult))]
[JsonSerializable(typeof(ClusterMoreStatsResult))]
[JsonSerializable(typeof(BrokerStatusResult))]
[JsonSerializable(typeof(TopicListResult))]
[JsonSerializable(typeof(TopicListClusterResult))]
[JsonSerializable(typeof(TopicRouteInfo))]
[JsonSerializable(typeof(TopicStatusResult))]
[JsonSerializable(typeof(TopicClusterListResult))]
[JsonSerializable(typeof(AllocateMQResult))]
[JsonSerializable(typeof(ConfigResult))]
[JsonSerializable(typeof(UpdatedResult))]
[JsonSerializable(typeof(KvResult))]
[JsonSerializable(typeof(OrderConfResult))]
[JsonSerializable(typeof(WritePermResult))]
[JsonSerializable(typeof(MessagesResult))]
[JsonSerializable(typeof(KeyHitsResult))]
[JsonSerializable(typeof(QueueSectionsResult))]
[JsonSerializable(typeof(ConsumedResult))]
[JsonSerializable(typeof(QueryCqResult))]
[JsonSerializable(typeof(SendRow))]
[JsonSerializable(typeof(SendRtResult))]
[JsonSerializable(typeof(ClusterRtResult))]
[JsonSerializable(typeof(ResetResult))]
[JsonSerializable(typeof(RollbackResult))]
[JsonSerializable(typeof(CloneResult))]
[JsonSerializable(typeof(RunningInfoText))]
[JsonSerializable(typeof(ConsumerStatusResult))]
[JsonSerializable(typeof(StatsAllResult))]
[JsonSerializable(typeof(UpdateTopicResult))]
[JsonSerializable(typeof(UpdateTopicPermResult))]
[JsonSerializable(typeof(DeleteTopicResult))]
[JsonSerializable(typeof(SubGroupResult))]
[JsonSerializable(typeof(DeleteSubGroupResult))]
[JsonSerializable(typeof(ConsumerConfigResult))]
[JsonSerializable(typeof(GroupProgressResult))]
[JsonSerializable(typeof(AllProgressResult))]
[JsonSerializable(typeof(ConsumerConnectionResult))]
[JsonSerializable(typeof(ProducerConnectionResult))]
[JsonSerializable(typeof(BrokerConsumeStatsResult))]
internal sealed partial class RmqJson : JsonSerializerContext
{
    /// <summary>The same documents on one line, for output mqadmin prints as compact JSON (allocateMQ).</summary>
    public static RmqJson Compact { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false });
}
