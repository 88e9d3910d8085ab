using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of END_TRANSACTION (37) (Go: <c>EndTransactionRequestHeader</c>).</summary>
internal sealed class EndTransactionRequestHeader : ICommandHeader<EndTransactionRequestHeader>
{
    /// <summary>Producer group.</summary>
    public string ProducerGroup { get; set; } = string.Empty;

    /// <summary>The half message's queue offset.</summary>
    public long TranStateTableOffset { get; set; }

    /// <summary>The half message's commit-log offset.</summary>
    public long CommitLogOffset { get; set; }

    /// <summary>MessageSysFlag commit (8), rollback (12) or not-type (0, unknown).</summary>
    public int CommitOrRollback { get; set; }

    /// <summary>True when answering a broker check (CHECK_TRANSACTION_STATE).</summary>
    public bool FromTransactionCheck { get; set; }

    /// <summary>Message id (the unique id of the half message).</summary>
    public string MsgId { get; set; } = string.Empty;

    /// <summary>Transaction id.</summary>
    public string? TransactionId { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("producerGroup", ProducerGroup);
        fields.Add("tranStateTableOffset", TranStateTableOffset);
        fields.Add("commitLogOffset", CommitLogOffset);
        fields.Add("commitOrRollback", CommitOrRollback);
        fields.Add("fromTransactionCheck", FromTransactionCheck);
        fields.Add("msgId", MsgId);
        fields.AddIfNotNull("transactionId", TransactionId);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static EndTransactionRequestHeader Decode(HeaderFieldSource fields)
    {
        return new EndTransactionRequestHeader
        {
            ProducerGroup = Required(fields, "producerGroup"),
            TranStateTableOffset = RequiredInt64(fields, "tranStateTableOffset"),
            CommitLogOffset = RequiredInt64(fields, "commitLogOffset"),
            CommitOrRollback = RequiredInt32(fields, "commitOrRollback"),
            FromTransactionCheck = OptionalBoolean(fields, "fromTransactionCheck") ?? false,
            MsgId = Required(fields, "msgId"),
            TransactionId = Optional(fields, "transactionId"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}

/// <summary>Header of CHECK_TRANSACTION_STATE (39), broker to producer (Go: <c>CheckTransactionStateRequestHeader</c>).</summary>
internal sealed class CheckTransactionStateRequestHeader : ICommandHeader<CheckTransactionStateRequestHeader>
{
    /// <summary>The half message's queue offset.</summary>
    public long TranStateTableOffset { get; set; }

    /// <summary>The half message's commit-log offset.</summary>
    public long CommitLogOffset { get; set; }

    /// <summary>Unique message id.</summary>
    public string? MsgId { get; set; }

    /// <summary>Transaction id.</summary>
    public string? TransactionId { get; set; }

    /// <summary>Offset message id.</summary>
    public string? OffsetMsgId { get; set; }

    /// <summary>Broker name (bname).</summary>
    public string? BrokerName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("tranStateTableOffset", TranStateTableOffset);
        fields.Add("commitLogOffset", CommitLogOffset);
        fields.AddIfNotNull("msgId", MsgId);
        fields.AddIfNotNull("transactionId", TransactionId);
        fields.AddIfNotNull("offsetMsgId", OffsetMsgId);
        fields.AddIfNotNull(HeaderFields.BrokerName, BrokerName);
    }

    /// <inheritdoc />
    public static CheckTransactionStateRequestHeader Decode(HeaderFieldSource fields)
    {
        return new CheckTransactionStateRequestHeader
        {
            TranStateTableOffset = RequiredInt64(fields, "tranStateTableOffset"),
            CommitLogOffset = RequiredInt64(fields, "commitLogOffset"),
            MsgId = Optional(fields, "msgId"),
            TransactionId = Optional(fields, "transactionId"),
            OffsetMsgId = Optional(fields, "offsetMsgId"),
            BrokerName = Optional(fields, HeaderFields.BrokerName),
        };
    }
}
