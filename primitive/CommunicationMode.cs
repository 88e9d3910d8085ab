namespace RocketMQ.Go.Port.Primitive;

/// <summary>How a call is made (Go: <c>primitive.CommunicationMode</c> and the ConsumerPush/ConsumerPull constants).</summary>
public enum CommunicationMode
{
    /// <summary>Synchronous send.</summary>
    SendSync,

    /// <summary>One-way send, no answer.</summary>
    SendOneway,

    /// <summary>Asynchronous send with a callback.</summary>
    SendAsync,

    /// <summary>Push consumer delivery.</summary>
    ConsumerPush,

    /// <summary>Pull consumer.</summary>
    ConsumerPull,
}

/// <summary>How a consume call ended, for traces (Go: <c>primitive.ConsumeReturnType</c>; value = Go's Ordinal()).</summary>
public enum ConsumeReturnType
{
    /// <summary>"SUCCESS".</summary>
    SuccessReturn = 0,

    /// <summary>"TIMEOUT".</summary>
    TimeoutReturn = 1,

    /// <summary>"EXCEPTION".</summary>
    ExceptionReturn = 2,

    /// <summary>"RETURNNULL".</summary>
    NullReturn = 3,

    /// <summary>"FAILED".</summary>
    FailedReturn = 4,
}

/// <summary>Helpers for <see cref="ConsumeReturnType"/>.</summary>
public static class ConsumeReturnTypeExtensions
{
    /// <summary>The property key trace contexts store the return type under (Go: <c>PropCtxType</c>).</summary>
    public const string PropCtxType = "ConsumeContextType";

    /// <summary>The string Go and Java use for the return type.</summary>
    public static string ToWireString(this ConsumeReturnType type) => type switch
    {
        ConsumeReturnType.SuccessReturn => "SUCCESS",
        ConsumeReturnType.TimeoutReturn => "TIMEOUT",
        ConsumeReturnType.ExceptionReturn => "EXCEPTION",
        ConsumeReturnType.NullReturn => "RETURNNULL",
        _ => "FAILED",
    };
}
