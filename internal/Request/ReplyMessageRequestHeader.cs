using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of PUSH_REPLY_MESSAGE_TO_CLIENT (326), broker to requester (Go: <c>ReplyMessageRequestHeader</c>).</summary>
internal sealed class ReplyMessageRequestHeader : ICommandHeader<ReplyMessageRequestHeader>
{
    /// <summary>Producer group of the replier.</summary>
    public string ProducerGroup { get; set; } = string.Empty;

    /// <summary>Reply topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Template topic.</summary>
    public string DefaultTopic { get; set; } = string.Empty;

    /// <summary>Queues of an auto-created topic.</summary>
    public int DefaultTopicQueueNums { get; set; }

    /// <summary>Queue.</summary>
    public int QueueId { get; set; }

    /// <summary>MessageSysFlag bits.</summary>
    public int SysFlag { get; set; }

    /// <summary>Born time, epoch ms.</summary>
    public long BornTimestamp { get; set; }

    /// <summary>User flag.</summary>
    public int Flag { get; set; }

    /// <summary>Properties string.</summary>
    public string? Properties { get; set; }

    /// <summary>Reconsume count.</summary>
    public int? ReconsumeTimes { get; set; }

    /// <summary>Unit mode; always sent.</summary>
    public bool UnitMode { get; set; }

    /// <summary>Born host "ip:port".</summary>
    public string BornHost { get; set; } = string.Empty;

    /// <summary>Store host "ip:port".</summary>
    public string StoreHost { get; set; } = string.Empty;

    /// <summary>Store time, epoch ms.</summary>
    public long StoreTimestamp { get; set; }

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
        fields.Add("bornHost", BornHost);
        fields.Add("storeHost", StoreHost);
        fields.Add("storeTimestamp", StoreTimestamp);
        fields.AddIfNotNull("properties", Properties);
        fields.AddIfNotNull("reconsumeTimes", ReconsumeTimes);
    }

    /// <inheritdoc />
    public static ReplyMessageRequestHeader Decode(HeaderFieldSource fields)
    {
        return new ReplyMessageRequestHeader
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
            BornHost = Required(fields, "bornHost"),
            StoreHost = Required(fields, "storeHost"),
            StoreTimestamp = RequiredInt64(fields, "storeTimestamp"),
        };
    }
}
