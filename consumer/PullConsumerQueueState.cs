namespace RocketMQ.Go.Port.Consumer;

/// <summary>How a pull consumer gets its queues (Go: pull_consumer.go <c>SubscriptionType</c>).</summary>
public enum SubscriptionType
{
    /// <summary>Neither yet; <c>Start</c> refuses this (Go: <c>None</c>).</summary>
    None = 0,

    /// <summary>Queues come from the group's rebalance (Go: <c>Subscribe</c>).</summary>
    Subscribe = 1,

    /// <summary>Queues are the ones given to <c>Assign</c>; no rebalance (Go: <c>Assign</c>).</summary>
    Assign = 2,
}

/// <summary>
/// What the lite pull consumer keeps per queue beyond its <see cref="ProcessQueue"/>, which a seek replaces: the
/// pause flag and its wake-up, the requests a Poll held back while paused, the consumed offset that a manual
/// <c>Commit</c> writes, where the next <c>Pull</c> reads, and the gate that keeps two <c>Pull</c> calls from
/// reading the same offset. Outlives ownership changes, so a pause and the Pull position survive a rebalance
/// (which forgets the queue's in-memory offset when it takes the queue). Thread-safe.
/// </summary>
internal sealed class PullConsumerQueueState
{
    private readonly Lock _lock = new();
    private readonly List<ConsumeRequest> _parked = [];
    private CancellationTokenSource _running = new();
    private TaskCompletionSource _resumed = NewSignal();
    private bool _paused;
    private long _consumed = -1;
    private long _pullPosition = -1;

    /// <summary>Serialises <c>Pull</c> calls on the queue: read offset, pull, move the offset.</summary>
    public SemaphoreSlim PullGate { get; } = new(1, 1);

    /// <summary>True while paused.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>The consumed offset with auto commit off (the next offset to consume), -1 when unknown.</summary>
    public long Consumed => Volatile.Read(ref _consumed);

    /// <summary>Sets the consumed offset (a new start, a seek).</summary>
    public void SetConsumed(long offset) => Volatile.Write(ref _consumed, offset);

    /// <summary>Moves the consumed offset forward only.</summary>
    public void RaiseConsumed(long offset) => Raise(ref _consumed, offset);

    /// <summary>
    /// Where the next <c>Pull</c> of the queue reads, as this consumer moved it (Pull with auto commit, UpdateOffset,
    /// a seek); -1 when it never did.
    /// </summary>
    public long PullPosition => Volatile.Read(ref _pullPosition);

    /// <summary>Sets the Pull position (a seek, a reset).</summary>
    public void SetPullPosition(long offset) => Volatile.Write(ref _pullPosition, offset);

    /// <summary>Moves the Pull position forward only, so a caller that finished late never rewinds it.</summary>
    public void RaisePullPosition(long offset) => Raise(ref _pullPosition, offset);

    /// <summary>Pauses: cancels the token of the pull in flight, so no long poll outlives the pause.</summary>
    public void Pause()
    {
        CancellationTokenSource running;
        lock (_lock)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            running = _running;
        }

        running.Cancel();
    }

    /// <summary>Resumes and wakes the queue's pull loop.</summary>
    public void Resume()
    {
        TaskCompletionSource resumed;
        lock (_lock)
        {
            if (!_paused)
            {
                return;
            }

            _paused = false;

            // The cancelled source is not disposed: a pull loop may still hold a registration on its token.
            _running = new CancellationTokenSource();
            resumed = _resumed;
            _resumed = NewSignal();
        }

        resumed.TrySetResult();
    }

    /// <summary>
    /// The token a pull loop works under while not paused (cancelled by <see cref="Pause"/>); false and a task that
    /// completes on <see cref="Resume"/> while paused.
    /// </summary>
    public bool TryGetRunToken(out CancellationToken token, out Task resumed)
    {
        lock (_lock)
        {
            token = _running.Token;
            resumed = _resumed.Task;
            return !_paused;
        }
    }

    /// <summary>Holds back a polled request while paused; false when not paused (deliver it).</summary>
    public bool TryPark(ConsumeRequest request)
    {
        lock (_lock)
        {
            if (!_paused)
            {
                return false;
            }

            _parked.Add(request);
            return true;
        }
    }

    /// <summary>Takes the held-back requests, oldest first, unless paused.</summary>
    public List<ConsumeRequest>? TakeParked()
    {
        lock (_lock)
        {
            if (_paused || _parked.Count == 0)
            {
                return null;
            }

            var taken = new List<ConsumeRequest>(_parked);
            _parked.Clear();
            return taken;
        }
    }

    /// <summary>Puts back requests not delivered yet, in front of any parked since.</summary>
    public void ReturnParked(List<ConsumeRequest> requests, int from)
    {
        lock (_lock)
        {
            _parked.InsertRange(0, requests.GetRange(from, requests.Count - from));
        }
    }

    /// <summary>Forgets the held-back requests (a seek made them stale).</summary>
    public void ClearParked()
    {
        lock (_lock)
        {
            _parked.Clear();
        }
    }

    /// <summary>Held-back requests, for diagnostics.</summary>
    public int ParkedCount
    {
        get
        {
            lock (_lock)
            {
                return _parked.Count;
            }
        }
    }

    private static void Raise(ref long field, long offset)
    {
        var current = Volatile.Read(ref field);
        while (current < offset)
        {
            var seen = Interlocked.CompareExchange(ref field, offset, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The per-queue states of a pull consumer.</summary>
internal sealed class PullConsumerQueueStates
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<MessageQueue, PullConsumerQueueState> _states = new();

    /// <summary>The state of <paramref name="mq"/>, created on first use.</summary>
    public PullConsumerQueueState Get(MessageQueue mq) => _states.GetOrAdd(mq, static _ => new PullConsumerQueueState());

    /// <summary>The state of <paramref name="mq"/> when it has one.</summary>
    public bool TryGet(MessageQueue mq, out PullConsumerQueueState state) => _states.TryGetValue(mq, out state!);

    /// <summary>The paused queues.</summary>
    public List<MessageQueue> Paused()
    {
        var paused = new List<MessageQueue>();
        foreach (var (mq, state) in _states)
        {
            if (state.IsPaused)
            {
                paused.Add(mq);
            }
        }

        return paused;
    }
}
