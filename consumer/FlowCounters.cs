namespace RocketMQ.Go.Port.Consumer;

/// <summary>Message count and body size summed over the queues of one topic, for topic-level flow control.</summary>
internal sealed class FlowCounters
{
    private long _count;
    private long _size;

    /// <summary>Cached messages.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Cached body bytes.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>Adds (or with negative values subtracts) messages.</summary>
    public void Add(long count, long size)
    {
        if (count != 0)
        {
            Interlocked.Add(ref _count, count);
        }

        if (size != 0)
        {
            Interlocked.Add(ref _size, size);
        }
    }
}
