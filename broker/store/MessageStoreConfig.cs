namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>When an appended message counts as stored (Java: FlushDiskType).</summary>
public enum FlushDiskType
{
    /// <summary>Acknowledge once the bytes are written to the OS (survives a process crash, not a power loss).</summary>
    AsyncFlush,

    /// <summary>Acknowledge once the bytes are fsynced (survives a power loss; slower).</summary>
    SyncFlush,
}

/// <summary>Store settings (Java: MessageStoreConfig, the parts a development broker needs).</summary>
public sealed class MessageStoreConfig
{
    /// <summary>Directory for the commit log, offsets and configs; null keeps everything in memory.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Durability of acknowledged messages when <see cref="StoreDirectory"/> is set.</summary>
    public FlushDiskType FlushDiskType { get; set; } = FlushDiskType.AsyncFlush;

    /// <summary>Largest message body (and batch body) accepted, 4 MiB as in Java.</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most bytes one pull returns (Java: maxTransferBytesOnMessageInMemory).</summary>
    public int MaxTransferBytesOnMessageInMemory { get; set; } = 256 * 1024;

    /// <summary>Most messages one pull returns (Java: maxTransferCountOnMessageInMemory).</summary>
    public int MaxTransferCountOnMessageInMemory { get; set; } = 32;

    /// <summary>The delay levels, Java's messageDelayLevel syntax.</summary>
    public string MessageDelayLevel { get; set; } = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    /// <summary>Size of one in-memory commit-log chunk.</summary>
    public int ChunkSize { get; set; } = 8 * 1024 * 1024;
}
