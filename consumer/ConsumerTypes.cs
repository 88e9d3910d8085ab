namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// How messages are delivered to the consumers of one group (Go: <c>consumer.MessageModel</c>). Clustering shares
/// the queues among the group; broadcasting gives every consumer every message.
/// </summary>
public enum MessageModel
{
    /// <summary>Every consumer of the group gets every message; offsets are kept in a local file (Go: <c>BroadCasting</c>).</summary>
    BroadCasting = 0,

    /// <summary>The group's consumers share the queues; offsets are kept on the broker (Go: <c>Clustering</c>, the default).</summary>
    Clustering = 1,
}

/// <summary>Where a group with no stored offset starts (Go: <c>consumer.ConsumeFromWhere</c>).</summary>
public enum ConsumeFromWhere
{
    /// <summary>From the end of the queue (Go: <c>ConsumeFromLastOffset</c>, the default).</summary>
    ConsumeFromLastOffset = 0,

    /// <summary>From the oldest message kept (Go: <c>ConsumeFromFirstOffset</c>).</summary>
    ConsumeFromFirstOffset = 1,

    /// <summary>From the first message stored at or after the consume timestamp (Go: <c>ConsumeFromTimestamp</c>).</summary>
    ConsumeFromTimestamp = 2,
}

/// <summary>Kind of subscription expression (Go: <c>consumer.ExpressionType</c>).</summary>
public enum ExpressionType
{
    /// <summary>"TagA || TagB", or "*" / empty for every tag (Go: <c>TAG</c>).</summary>
    TAG = 0,

    /// <summary>An SQL92 condition over message properties, evaluated by the broker (Go: <c>SQL92</c>).</summary>
    SQL92 = 1,
}

/// <summary>What a consumer subscribes to in a topic (Go: <c>consumer.MessageSelector</c>).</summary>
/// <param name="Type">TAG or SQL92.</param>
/// <param name="Expression">The tag expression or the SQL92 condition.</param>
public readonly record struct MessageSelector(ExpressionType Type, string Expression)
{
    /// <summary>Every message of the topic.</summary>
    public static MessageSelector All => new(ExpressionType.TAG, "*");

    /// <summary>A tag selector, e.g. <c>"TagA || TagB"</c>.</summary>
    public static MessageSelector ByTag(string expression) => new(ExpressionType.TAG, expression);

    /// <summary>An SQL92 selector, e.g. <c>"a BETWEEN 0 AND 3"</c>; the broker must enable property filtering.</summary>
    public static MessageSelector BySql(string expression) => new(ExpressionType.SQL92, expression);

    /// <summary>Java's name of the type: "TAG" or "SQL92".</summary>
    public string TypeName => Type == ExpressionType.SQL92 ? "SQL92" : "TAG";
}

/// <summary>What a handler returns (Go: <c>consumer.ConsumeResult</c>).</summary>
public enum ConsumeResult
{
    /// <summary>Consumed; the offset may move past the messages.</summary>
    ConsumeSuccess = 0,

    /// <summary>
    /// Not consumed. Concurrent mode sends the messages back for a later retry; orderly mode suspends the queue and
    /// redelivers them (Go leaves them undelivered in orderly mode).
    /// </summary>
    ConsumeRetryLater = 1,

    /// <summary>Orderly with auto commit off: commit the offset.</summary>
    Commit = 2,

    /// <summary>Orderly with auto commit off: don't commit, suspend and redeliver.</summary>
    Rollback = 3,

    /// <summary>Orderly: suspend the queue for a while and redeliver the same messages.</summary>
    SuspendCurrentQueueAMoment = 4,
}

/// <summary>How a consume call ended, as recorded for interceptors and traces (Go: <c>consumer.ConsumerReturn</c>).</summary>
public enum ConsumerReturn
{
    /// <summary>Succeeded.</summary>
    SuccessReturn = 0,

    /// <summary>The handler threw.</summary>
    ExceptionReturn = 1,

    /// <summary>No result.</summary>
    NullReturn = 2,

    /// <summary>Took longer than the consume timeout.</summary>
    TimeoutReturn = 3,

    /// <summary>Asked to retry.</summary>
    FailedReturn = 4,
}

/// <summary>
/// The reply holder interceptors see as <c>reply</c> for a push consume call (Go: <c>consumer.ConsumeResultHolder</c>).
/// </summary>
public sealed class ConsumeResultHolder
{
    /// <summary>The handler's result.</summary>
    public ConsumeResult ConsumeResult { get; set; }

    /// <summary>The handler the chain's innermost invoker calls.</summary>
    internal Func<Primitive.CallContext, IReadOnlyList<Primitive.MessageExt>, Task<ConsumeResult>>? Handler { get; init; }
}
