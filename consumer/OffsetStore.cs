namespace RocketMQ.Go.Port.Consumer;

/// <summary>Where <see cref="IOffsetStore.ReadWithException"/> reads (Go: <c>readType</c>; Java: <c>ReadOffsetType</c>).</summary>
public enum ReadType
{
    /// <summary>Only the in-memory table; -1 when absent (Go: <c>_ReadFromMemory</c>).</summary>
    ReadFromMemory,

    /// <summary>Only the store: the broker or the file (Go: <c>_ReadFromStore</c>).</summary>
    ReadFromStore,

    /// <summary>Memory, then the store when absent (Go: <c>_ReadMemoryThenStore</c>).</summary>
    ReadMemoryThenStore,
}

/// <summary>
/// The consumed offsets of a consumer group (Go: offset_store.go <c>OffsetStore</c>): kept in memory, advanced by
/// consumption and written to the broker (clustering) or a local file (broadcasting) by <c>Persist</c>.
/// Shared by the push consumer and the lite pull consumer; public so an application can plug its own
/// (<see cref="ConsumerOptions.WithOffsetStore(Func{OffsetStoreContext, IOffsetStore})"/>; Java: <c>OffsetStore</c>).
/// The built-in ones are <see cref="RemoteBrokerOffsetStore"/> and <see cref="LocalFileOffsetStore"/>.
/// Implementations must be thread-safe: the pull loops, the persist loop and the rebalance call them concurrently.
/// </summary>
public interface IOffsetStore
{
    /// <summary>Writes the offsets of <paramref name="mqs"/> and forgets those of other queues (Go: <c>persist</c>; Java: persistAll). Completes when written.</summary>
    Task Persist(IReadOnlyCollection<MessageQueue> mqs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one queue's offset and leaves the others alone (Java: <c>persist(mq)</c>). Go calls its
    /// <c>persist</c> with a one-queue list here, which forgets the offsets of every other queue.
    /// </summary>
    Task Persist(MessageQueue mq, CancellationToken cancellationToken = default);

    /// <summary>Forgets a queue's in-memory offset (Go: <c>remove</c>).</summary>
    void Remove(MessageQueue mq);

    /// <summary>The in-memory offset, -1 when absent; never does I/O (the pull path's <c>_ReadFromMemory</c>).</summary>
    long ReadFromMemory(MessageQueue mq);

    /// <summary>
    /// Reads an offset (Go: <c>readWithException</c>); -1 when the store has none. Reading the store caches the value
    /// in memory. Throws when the store cannot be read (the broker is unreachable or answers an error).
    /// </summary>
    Task<long> ReadWithException(MessageQueue mq, ReadType type, CancellationToken cancellationToken = default);

    /// <summary>Sets a queue's offset; with <paramref name="increaseOnly"/> only a larger one (Go: <c>update</c>).</summary>
    void Update(MessageQueue mq, long offset, bool increaseOnly);

    /// <summary>The in-memory offsets of one topic (Go: <c>getMQOffsetMap</c>).</summary>
    Dictionary<MessageQueue, long> GetMQOffsetMap(string topic);
}

/// <summary>The in-memory offset table both stores share: a lock-free cell per queue.</summary>
internal sealed class OffsetTable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<MessageQueue, Cell> _table = new();

    /// <summary>The queues with an offset.</summary>
    public ICollection<MessageQueue> Keys => _table.Keys;

    /// <summary>The offset, or -1.</summary>
    public long Read(MessageQueue mq) => _table.TryGetValue(mq, out var cell) ? Volatile.Read(ref cell.Offset) : -1;

    /// <summary>Sets or raises the offset.</summary>
    public void Update(MessageQueue mq, long offset, bool increaseOnly)
    {
        if (!_table.TryGetValue(mq, out var cell))
        {
            cell = _table.GetOrAdd(mq, static (_, o) => new Cell { Offset = o }, offset);
        }

        if (!increaseOnly)
        {
            Volatile.Write(ref cell.Offset, offset);
            return;
        }

        var current = Volatile.Read(ref cell.Offset);
        while (current < offset)
        {
            var seen = Interlocked.CompareExchange(ref cell.Offset, offset, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Forgets a queue.</summary>
    public void Remove(MessageQueue mq) => _table.TryRemove(mq, out _);

    /// <summary>A copy of the offsets, optionally of one topic only.</summary>
    public Dictionary<MessageQueue, long> Snapshot(string? topic = null)
    {
        var copy = new Dictionary<MessageQueue, long>();
        foreach (var (mq, cell) in _table)
        {
            if (topic is null || mq.Topic == topic)
            {
                copy[mq] = Volatile.Read(ref cell.Offset);
            }
        }

        return copy;
    }

    private sealed class Cell
    {
        public long Offset;
    }
}
