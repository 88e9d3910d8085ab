namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The messages pulled from one queue and not consumed yet, with the queue's lock and liveness state (Go:
/// process_queue.go <c>processQueue</c>; Java: ProcessQueue). Shared by the push consumer and the lite pull consumer.
/// Thread-safe.
/// </summary>
internal sealed class ProcessQueue
{
    /// <summary>A lock older than this is treated as lost (Go: <c>_RebalanceLockMaxTime</c>); the broker's lasts 60 s.</summary>
    public static readonly TimeSpan RebalanceLockMaxTime = TimeSpan.FromSeconds(30);

    /// <summary>A queue not pulled for this long is rebuilt by the next rebalance (Go: <c>_PullMaxIdleTime</c>).</summary>
    public static readonly TimeSpan PullMaxIdleTime = TimeSpan.FromSeconds(120);

    private readonly Lock _lock = new();
    private readonly OffsetMap _msgCache = new();
    private readonly OffsetMap _consumingOrderly = new();
    private readonly CancellationTokenSource _dropped = new();
    private readonly FlowCounters? _topicCounters;
    private long _cachedMsgCount;
    private long _cachedMsgSize;
    private long _queueOffsetMax;
    private long _lastPullTicks;
    private long _lastConsumeTicks;
    private long _lastLockTicks;
    private volatile bool _locked;
    private bool _consuming;

    /// <summary>Creates an empty queue; <paramref name="topicCounters"/> aggregates the counts of all queues of a topic.</summary>
    public ProcessQueue(bool order = false, FlowCounters? topicCounters = null)
    {
        Order = order;
        _topicCounters = topicCounters;
        var now = Environment.TickCount64;
        _lastPullTicks = now;
        _lastConsumeTicks = now;
        _lastLockTicks = now;
    }

    /// <summary>True for an orderly consumer's queue.</summary>
    public bool Order { get; }

    /// <summary>Held by an orderly consumer while its handler runs, so a rebalance can wait for it before unlocking.</summary>
    public SemaphoreSlim ConsumeLock { get; } = new(1, 1);

    /// <summary>Messages cached (Go: <c>cachedMsgCount</c>).</summary>
    public long CachedMsgCount => Volatile.Read(ref _cachedMsgCount);

    /// <summary>Body bytes cached (Go: <c>cachedMsgSize</c>).</summary>
    public long CachedMsgSize => Volatile.Read(ref _cachedMsgSize);

    /// <summary>The queue's max offset the broker reported in the last pull, -1 before (Go: <c>maxOffsetInQueue</c>).</summary>
    public long MaxOffsetInQueue { get; set; } = -1;

    /// <summary>Messages between the last cached one and the queue end (Go: <c>msgAccCnt</c>).</summary>
    public long MsgAccCnt { get; private set; }

    /// <summary>Failed unlock attempts, for running info.</summary>
    public long TryUnlockTimes { get; set; }

    /// <summary>Cancelled when the queue is dropped: stops its pull loop and long poll at once.</summary>
    public CancellationToken DroppedToken => _dropped.Token;

    /// <summary>True once dropped (Go: <c>IsDroppd</c>): no more pulls, consumes or offset updates for it.</summary>
    public bool IsDropped => _dropped.IsCancellationRequested;

    /// <summary>True while the broker lock is held (orderly).</summary>
    public bool IsLocked => _locked;

    /// <summary>Drops the queue (Go: <c>WithDropped(true)</c>); it cannot be undropped.</summary>
    public void Drop()
    {
        try
        {
            _dropped.Cancel();
        }
        catch (AggregateException)
        {
            // Registrations are ours and don't throw; nothing to do if one did.
        }
    }

    /// <summary>Go: <c>WithLock</c>.</summary>
    public void SetLocked(bool locked) => _locked = locked;

    /// <summary>Go: <c>UpdateLastLockTime</c>.</summary>
    public void UpdateLastLockTime() => Volatile.Write(ref _lastLockTicks, Environment.TickCount64);

    /// <summary>Go: <c>UpdateLastPullTime</c>.</summary>
    public void UpdateLastPullTime() => Volatile.Write(ref _lastPullTicks, Environment.TickCount64);

    /// <summary>Go: <c>UpdateLastConsumeTime</c>.</summary>
    public void UpdateLastConsumeTime() => Volatile.Write(ref _lastConsumeTicks, Environment.TickCount64);

