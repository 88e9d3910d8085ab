using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

// Headers of the requests only the admin tool sends (Java's mqadmin headers; Go's admin lacks them). The broker and
// name server read these fields one by one, so the types only write.

/// <summary>Header of PUT_KV_CONFIG (100), GET_KV_CONFIG (101) and DELETE_KV_CONFIG (102) (Java: Put/Get/DeleteKVConfigRequestHeader).</summary>
internal sealed class KvConfigRequestHeader : ICommandHeader
{
    /// <summary>Namespace of the key.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary>Key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Value to put; null for get and delete.</summary>
    public string? Value { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("namespace", Namespace);
        fields.Add("key", Key);
        fields.AddIfNotNull("value", Value);
    }
}

/// <summary>Header of WIPE_WRITE_PERM_OF_BROKER (205) and ADD_WRITE_PERM_OF_BROKER (327) (Java: Wipe/AddWritePermOfBrokerRequestHeader).</summary>
internal sealed class WritePermOfBrokerRequestHeader : ICommandHeader
{
    /// <summary>Broker name (Java's field is brokerName here, not bname).</summary>
    public string BrokerName { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields) => fields.Add("brokerName", BrokerName);
}

/// <summary>Header of GET_TOPIC_STATS_INFO (202) and QUERY_TOPIC_CONSUME_BY_WHO (300) (Java: GetTopicStatsInfoRequestHeader, QueryTopicConsumeByWhoRequestHeader).</summary>
internal sealed class TopicRequestHeader : ICommandHeader
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields) => fields.Add("topic", Topic);
}

/// <summary>Header of GET_TOPICS_BY_CLUSTER (224) (Java: GetTopicsByClusterRequestHeader).</summary>
internal sealed class GetTopicsByClusterRequestHeader : ICommandHeader
{
    /// <summary>Cluster name.</summary>
    public string Cluster { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields) => fields.Add("cluster", Cluster);
}

/// <summary>Header of CLONE_GROUP_OFFSET (314) (Java: CloneGroupOffsetRequestHeader).</summary>
internal sealed class CloneGroupOffsetRequestHeader : ICommandHeader
{
    /// <summary>Group whose offsets are copied.</summary>
    public string SrcGroup { get; set; } = string.Empty;

    /// <summary>Group that receives them.</summary>
    public string DestGroup { get; set; } = string.Empty;

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Whether the source group is offline; always sent.</summary>
    public bool Offline { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("srcGroup", SrcGroup);
        fields.Add("destGroup", DestGroup);
        fields.Add("topic", Topic);
        fields.Add("offline", Offline);
    }
}

/// <summary>Header of QUERY_CONSUME_QUEUE (321) (Java: QueryConsumeQueueRequestHeader).</summary>
internal sealed class QueryConsumeQueueRequestHeader : ICommandHeader
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>First consume-queue index to read.</summary>
    public long Index { get; set; }

    /// <summary>How many entries.</summary>
    public int Count { get; set; }

    /// <summary>Group whose filter the broker applies, when given.</summary>
    public string? ConsumerGroup { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.Add("index", Index);
        fields.Add("count", Count);
        fields.AddIfNotNull("consumerGroup", ConsumerGroup);
    }
}

/// <summary>Header of VIEW_BROKER_STATS_DATA (315) (Java: ViewBrokerStatsDataRequestHeader).</summary>
internal sealed class ViewBrokerStatsDataRequestHeader : ICommandHeader
{
    /// <summary>Stats name, e.g. TOPIC_PUT_NUMS.</summary>
    public string StatsName { get; set; } = string.Empty;

    /// <summary>Stats key, e.g. the topic.</summary>
    public string StatsKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("statsName", StatsName);
        fields.Add("statsKey", StatsKey);
    }
}

/// <summary>Header of DELETE_SUBSCRIPTIONGROUP (207) (Java: DeleteSubscriptionGroupRequestHeader).</summary>
internal sealed class DeleteSubscriptionGroupRequestHeader : ICommandHeader
{
    /// <summary>Group to delete.</summary>
    public string GroupName { get; set; } = string.Empty;

    /// <summary>Also delete the group's offsets; always sent.</summary>
    public bool RemoveOffset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("groupName", GroupName);
        fields.Add("removeOffset", RemoveOffset);
    }
}

/// <summary>Header of GET_PRODUCER_CONNECTION_LIST (204) (Java: GetProducerConnectionListRequestHeader).</summary>
internal sealed class GetProducerConnectionListRequestHeader : ICommandHeader
{
    /// <summary>Producer group.</summary>
    public string ProducerGroup { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields) => fields.Add("producerGroup", ProducerGroup);
}

/// <summary>Header of GET_BROKER_CONSUME_STATS (317) (Java: GetConsumeStatsInBrokerHeader).</summary>
internal sealed class GetConsumeStatsInBrokerHeader : ICommandHeader
{
    /// <summary>Only orderly groups; always sent.</summary>
    public bool IsOrder { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields) => fields.Add("isOrder", IsOrder);
}
