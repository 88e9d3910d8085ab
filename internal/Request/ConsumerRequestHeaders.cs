using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of GET_CONSUMER_LIST_BY_GROUP (38) (Go: <c>GetConsumerListRequestHeader</c>).</summary>
internal sealed class GetConsumerListRequestHeader : ICommandHeader<GetConsumerListRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
    }

    /// <inheritdoc />
    public static GetConsumerListRequestHeader Decode(HeaderFieldSource fields)
        => new() { ConsumerGroup = Required(fields, "consumerGroup") };
}

/// <summary>Header of NOTIFY_CONSUMER_IDS_CHANGED (40), broker to consumer. Go has no type (it reads the map).</summary>
internal sealed class NotifyConsumerIdsChangedRequestHeader : ICommandHeader<NotifyConsumerIdsChangedRequestHeader>
{
    /// <summary>Consumer group whose members changed.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
    }

    /// <inheritdoc />
    public static NotifyConsumerIdsChangedRequestHeader Decode(HeaderFieldSource fields)
        => new() { ConsumerGroup = Required(fields, "consumerGroup") };
}

/// <summary>Header of GET_CONSUMER_CONNECTION_LIST (203), admin to broker. Go lacks it.</summary>
internal sealed class GetConsumerConnectionListRequestHeader : ICommandHeader<GetConsumerConnectionListRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
    }

    /// <inheritdoc />
    public static GetConsumerConnectionListRequestHeader Decode(HeaderFieldSource fields)
        => new() { ConsumerGroup = Required(fields, "consumerGroup") };
}

/// <summary>Header of GET_CONSUME_STATS (208), admin to broker. Go lacks it.</summary>
internal sealed class GetConsumeStatsRequestHeader : ICommandHeader<GetConsumeStatsRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Only this topic, or every subscribed topic when null.</summary>
    public string? Topic { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.AddIfNotNull("topic", Topic);
    }

    /// <inheritdoc />
    public static GetConsumeStatsRequestHeader Decode(HeaderFieldSource fields)
    {
        return new GetConsumeStatsRequestHeader { ConsumerGroup = Required(fields, "consumerGroup"), Topic = Optional(fields, "topic") };
    }
}

/// <summary>Header of UNREGISTER_CLIENT (35). Go lacks it (and never unregisters).</summary>
internal sealed class UnregisterClientRequestHeader : ICommandHeader<UnregisterClientRequestHeader>
{
    /// <summary>Client id (Java field name clientID).</summary>
    public string ClientID { get; set; } = string.Empty;

    /// <summary>Producer group being unregistered, if any.</summary>
    public string? ProducerGroup { get; set; }

    /// <summary>Consumer group being unregistered, if any.</summary>
    public string? ConsumerGroup { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("clientID", ClientID);
        fields.AddIfNotNull("producerGroup", ProducerGroup);
        fields.AddIfNotNull("consumerGroup", ConsumerGroup);
    }

    /// <inheritdoc />
    public static UnregisterClientRequestHeader Decode(HeaderFieldSource fields)
    {
        return new UnregisterClientRequestHeader
        {
            ClientID = Required(fields, "clientID"),
            ProducerGroup = Optional(fields, "producerGroup"),
            ConsumerGroup = Optional(fields, "consumerGroup"),
        };
    }
}

/// <summary>Header of CONSUMER_SEND_MSG_BACK (36) (Go: <c>ConsumerSendMsgBackRequestHeader</c>).</summary>
internal sealed class ConsumerSendMsgBackRequestHeader : ICommandHeader<ConsumerSendMsgBackRequestHeader>
{
    /// <summary>Commit-log offset of the failed message.</summary>
    public long Offset { get; set; }

    /// <summary>Consumer group.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>Delay level for the retry (0: broker picks 3 + reconsumeTimes).</summary>
    public int DelayLevel { get; set; }

    /// <summary>The message's unique id.</summary>
    public string? OriginMsgId { get; set; }

    /// <summary>The message's original topic.</summary>
    public string? OriginTopic { get; set; }

    /// <summary>Unit mode; always sent.</summary>
    public bool UnitMode { get; set; }