    /// <summary>True when the lock was last confirmed too long ago (Go: <c>isLockExpired</c>).</summary>
    public bool IsLockExpired => Environment.TickCount64 - Volatile.Read(ref _lastLockTicks) > (long)RebalanceLockMaxTime.TotalMilliseconds;

    /// <summary>True when the queue has not been pulled for too long (Go: <c>isPullExpired</c>).</summary>
    public bool IsPullExpired => Environment.TickCount64 - Volatile.Read(ref _lastPullTicks) > (long)PullMaxIdleTime.TotalMilliseconds;

    /// <summary>
    /// Caches pulled messages, skipping offsets cached or being consumed already (Go: <c>putMessage</c>). Returns
    /// true when an orderly consumer must be handed the queue (it had nothing to consume before), as Java's
    /// dispatchToConsume. <paramref name="queueMaxOffset"/> is the queue's MAX_OFFSET from the pull answer, for the
    /// backlog (<see cref="MsgAccCnt"/>).
    /// </summary>
    public bool PutMessages(IReadOnlyList<MessageExt> messages, long queueMaxOffset)
    {
        if (messages.Count == 0 || IsDropped)
        {
            return false;
        }

        long added = 0, size = 0;
        bool dispatch;
        lock (_lock)
        {
            for (var i = 0; i < messages.Count; i++)
            {
                var msg = messages[i];
                if (_consumingOrderly.Contains(msg.QueueOffset))
                {
                    continue;
                }

                if (_msgCache.TryAdd(msg.QueueOffset, msg))
                {
                    added++;
                    size += msg.Body.Length;
                    _queueOffsetMax = msg.QueueOffset;
                }
            }

            _cachedMsgCount += added;
            _cachedMsgSize += size;
            dispatch = !_msgCache.IsEmpty && !_consuming;
            if (dispatch)
            {
                _consuming = true;
            }

            // Go parses MAX_OFFSET back from the last message, and inverts this check so it never sets the value.
            var acc = queueMaxOffset - messages[^1].QueueOffset;
            if (acc > 0)
            {
                MsgAccCnt = acc;
            }
        }

        _topicCounters?.Add(added, size);
        return dispatch;
    }

    /// <summary>
    /// Removes consumed messages and returns the offset to commit: the smallest offset still cached, or one past
    /// the largest ever cached when none is left; -1 when nothing was cached (Go: <c>removeMessage</c>).
    /// </summary>
    public long RemoveMessages(IReadOnlyList<MessageExt> messages)
    {
        var result = -1L;
        long removed = 0, size = 0;
        lock (_lock)
        {
            _lastConsumeTicks = Environment.TickCount64;
            if (!_msgCache.IsEmpty)
            {
                result = _queueOffsetMax + 1;
                for (var i = 0; i < messages.Count; i++)
                {
                    if (_msgCache.Remove(messages[i].QueueOffset) is { } msg)
                    {
                        removed++;
                        size += msg.Body.Length;
                    }
                }

                _cachedMsgCount -= removed;
                _cachedMsgSize -= size;
                if (!_msgCache.IsEmpty)
                {
                    result = _msgCache.MinKey;
                }
            }
        }

        _topicCounters?.Add(-removed, -size);
        return result;
    }

    /// <summary>
    /// Orderly: moves up to <paramref name="batchSize"/> messages, smallest offset first, into the consuming window
    /// and returns them; an empty result clears the consuming flag so the next pull hands the queue over again
    /// (Go: <c>takeMessages</c>, which polls for up to 5 s instead).
    /// </summary>
    public List<MessageExt> TakeMessages(int batchSize)
    {
        var result = new List<MessageExt>(Math.Min(batchSize, 32));
        lock (_lock)
        {
            _lastConsumeTicks = Environment.TickCount64;
            while (result.Count < batchSize && _msgCache.RemoveFirst() is { } msg)
            {
                _consumingOrderly.TryAdd(msg.QueueOffset, msg);
                result.Add(msg);
            }

            if (result.Count == 0)
            {
                _consuming = false;
            }
        }

        return result;
    }

    /// <summary>Orderly: puts messages back from the consuming window for redelivery (Go: <c>makeMessageToCosumeAgain</c>).</summary>
    public void MakeMessagesToConsumeAgain(IReadOnlyList<MessageExt> messages)
    {
        lock (_lock)
        {
            foreach (var msg in messages)
            {
                _consumingOrderly.Remove(msg.QueueOffset);
                _msgCache.TryAdd(msg.QueueOffset, msg);
            }
        }
    }

