using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Response header of the send codes (10, 310, 320, 324, 325) (Go: <c>SendMessageResponse</c>; Java:
/// SendMessageResponseHeader). The broker also puts MSG_REGION and TRACE_ON beside the header fields.
/// </summary>
internal sealed class SendMessageResponse : ICommandHeader<SendMessageResponse>
{
    /// <summary>Offset message id(s); a batch gets them comma-separated.</summary>
    public string MsgId { get; set; } = string.Empty;

    /// <summary>Queue written.</summary>
    public int QueueId { get; set; }

    /// <summary>Queue offset of the (first) message.</summary>
    public long QueueOffset { get; set; }

    /// <summary>Transaction id, for half messages.</summary>
    public string? TransactionId { get; set; }

    /// <summary>The broker's region (ext field MSG_REGION).</summary>
    public string? MsgRegion { get; set; }

    /// <summary>The broker's trace switch (ext field TRACE_ON), "true"/"false".</summary>
    public string? TraceOn { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("msgId", MsgId);
        fields.Add("queueId", QueueId);
        fields.Add("queueOffset", QueueOffset);
        fields.AddIfNotNull("transactionId", TransactionId);
        fields.AddIfNotNull("MSG_REGION", MsgRegion);
        fields.AddIfNotNull("TRACE_ON", TraceOn);
    }

    /// <inheritdoc />
    public static SendMessageResponse Decode(HeaderFieldSource fields)
    {
        return new SendMessageResponse
        {
            MsgId = Required(fields, "msgId"),
            QueueId = RequiredInt32(fields, "queueId"),
            QueueOffset = RequiredInt64(fields, "queueOffset"),
            TransactionId = Optional(fields, "transactionId"),
            MsgRegion = Optional(fields, "MSG_REGION"),
            TraceOn = Optional(fields, "TRACE_ON"),
        };
    }
}

/// <summary>Response header of PULL_MESSAGE (Go: <c>PullMessageResponse</c>; Java: PullMessageResponseHeader).</summary>
internal sealed class PullMessageResponse : ICommandHeader<PullMessageResponse>
{
    /// <summary>Broker id to pull from next (0 master, or a slave when the master lags).</summary>
    public long SuggestWhichBrokerId { get; set; }

    /// <summary>Offset to ask for next.</summary>
    public long NextBeginOffset { get; set; }

    /// <summary>The queue's min offset.</summary>
    public long MinOffset { get; set; }

    /// <summary>The queue's max offset.</summary>
    public long MaxOffset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("suggestWhichBrokerId", SuggestWhichBrokerId);
        fields.Add("nextBeginOffset", NextBeginOffset);
        fields.Add("minOffset", MinOffset);
        fields.Add("maxOffset", MaxOffset);
    }

    /// <inheritdoc />
    public static PullMessageResponse Decode(HeaderFieldSource fields)
    {
        return new PullMessageResponse
        {
            SuggestWhichBrokerId = RequiredInt64(fields, "suggestWhichBrokerId"),
            NextBeginOffset = RequiredInt64(fields, "nextBeginOffset"),
            MinOffset = RequiredInt64(fields, "minOffset"),
            MaxOffset = RequiredInt64(fields, "maxOffset"),
        };
    }
}

/// <summary>
/// Response header holding one offset: QUERY_CONSUMER_OFFSET, GET_MAX_OFFSET, GET_MIN_OFFSET and
/// SEARCH_OFFSET_BY_TIMESTAMP (Java has a class per code with this single field; Go reads the map).
/// </summary>
internal sealed class OffsetResponseHeader : ICommandHeader<OffsetResponseHeader>
{
    /// <summary>The offset.</summary>
    public long Offset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("offset", Offset);
    }

    /// <inheritdoc />
    public static OffsetResponseHeader Decode(HeaderFieldSource fields)
        => new() { Offset = RequiredInt64(fields, "offset") };
}

/// <summary>Response header of QUERY_MESSAGE. Go lacks it.</summary>
internal sealed class QueryMessageResponseHeader : ICommandHeader<QueryMessageResponseHeader>
{
    /// <summary>When the index was last updated, epoch ms.</summary>
    public long IndexLastUpdateTimestamp { get; set; }

    /// <summary>Commit-log offset the index covers.</summary>
    public long IndexLastUpdatePhyoffset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("indexLastUpdateTimestamp", IndexLastUpdateTimestamp);
        fields.Add("indexLastUpdatePhyoffset", IndexLastUpdatePhyoffset);
    }

    /// <inheritdoc />
    public static QueryMessageResponseHeader Decode(HeaderFieldSource fields)
    {
        return new QueryMessageResponseHeader
        {
            IndexLastUpdateTimestamp = RequiredInt64(fields, "indexLastUpdateTimestamp"),
            IndexLastUpdatePhyoffset = RequiredInt64(fields, "indexLastUpdatePhyoffset"),
        };
    }
}

/// <summary>Response header of REGISTER_BROKER. Go lacks it.</summary>
internal sealed class RegisterBrokerResponseHeader : ICommandHeader<RegisterBrokerResponseHeader>
{
    /// <summary>The master's HA address, for a slave.</summary>
    public string? HaServerAddr { get; set; }

    /// <summary>The master's address, for a slave.</summary>
    public string? MasterAddr { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.AddIfNotNull("haServerAddr", HaServerAddr);
        fields.AddIfNotNull("masterAddr", MasterAddr);
    }

    /// <inheritdoc />
    public static RegisterBrokerResponseHeader Decode(HeaderFieldSource fields)
    {
        return new RegisterBrokerResponseHeader { HaServerAddr = Optional(fields, "haServerAddr"), MasterAddr = Optional(fields, "masterAddr") };
    }
}
