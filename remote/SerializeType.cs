namespace RocketMQ.Go.Port.Remote;

/// <summary>How a frame's header is serialized: the top byte of the frame's second int32.</summary>
public enum SerializeType : byte
{
    /// <summary>JSON header (Go's default, and Java's).</summary>
    JSON = 0,
    /// <summary>RocketMQ's compact binary header.</summary>
    ROCKETMQ = 1,
}