    /// <summary>
    /// Orderly: forgets the consuming window and returns the offset after it, or -1 when it was empty (Go:
    /// <c>commit</c>, which returns 1 for an empty window).
    /// </summary>
    public long Commit()
    {
        long removed, size, offset;
        lock (_lock)
        {
            if (_consumingOrderly.IsEmpty)
            {
                return -1;
            }

            offset = _consumingOrderly.MaxKey + 1;
            removed = _consumingOrderly.Count;
            size = _consumingOrderly.BodySize();

            _consumingOrderly.Clear();
            _cachedMsgCount -= removed;
            _cachedMsgSize -= size;
        }

        _topicCounters?.Add(-removed, -size);
        return offset;
    }

    /// <summary>Orderly without auto commit: returns the consuming window to the cache (Java: <c>rollback</c>).</summary>
    public void Rollback()
    {
        lock (_lock)
        {
            foreach (var msg in _consumingOrderly.ToList())
            {
                _msgCache.TryAdd(msg.QueueOffset, msg);
            }

            _consumingOrderly.Clear();
        }
    }

    /// <summary>Distance between the smallest and largest cached offsets (Go: <c>getMaxSpan</c>).</summary>
    public long GetMaxSpan()
    {
        lock (_lock)
        {
            return _msgCache.IsEmpty ? 0 : _msgCache.MaxKey - _msgCache.MinKey;
        }
    }

    /// <summary>Smallest cached offset, -1 when empty (Go: <c>Min</c>).</summary>
    public long Min()
    {
        lock (_lock)
        {
            return _msgCache.MinKey;
        }
    }

    /// <summary>Largest cached offset, -1 when empty (Go: <c>Max</c>).</summary>
    public long Max()
    {
        lock (_lock)
        {
            return _msgCache.MaxKey;
        }
    }

    /// <summary>The cached message with the smallest offset, or null (for expiry checks).</summary>
    public MessageExt? PeekFirst()
    {
        lock (_lock)
        {
            return _msgCache.First;
        }
    }

    /// <summary>True when anything is cached or being consumed (Java: <c>hasTempMessage</c>).</summary>
    public bool HasTempMessage
    {
        get
        {
            lock (_lock)
            {
                return !_msgCache.IsEmpty || !_consumingOrderly.IsEmpty;
            }
        }
    }

    /// <summary>Forgets every cached message (Go: <c>clear</c>).</summary>
    public void Clear()
    {
        long count, size;
        lock (_lock)
        {
            count = _cachedMsgCount;
            size = _cachedMsgSize;
            _msgCache.Clear();
            _consumingOrderly.Clear();
            _cachedMsgCount = 0;
            _cachedMsgSize = 0;
            _queueOffsetMax = 0;
            _consuming = false;
            MaxOffsetInQueue = -1;
        }

        _topicCounters?.Add(-count, -size);
    }

    /// <summary>The state GET_CONSUMER_RUNNING_INFO reports (Go: <c>currentInfo</c>).</summary>
    public ProcessQueueInfo CurrentInfo()
    {
        var nowTicks = Environment.TickCount64;
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        lock (_lock)
        {
            var info = new ProcessQueueInfo
            {
                Locked = _locked,
                TryUnlockTimes = TryUnlockTimes,
                LastLockTimestamp = nowMs - (nowTicks - _lastLockTicks),
                Dropped = IsDropped,
                LastPullTimestamp = nowMs - (nowTicks - _lastPullTicks),
                LastConsumeTimestamp = nowMs - (nowTicks - _lastConsumeTicks),
            };
            if (!_msgCache.IsEmpty)
            {
                info.CachedMsgMinOffset = _msgCache.MinKey;
                info.CachedMsgMaxOffset = _msgCache.MaxKey;
                info.CachedMsgCount = _msgCache.Count;
                info.CachedMsgSizeInMiB = (int)(_cachedMsgSize / (1024 * 1024));
            }

            if (!_consumingOrderly.IsEmpty)
            {
                info.TransactionMsgMinOffset = _consumingOrderly.MinKey;
                info.TransactionMsgMaxOffset = _consumingOrderly.MaxKey;
                info.TransactionMsgCount = _consumingOrderly.Count;
            }

            return info;
        }
    }
}