    /// <summary>Retries before the dead-letter queue.</summary>
    public int? MaxReconsumeTimes { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("offset", Offset);
        fields.Add("group", Group);
        fields.Add("delayLevel", DelayLevel);
        fields.Add("unitMode", UnitMode);
        fields.AddIfNotNull("originMsgId", OriginMsgId);
        fields.AddIfNotNull("originTopic", OriginTopic);
        fields.AddIfNotNull("maxReconsumeTimes", MaxReconsumeTimes);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static ConsumerSendMsgBackRequestHeader Decode(HeaderFieldSource fields)
    {
        return new ConsumerSendMsgBackRequestHeader
        {
            Offset = RequiredInt64(fields, "offset"),
            Group = Required(fields, "group"),
            DelayLevel = RequiredInt32(fields, "delayLevel"),
            OriginMsgId = Optional(fields, "originMsgId"),
            OriginTopic = Optional(fields, "originTopic"),
            UnitMode = OptionalBoolean(fields, "unitMode") ?? false,
            MaxReconsumeTimes = OptionalInt32(fields, "maxReconsumeTimes"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}

/// <summary>Header of GET_CONSUMER_RUNNING_INFO (307), broker to consumer (Go: <c>GetConsumerRunningInfoHeader</c>).</summary>
internal sealed class GetConsumerRunningInfoHeader : ICommandHeader<GetConsumerRunningInfoHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Target client id.</summary>
    public string ClientID { get; set; } = string.Empty;

    /// <summary>Whether to include a stack dump; always sent.</summary>
    public bool JstackEnable { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.Add("clientId", ClientID);
        fields.Add("jstackEnable", JstackEnable);
    }

    /// <inheritdoc />
    public static GetConsumerRunningInfoHeader Decode(HeaderFieldSource fields)
    {
        return new GetConsumerRunningInfoHeader
        {
            ConsumerGroup = Required(fields, "consumerGroup"),
            ClientID = Required(fields, "clientId"),
            JstackEnable = OptionalBoolean(fields, "jstackEnable") ?? false,
        };
    }
}

/// <summary>Header of CONSUME_MESSAGE_DIRECTLY (309), broker to consumer (Go: <c>ConsumeMessageDirectlyHeader</c>).</summary>
internal sealed class ConsumeMessageDirectlyHeader : ICommandHeader<ConsumeMessageDirectlyHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Target client id.</summary>
    public string? ClientID { get; set; }

    /// <summary>Offset message id of the message to consume.</summary>
    public string? MsgId { get; set; }

    /// <summary>Broker name (Java's field is brokerName here, not bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.AddIfNotNull("clientId", ClientID);
        fields.AddIfNotNull("msgId", MsgId);
        fields.AddIfNotNull("brokerName", BrokerName);
    }

    /// <inheritdoc />
    public static ConsumeMessageDirectlyHeader Decode(HeaderFieldSource fields)
    {
        return new ConsumeMessageDirectlyHeader
        {
            ConsumerGroup = Required(fields, "consumerGroup"),
            ClientID = Optional(fields, "clientId"),
            MsgId = Optional(fields, "msgId"),
            BrokerName = Optional(fields, "brokerName"),
        };
    }
}

/// <summary>Header of GET_CONSUMER_STATUS_FROM_CLIENT (221), broker to consumer (Go: <c>GetConsumerStatusRequestHeader</c>).</summary>
internal sealed class GetConsumerStatusRequestHeader : ICommandHeader<GetConsumerStatusRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Consumer group.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>Only this client, or all when null.</summary>
    public string? ClientAddr { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("group", Group);
        fields.AddIfNotNull("clientAddr", ClientAddr);
    }

    /// <inheritdoc />
    public static GetConsumerStatusRequestHeader Decode(HeaderFieldSource fields)
    {
        return new GetConsumerStatusRequestHeader
        {
            Topic = Required(fields, "topic"),
            Group = Required(fields, "group"),
            ClientAddr = Optional(fields, "clientAddr"),
        };
    }
}

/// <summary>
/// Header of RESET_CONSUMER_CLIENT_OFFSET (220), broker to consumer (Go: <c>ResetOffsetHeader</c>; Java:
/// ResetOffsetRequestHeader). 5.x brokers add queueId and offset; they are read and written when present.
/// </summary>
internal sealed class ResetOffsetHeader : ICommandHeader<ResetOffsetHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Consumer group.</summary>
    public string Group { get; set; } = string.Empty;

    /// <summary>Reset to this store time, epoch ms.</summary>
    public long Timestamp { get; set; }

    /// <summary>Reset even when the new offset is ahead of the consumed one. Always sent.</summary>
    public bool IsForce { get; set; }

    /// <summary>5.x: a single queue, or -1 / null for all.</summary>
    public int? QueueId { get; set; }

    /// <summary>5.x: an explicit offset instead of a timestamp.</summary>
    public long? Offset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("group", Group);
        fields.Add("timestamp", Timestamp);
        fields.Add("isForce", IsForce);
        fields.AddIfNotNull("queueId", QueueId);
        fields.AddIfNotNull("offset", Offset);
    }

    /// <inheritdoc />
    public static ResetOffsetHeader Decode(HeaderFieldSource fields)
    {
        return new ResetOffsetHeader
        {
            Topic = Required(fields, "topic"),
            Group = Required(fields, "group"),
            Timestamp = RequiredInt64(fields, "timestamp"),
            IsForce = RequiredBoolean(fields, "isForce"),
            QueueId = OptionalInt32(fields, "queueId"),
            Offset = OptionalInt64(fields, "offset"),
        };
    }
}
