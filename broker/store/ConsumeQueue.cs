namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>One consume-queue unit (Java: the 20-byte CQ entry, plus the store time for searches by timestamp).</summary>
internal readonly record struct ConsumeQueueEntry(long CommitLogOffset, int Size, long TagsCode, long StoreTimestamp);

/// <summary>
/// The logical queue of one topic and queue id (Java: ConsumeQueue): entry i points at the i-th message of the queue
/// in the commit log. Appends come from the store's put lock; reads are lock-free.
/// </summary>
internal sealed class ConsumeQueue
{
    private const int SegmentShift = 12;
    private const int SegmentSize = 1 << SegmentShift;

    private ConsumeQueueEntry[][] _segments = [];
    private long _count;
    private long _minOffset;

    /// <summary>Creates the queue.</summary>
    public ConsumeQueue(string topic, int queueId)
    {
        Topic = topic;
        QueueId = queueId;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The queue id.</summary>
    public int QueueId { get; }

    /// <summary>One past the last entry (Java: getMaxOffsetInQueue).</summary>
    public long MaxOffset => Volatile.Read(ref _count);

    /// <summary>The first entry still held.</summary>
    public long MinOffset => Volatile.Read(ref _minOffset);

    /// <summary>Appends an entry; returns its logical offset. Called under the put lock.</summary>
    public long Append(in ConsumeQueueEntry entry)
    {
        var index = _count;
        var segment = (int)(index >> SegmentShift);
        if (segment >= _segments.Length)
        {
            var grown = new ConsumeQueueEntry[Math.Max(4, _segments.Length * 2)][];
            Array.Copy(_segments, grown, _segments.Length);
            Volatile.Write(ref _segments, grown);
        }

        var segments = _segments;
        segments[segment] ??= new ConsumeQueueEntry[SegmentSize];
        segments[segment][(int)(index & (SegmentSize - 1))] = entry;
        Volatile.Write(ref _count, index + 1);
        return index;
    }

    /// <summary>Reads entry <paramref name="offset"/> when it exists.</summary>
    public bool TryGet(long offset, out ConsumeQueueEntry entry)
    {
        if (offset < MinOffset || offset >= MaxOffset)
        {
            entry = default;
            return false;
        }

        var segments = Volatile.Read(ref _segments);
        entry = segments[(int)(offset >> SegmentShift)][(int)(offset & (SegmentSize - 1))];
        return true;
    }

    /// <summary>Makes an empty queue start at <paramref name="offset"/> (recovery of a queue whose head was dropped).</summary>
    public void StartAt(long offset)
    {
        Volatile.Write(ref _count, offset);
        Volatile.Write(ref _minOffset, offset);
    }

    /// <summary>Forgets entries below <paramref name="offset"/> (their commit-log records were dropped).</summary>
    public void TruncateBelow(long offset)
    {
        if (offset > MinOffset)
        {
            Volatile.Write(ref _minOffset, Math.Min(offset, MaxOffset));
        }
    }

    /// <summary>
    /// The first offset whose message was stored at or after <paramref name="timestamp"/> (Java:
    /// getOffsetInQueueByTime); the max offset when every message is older, the min when all are newer.
    /// </summary>
    public long OffsetByTime(long timestamp)
    {
        long lo = MinOffset, hi = MaxOffset - 1;
        if (hi < lo)
        {
            return lo;
        }

        var result = MaxOffset;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            TryGet(mid, out var entry);
            if (entry.StoreTimestamp >= timestamp)
            {
                result = mid;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return result;
    }
}
