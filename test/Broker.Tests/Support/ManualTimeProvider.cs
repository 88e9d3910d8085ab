namespace RocketMQ.Go.Port.Tests.Support;

/// <summary>A clock the test moves by hand; timers fire when <see cref="Advance"/> passes their due time.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <summary>Sets the clock to a Unix-millisecond instant (never backwards) and fires what became due.</summary>
    public void SetUnixMilliseconds(long ms) => Advance(DateTimeOffset.FromUnixTimeMilliseconds(ms) - GetUtcNow());

    /// <summary>Moves the clock forward and fires every timer that became due, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + (by < TimeSpan.Zero ? TimeSpan.Zero : by);
        }

        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                foreach (var t in _timers)
                {
                    if (t.Due is { } due && due <= target && (next is null || due < next.Due))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.Due!.Value > _now ? next.Due.Value : _now;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
            }

            next.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool fireNow;
            lock (owner._lock)
            {
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                fireNow = dueTime == TimeSpan.Zero;
                if (fireNow)
                {
                    Due = Period is { } p && p > TimeSpan.Zero ? owner._now + p : null;
                }
            }

            if (fireNow)
            {
                ThreadPool.QueueUserWorkItem(_ => Fire());
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._lock)
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
