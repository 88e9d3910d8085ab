using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of PULL_MESSAGE (11) (Go: <c>PullMessageRequestHeader</c>).</summary>
internal sealed class PullMessageRequestHeader : ICommandHeader<PullMessageRequestHeader>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Queue to pull from.</summary>
    public int QueueId { get; set; }

    /// <summary>First offset wanted.</summary>
    public long QueueOffset { get; set; }

    /// <summary>Most messages to return.</summary>
    public int MaxMsgNums { get; set; }

    /// <summary>PullSysFlag bits (commit offset 1, suspend 2, subscription 4, class filter 8).</summary>
    public int SysFlag { get; set; }

    /// <summary>Offset to commit along with the pull (when the commit bit is set).</summary>
    public long CommitOffset { get; set; }

    /// <summary>How long the broker may hold the request (long polling), in ms. Go holds a time.Duration.</summary>
    public long SuspendTimeoutMillis { get; set; }

    /// <summary>Subscription expression (Java: subscription); sent only with the subscription flag.</summary>
    public string? SubExpression { get; set; }

    /// <summary>Subscription version (the heartbeat's subVersion).</summary>
    public long SubVersion { get; set; }

    /// <summary>TAG or SQL92.</summary>
    public string? ExpressionType { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("consumerGroup", ConsumerGroup);
        fields.Add("topic", Topic);
        fields.Add("queueId", QueueId);
        fields.Add("queueOffset", QueueOffset);
        fields.Add("maxMsgNums", MaxMsgNums);
        fields.Add("sysFlag", SysFlag);
        fields.Add("commitOffset", CommitOffset);
        fields.Add("suspendTimeoutMillis", SuspendTimeoutMillis);
        fields.Add("subVersion", SubVersion);
        fields.AddIfNotNull("subscription", SubExpression);
        fields.AddIfNotNull("expressionType", ExpressionType);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static PullMessageRequestHeader Decode(HeaderFieldSource fields)
    {
        return new PullMessageRequestHeader
        {
            ConsumerGroup = Required(fields, "consumerGroup"),
            Topic = Required(fields, "topic"),
            QueueId = RequiredInt32(fields, "queueId"),
            QueueOffset = RequiredInt64(fields, "queueOffset"),
            MaxMsgNums = RequiredInt32(fields, "maxMsgNums"),
            SysFlag = RequiredInt32(fields, "sysFlag"),
            CommitOffset = RequiredInt64(fields, "commitOffset"),
            SuspendTimeoutMillis = RequiredInt64(fields, "suspendTimeoutMillis"),
            SubExpression = Optional(fields, "subscription"),
            SubVersion = RequiredInt64(fields, "subVersion"),
            ExpressionType = Optional(fields, "expressionType"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}
