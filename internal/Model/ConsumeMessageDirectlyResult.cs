using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A consumer's answer to CONSUME_MESSAGE_DIRECTLY (309) (Go: model.go <c>ConsumeMessageDirectlyResult</c>).
/// <see cref="ConsumeResult"/> is written as Java's CMResult name (CR_SUCCESS, ...); Go writes a number.
/// </summary>
internal sealed class ConsumeMessageDirectlyResult : IRemotingBody<ConsumeMessageDirectlyResult>
{
    /// <summary>Consumed successfully.</summary>
    public const string CrSuccess = "CR_SUCCESS";

    /// <summary>Asked to retry later.</summary>
    public const string CrLater = "CR_LATER";

    /// <summary>Orderly: rollback.</summary>
    public const string CrRollback = "CR_ROLLBACK";

    /// <summary>Orderly: commit.</summary>
    public const string CrCommit = "CR_COMMIT";

    /// <summary>The listener threw.</summary>
    public const string CrThrowException = "CR_THROW_EXCEPTION";

    /// <summary>The listener returned nothing.</summary>
    public const string CrReturnNull = "CR_RETURN_NULL";

    /// <summary>Consumed by an orderly listener.</summary>
    public bool Order { get; set; }

    /// <summary>Auto commit (orderly).</summary>
    public bool AutoCommit { get; set; } = true;

    /// <summary>One of the CR_* names.</summary>
    public string? ConsumeResult { get; set; }

    /// <summary>Free text (an exception's text).</summary>
    public string? Remark { get; set; }

    /// <summary>Time spent, ms (Java's spelling: spentTimeMills).</summary>
    public long SpentTimeMills { get; set; }

    /// <inheritdoc />
    public static ConsumeMessageDirectlyResult Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        return new ConsumeMessageDirectlyResult
        {
            Order = obj.GetBoolean("order"),
            AutoCommit = obj.GetBoolean("autoCommit", true),
            ConsumeResult = obj.GetString("consumeResult"),
            Remark = obj.GetString("remark"),
            SpentTimeMills = obj.GetInt64("spentTimeMills"),
        };
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, r) =>
    {
        w.WriteStartObject();
        w.WriteBoolean("autoCommit", r.AutoCommit);
        w.WriteString("consumeResult", r.ConsumeResult);
        w.WriteBoolean("order", r.Order);
        w.WriteString("remark", r.Remark);
        w.WriteNumber("spentTimeMills", r.SpentTimeMills);
        w.WriteEndObject();
    });
}
