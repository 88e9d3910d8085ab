namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>Outcome of a put (Java: PutMessageStatus).</summary>
internal enum PutMessageStatus
{
    PutOk,
    FlushDiskTimeout,
    ServiceNotAvailable,
    MessageIllegal,
    PropertiesSizeExceeded,
    UnknownError,
}

/// <summary>Result of storing one message or one batch (Java: PutMessageResult + AppendMessageResult); a struct, as every send makes one.</summary>
internal readonly struct PutMessageResult
{
    public static readonly PutMessageResult ServiceNotAvailable = new() { Status = PutMessageStatus.ServiceNotAvailable };
    public static readonly PutMessageResult MessageIllegal = new() { Status = PutMessageStatus.MessageIllegal };
    public static readonly PutMessageResult PropertiesSizeExceeded = new() { Status = PutMessageStatus.PropertiesSizeExceeded };

    public PutMessageResult()
    {
    }

    public PutMessageStatus Status { get; init; }

    /// <summary>Commit-log offset of the (first) record.</summary>
    public long CommitLogOffset { get; init; }

    /// <summary>Queue offset of the (first) message.</summary>
    public long QueueOffset { get; init; }

    /// <summary>Bytes appended.</summary>
    public int WroteBytes { get; init; }

    /// <summary>Messages appended.</summary>
    public int MessageCount { get; init; }

    /// <summary>When the store appended.</summary>
    public long StoreTimestamp { get; init; }

    /// <summary>Commit-log offsets of every record of a batch (null for a single message).</summary>
    public long[]? BatchOffsets { get; init; }

    /// <summary>The topic the message was stored under (SCHEDULE_TOPIC_XXXX for a delayed one).</summary>
    public string Topic { get; init; } = "";

    /// <summary>The queue it was stored in.</summary>
    public int QueueId { get; init; }

    public bool IsOk => Status == PutMessageStatus.PutOk;
}

/// <summary>Outcome of a read (Java: GetMessageStatus).</summary>
internal enum GetMessageStatus
{
    Found,
    NoMatchedMessage,
    MessageWasRemoving,
    OffsetFoundNull,
    OffsetOverflowBadly,
    OffsetOverflowOne,
    OffsetTooSmall,
    NoMatchedLogicQueue,
    NoMessageInQueue,
}

/// <summary>Records found by a pull (Java: GetMessageResult); the slices point into the commit log.</summary>
internal sealed class GetMessageResult
{
    public GetMessageStatus Status { get; set; } = GetMessageStatus.NoMessageInQueue;

    public long NextBeginOffset { get; set; }

    public long MinOffset { get; set; }

    public long MaxOffset { get; set; }

    public List<ReadOnlyMemory<byte>> Messages { get; } = [];

    public int BufferTotalSize { get; private set; }

    public int MessageCount => Messages.Count;

    public void Add(ReadOnlyMemory<byte> record)
    {
        Messages.Add(record);
        BufferTotalSize += record.Length;
    }

    /// <summary>The pull body: the records one after another.</summary>
    public byte[] ToBody()
    {
        var body = new byte[BufferTotalSize];
        var position = 0;
        foreach (var record in Messages)
        {
            record.Span.CopyTo(body.AsSpan(position));
            position += record.Length;
        }

        return body;
    }
}

/// <summary>Decides which messages a pull returns (Java: MessageFilter).</summary>
internal interface IMessageFilter
{
    /// <summary>Cheap check on the consume-queue tag code.</summary>
    bool IsMatchedByConsumeQueue(long tagsCode);

    /// <summary>Full check on the stored record (SQL92 filters read its properties).</summary>
    bool IsMatchedByCommitLog(ReadOnlySpan<byte> record);
}

/// <summary>Told about every message appended to a consume queue (Java: MessageArrivingListener).</summary>
internal interface IMessageArrivingListener
{
    /// <summary>A message landed at <paramref name="maxOffset"/> - 1 of topic/queueId.</summary>
    void Arriving(string topic, int queueId, long maxOffset, long tagsCode, long commitLogOffset, int size);
}
