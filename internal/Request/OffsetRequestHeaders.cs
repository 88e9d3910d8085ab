using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of QUERY_CONSUMER_OFFSET (14) (Go: <c>QueryConsumerOffsetRequestHeader</c>).</summary>
internal sealed class QueryConsumerOffsetRequestHeader : ICommandHeader<QueryConsumerOffsetRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static QueryConsumerOffsetRequestHeader Decode(HeaderFieldSource fields)
    {
        return new QueryConsumerOffsetRequestHeader
        {
            ConsumerGroup = Required(fields, "consumerGroup"),
            Topic = Required(fields, "topic"),
            QueueId = RequiredInt32(fields, "queueId"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}

/// <summary>Header of UPDATE_CONSUMER_OFFSET (15) (Go: <c>UpdateConsumerOffsetRequestHeader</c>).</summary>
internal sealed class UpdateConsumerOffsetRequestHeader : ICommandHeader<UpdateConsumerOffsetRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>Offset to store.</summary>
    public long CommitOffset { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.Add("commitOffset", CommitOffset);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static UpdateConsumerOffsetRequestHeader Decode(HeaderFieldSource fields)
    {
        return new UpdateConsumerOffsetRequestHeader
        {
            ConsumerGroup = Required(fields, "consumerGroup"),
            Topic = Required(fields, "topic"),
            QueueId = RequiredInt32(fields, "queueId"),
            CommitOffset = RequiredInt64(fields, "commitOffset"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}

/// <summary>
/// Header of GET_MAX_OFFSET (30) and, with the same fields, GET_MIN_OFFSET (31)
/// (Go: <c>GetMaxOffsetRequestHeader</c>, used by Go for both; Java has a GetMinOffsetRequestHeader twin).
/// </summary>
internal sealed class GetMaxOffsetRequestHeader : ICommandHeader<GetMaxOffsetRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static GetMaxOffsetRequestHeader Decode(HeaderFieldSource fields)
    {
        return new GetMaxOffsetRequestHeader
        {
            Topic = Required(fields, "topic"),
            QueueId = RequiredInt32(fields, "queueId"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}

/// <summary>Header of SEARCH_OFFSET_BY_TIMESTAMP (29) (Go: <c>SearchOffsetRequestHeader</c>).</summary>
internal sealed class SearchOffsetRequestHeader : ICommandHeader<SearchOffsetRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>Store timestamp to look up, epoch ms.</summary>
    public long Timestamp { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.Add("timestamp", Timestamp);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static SearchOffsetRequestHeader Decode(HeaderFieldSource fields)
    {
        return new SearchOffsetRequestHeader
        {
            Topic = Required(fields, "topic"),
            QueueId = RequiredInt32(fields, "queueId"),
            Timestamp = RequiredInt64(fields, "timestamp"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}
