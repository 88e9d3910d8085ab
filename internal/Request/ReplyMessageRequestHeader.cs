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
    public static ReplyMessageRequestHeader Decode(IReadOnlyDictionary<string, string>? fields)
    {
        var f = OrEmpty(fields);
        return new ReplyMessageRequestHeader
        {
            ProducerGroup = Required(f, "producerGroup"),
            Topic = Required(f, "topic"),
            DefaultTopic = Required(f, "defaultTopic"),
            DefaultTopicQueueNums = RequiredInt32(f, "defaultTopicQueueNums"),
            QueueId = RequiredInt32(f, "queueId"),
            SysFlag = RequiredInt32(f, "sysFlag"),
            BornTimestamp = RequiredInt64(f, "bornTimestamp"),
            Flag = RequiredInt32(f, "flag"),
            Properties = Optional(f, "properties"),
            ReconsumeTimes = OptionalInt32(f, "reconsumeTimes"),
            UnitMode = OptionalBoolean(f, "unitMode") ?? false,
            BornHost = Required(f, "bornHost"),
            StoreHost = Required(f, "storeHost"),
            StoreTimestamp = RequiredInt64(f, "storeTimestamp"),
        };
    }
}
