namespace RocketMQ.Go.Port.Primitive;

/// <summary>Message trace settings (Go: <c>primitive.TraceConfig</c>).</summary>
public sealed class TraceConfig
{
    /// <summary>The topic traces are sent to; RMQ_SYS_TRACE_TOPIC when empty.</summary>
    public string TraceTopic { get; set; } = string.Empty;

    /// <summary>The group the trace producer uses.</summary>
    public string GroupName { get; set; } = string.Empty;

    /// <summary>Private cluster or cloud.</summary>
    public AccessChannel Access { get; set; }

    /// <summary>Name servers of the trace cluster.</summary>
    public IReadOnlyList<string> NamesrvAddrs { get; set; } = [];

    /// <summary>Resolver of the trace cluster's name servers; overrides <see cref="NamesrvAddrs"/>.</summary>
    public INsResolver? Resolver { get; set; }

    /// <summary>ACL credentials for the trace cluster, if ACL is on.</summary>
    public Credentials? Credentials { get; set; }
}

/// <summary>Kind of trace record (Go: <c>internal.TraceType</c>).</summary>
public enum TraceType
{
    /// <summary>A send ("Pub").</summary>
    Pub,

    /// <summary>Before consumption ("SubBefore").</summary>
    SubBefore,

    /// <summary>After consumption ("SubAfter").</summary>
    SubAfter,

    /// <summary>A transaction's end: commit, rollback or unknown, from the send or a check-back (Java's "EndTransaction"; Go has none).</summary>
    EndTransaction,
}

/// <summary>One message's part of a trace record (Go: <c>internal.TraceBean</c>).</summary>
public sealed class TraceBean
{
    /// <summary>The topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The unique message id.</summary>
    public string MsgId { get; set; } = string.Empty;

    /// <summary>The offset message id.</summary>
    public string OffsetMsgId { get; set; } = string.Empty;

    /// <summary>The tag.</summary>
    public string Tags { get; set; } = string.Empty;

    /// <summary>The keys.</summary>
    public string Keys { get; set; } = string.Empty;

    /// <summary>The broker address that stored it.</summary>
    public string StoreHost { get; set; } = string.Empty;

    /// <summary>This client's address.</summary>
    public string ClientHost { get; set; } = string.Empty;

    /// <summary>Store time, Unix ms.</summary>
    public long StoreTime { get; set; }

    /// <summary>Redelivery count.</summary>
    public int RetryTimes { get; set; }

    /// <summary>Body length in bytes.</summary>
    public int BodyLength { get; set; }

    /// <summary>Kind of message.</summary>
    public MessageType MsgType { get; set; }

    /// <summary>The transaction id (EndTransaction records; Java: <c>transactionId</c>).</summary>
    public string TransactionId { get; set; } = string.Empty;

    /// <summary>How the transaction ended (EndTransaction records; Java: <c>transactionState</c>).</summary>
    public LocalTransactionState TransactionState { get; set; } = LocalTransactionState.UnknownState;

    /// <summary>True when the end answers the broker's check-back (EndTransaction records; Java: <c>fromTransactionCheck</c>).</summary>
    public bool FromTransactionCheck { get; set; }
}

/// <summary>One trace record: a send or a consume call (Go: <c>internal.TraceContext</c>).</summary>
public sealed class TraceContext
{
    /// <summary>Kind of record.</summary>
    public TraceType TraceType { get; set; }

    /// <summary>When, Unix ms.</summary>
    public long TimeStamp { get; set; }

    /// <summary>Region id.</summary>
    public string RegionId { get; set; } = string.Empty;

    /// <summary>Region name.</summary>
    public string RegionName { get; set; } = string.Empty;

    /// <summary>Producer or consumer group.</summary>
    public string GroupName { get; set; } = string.Empty;

    /// <summary>Duration in ms.</summary>
    public long CostTime { get; set; }

    /// <summary>Whether the call succeeded.</summary>
    public bool IsSuccess { get; set; }

    /// <summary>Id tying SubBefore and SubAfter together.</summary>
    public string RequestId { get; set; } = string.Empty;

    /// <summary>The consume return type ordinal (see <see cref="ConsumeReturnType"/>).</summary>
    public int ContextCode { get; set; }

    /// <summary>The messages of the call.</summary>
    public List<TraceBean> TraceBeans { get; set; } = [];
}
