using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Header of SEND_MESSAGE (10) and SEND_REPLY_MESSAGE (324) with full field names, and of SEND_MESSAGE_V2 (310),
/// SEND_BATCH_MESSAGE (320) and SEND_REPLY_MESSAGE_V2 (325) with the short names a..n
/// (Go: <c>SendMessageRequestHeader</c> and <c>SendMessageRequestV2Header</c>; Java:
/// <c>SendMessageRequestHeader</c> / <c>SendMessageRequestHeaderV2</c>).
/// </summary>
internal sealed class SendMessageRequestHeader : ICommandHeader<SendMessageRequestHeader>
{
    /// <summary>Producer group (v2: a).</summary>
    public string ProducerGroup { get; set; } = string.Empty;

    /// <summary>Topic (v2: b).</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Template topic for auto-creation (v2: c); Java sends TBW102.</summary>
    public string DefaultTopic { get; set; } = Constants.DefaultTopic;

    /// <summary>Queues of an auto-created topic (v2: d).</summary>
    public int DefaultTopicQueueNums { get; set; } = Constants.DefaultTopicQueueNums;

    /// <summary>Target queue (v2: e).</summary>
    public int QueueId { get; set; }

    /// <summary>MessageSysFlag bits (v2: f).</summary>
    public int SysFlag { get; set; }

    /// <summary>Client time of sending, epoch ms (v2: g).</summary>
    public long BornTimestamp { get; set; }

    /// <summary>The message's user flag (v2: h).</summary>
    public int Flag { get; set; }

    /// <summary>Properties string (key 0x01 value 0x02 ...) (v2: i).</summary>
    public string? Properties { get; set; }

    /// <summary>Reconsume count (v2: j); the Java client sends 0 for a fresh message.</summary>
    public int? ReconsumeTimes { get; set; } = 0;

    /// <summary>Unit mode (v2: k); always sent.</summary>
    public bool UnitMode { get; set; }

    /// <summary>Batch body (v2: m); always sent.</summary>
    public bool Batch { get; set; }

    /// <summary>Max reconsume times, only for messages sent back to a retry topic (v2: l).</summary>
    public int? MaxReconsumeTimes { get; set; }

    /// <summary>Target broker name (v1: bname, v2: n).</summary>
    public string? BrokerName { get; set; }

    /// <summary>True for the codes that carry the short (v2) names.</summary>
    public static bool UsesShortNames(int requestCode)
        => requestCode is RequestCode.SEND_MESSAGE_V2 or RequestCode.SEND_BATCH_MESSAGE or RequestCode.SEND_REPLY_MESSAGE_V2;

    /// <summary>The ext-field map with the names <paramref name="requestCode"/> uses.</summary>
    public Dictionary<string, string> EncodeFor(int requestCode) => UsesShortNames(requestCode) ? EncodeV2() : this.Encode();

    /// <summary>The ext-field map with the short names (see <see cref="WriteV2"/>).</summary>
    public Dictionary<string, string> EncodeV2() => CommandHeaders.Encode(this, static (h, f) => h.WriteV2(f));

    /// <summary>Decodes with the names <paramref name="requestCode"/> uses (the broker's entry point).</summary>
    public static SendMessageRequestHeader DecodeFor(int requestCode, HeaderFieldSource fields)
        => UsesShortNames(requestCode) ? DecodeV2(fields) : Decode(fields);

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("producerGroup", ProducerGroup);
        fields.Add("topic", Topic);
        fields.Add("defaultTopic", DefaultTopic);
        fields.Add("defaultTopicQueueNums", DefaultTopicQueueNums);
        fields.Add("queueId", QueueId);
        fields.Add("sysFlag", SysFlag);
        fields.Add("bornTimestamp", BornTimestamp);
        fields.Add("flag", Flag);
        fields.Add("unitMode", UnitMode);
        fields.Add("batch", Batch);
        fields.AddIfNotNull("properties", Properties);
        fields.AddIfNotNull("reconsumeTimes", ReconsumeTimes);
        fields.AddIfNotNull("maxReconsumeTimes", MaxReconsumeTimes);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <summary>The short-name form (Java's <c>createSendMessageRequestHeaderV2</c> mapping).</summary>
    public void WriteV2(PackedExtFields fields)
    {
        fields.Add("a", ProducerGroup);
        fields.Add("b", Topic);
        fields.Add("c", DefaultTopic);
        fields.Add("d", DefaultTopicQueueNums);
        fields.Add("e", QueueId);
        fields.Add("f", SysFlag);
        fields.Add("g", BornTimestamp);
        fields.Add("h", Flag);
        fields.Add("k", UnitMode);
        fields.Add("m", Batch);
        fields.AddIfNotNull("i", Properties);
        fields.AddIfNotNull("j", ReconsumeTimes);
        fields.AddIfNotNull("l", MaxReconsumeTimes);
        fields.AddIfNotNull("n", BrokerName);
    }

    /// <inheritdoc />
    public static SendMessageRequestHeader Decode(HeaderFieldSource fields)
    {
        return new SendMessageRequestHeader
        {
            ProducerGroup = Required(fields, "producerGroup"),
            Topic = Required(fields, "topic"),
            DefaultTopic = Required(fields, "defaultTopic"),
            DefaultTopicQueueNums = RequiredInt32(fields, "defaultTopicQueueNums"),
            QueueId = RequiredInt32(fields, "queueId"),
            SysFlag = RequiredInt32(fields, "sysFlag"),
            BornTimestamp = RequiredInt64(fields, "bornTimestamp"),
            Flag = RequiredInt32(fields, "flag"),
            Properties = Optional(fields, "properties"),
            ReconsumeTimes = OptionalInt32(fields, "reconsumeTimes"),
            UnitMode = OptionalBoolean(fields, "unitMode") ?? false,
            Batch = OptionalBoolean(fields, "batch") ?? false,
            MaxReconsumeTimes = OptionalInt32(fields, "maxReconsumeTimes"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }

    /// <summary>Reads the short-name form (Java's <c>createSendMessageRequestHeaderV1</c> mapping).</summary>
    public static SendMessageRequestHeader DecodeV2(HeaderFieldSource fields)
    {
        return new SendMessageRequestHeader
        {
            ProducerGroup = Required(fields, "a"),
            Topic = Required(fields, "b"),
            DefaultTopic = Required(fields, "c"),
            DefaultTopicQueueNums = RequiredInt32(fields, "d"),
            QueueId = RequiredInt32(fields, "e"),
            SysFlag = RequiredInt32(fields, "f"),
            BornTimestamp = RequiredInt64(fields, "g"),
            Flag = RequiredInt32(fields, "h"),
            Properties = Optional(fields, "i"),
            ReconsumeTimes = OptionalInt32(fields, "j"),
            UnitMode = OptionalBoolean(fields, "k") ?? false,
            MaxReconsumeTimes = OptionalInt32(fields, "l"),
            Batch = OptionalBoolean(fields, "m") ?? false,
            BrokerName = Optional(fields, "n"),
        };
    }
}
