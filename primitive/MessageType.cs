namespace RocketMQ.Go.Port.Primitive;

/// <summary>Kind of message, for tracing (Go: <c>primitive.MessageType</c>).</summary>
public enum MessageType
{
    /// <summary>A normal message.</summary>
    NormalMsg = 0,

    /// <summary>A transactional half message.</summary>
    TransMsgHalf = 1,

    /// <summary>A committed transactional message.</summary>
    TransMsgCommit = 2,

    /// <summary>A delayed message.</summary>
    DelayMsg = 3,
}

/// <summary>Where the cluster runs (Go: <c>primitive.AccessChannel</c>).</summary>
public enum AccessChannel
{
    /// <summary>A private cluster.</summary>
    Local = 0,

    /// <summary>A cloud service.</summary>
    Cloud = 1,
}
