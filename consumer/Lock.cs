namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// One async mutex per queue, so an orderly queue is consumed by one worker at a time (Go: lock.go
/// <c>QueueLock</c>; Java: MessageQueueLock). <b>Fix:</b> Go's <c>fetchLock</c> has a value receiver, so every call
/// works on a copy of the table and two workers can get different mutexes for one queue.
/// </summary>
internal sealed class QueueLock
{
    private readonly ConcurrentDictionary<MessageQueue, SemaphoreSlim> _locks = new();

    /// <summary>The queue's mutex (Go: <c>fetchLock</c>).</summary>
    public SemaphoreSlim FetchLock(MessageQueue mq) => _locks.GetOrAdd(mq, static _ => new SemaphoreSlim(1, 1));

    /// <summary>Forgets a queue no longer owned.</summary>
    public void Remove(MessageQueue mq) => _locks.TryRemove(mq, out _);
}
