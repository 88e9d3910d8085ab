namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// One hashed timing wheel per client or server that expires pending requests. A timer per request would cost a
/// timer-queue node and a callback allocation each; the wheel stores a small struct per request and one 10 ms tick
/// drains only the slot that is due. Entries name the connection and opaque rather than the future, so a request
/// answered long before its deadline never keeps its response body alive (Go's per-request goroutine leaked instead:
/// issues #519, #614, #754, #884).
/// </summary>
internal sealed class TimeoutWheel : IDisposable
{
    internal const int TickMilliseconds = 10;
    private const int SlotCount = 512; // 5.12 s per turn; longer timeouts go round again

    private readonly Slot[] _slots = new Slot[SlotCount];
    private readonly Timer _timer;
    private long _lastTick;
    private int _ticking;
    private volatile bool _disposed;

    public TimeoutWheel()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot();
        }

        _lastTick = Environment.TickCount64 / TickMilliseconds;
        // Timer callbacks don't capture the ExecutionContext of whoever created the wheel.
        using (ExecutionContext.SuppressFlow())
        {
            // A weak reference: a client dropped without disposal must not be kept alive by its own timer.
            _timer = new Timer(
                static s =>
                {
                    if (((WeakReference<TimeoutWheel>)s!).TryGetTarget(out var wheel))
                    {
                        wheel.OnTick();
                    }
                },
                new WeakReference<TimeoutWheel>(this),
                TickMilliseconds,
                TickMilliseconds);
        }
    }

    /// <summary>Schedules an expiry check of <paramref name="opaque"/> on <paramref name="connection"/> at <paramref name="deadlineMs"/> (Environment.TickCount64).</summary>
    public void Schedule(TcpConnection connection, int opaque, long deadlineMs)
    {
        if (_disposed)
        {
            return;
        }

        var dueTick = (deadlineMs + TickMilliseconds - 1) / TickMilliseconds;
        while (true)
        {
            // Never add to a slot the current turn has already drained, or the entry would wait a whole turn.
            var tick = Math.Max(dueTick, Volatile.Read(ref _lastTick) + 1);
            var slot = _slots[(int)(tick & (SlotCount - 1))];
            lock (slot)
            {
                if (Volatile.Read(ref _lastTick) < tick)
                {
                    slot.Entries.Add(new Entry(connection, opaque, deadlineMs));
                    return;
                }
            }
        }
    }

    private void OnTick()
    {
        // A slow tick must not overlap the next one; the late one catches up on every tick it missed.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            var now = Environment.TickCount64;
            var target = now / TickMilliseconds;
            // After a stall longer than a turn, visiting each slot once is enough.
            var first = Math.Max(_lastTick + 1, target - SlotCount + 1);
            for (var tick = first; tick <= target && !_disposed; tick++)
            {
                Volatile.Write(ref _lastTick, tick); // published before the drain takes the slot lock (see Schedule)
                Drain(_slots[(int)(tick & (SlotCount - 1))], now);
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private static void Drain(Slot slot, long now)
    {
        List<Entry> due;
        lock (slot)
        {
            if (slot.Entries.Count == 0)
            {
                return;
            }

            due = slot.Entries;
            slot.Entries = slot.Spare ?? new List<Entry>();
            slot.Spare = null;
        }

        List<Entry>? later = null;
        foreach (var entry in due)
        {
            if (entry.DeadlineMs > now)
            {
                (later ??= new List<Entry>()).Add(entry); // a later turn of the wheel
            }
            else
            {
                entry.Connection.ExpirePending(entry.Opaque, now);
            }
        }

        due.Clear();
        lock (slot)
        {
            if (later is not null)
            {
                slot.Entries.AddRange(later);
            }

            if (due.Capacity <= 4096)
            {
                slot.Spare = due; // reuse the list: the steady state allocates nothing per tick
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        foreach (var slot in _slots)
        {
            lock (slot)
            {
                slot.Entries.Clear();
                slot.Spare = null;
            }
        }
    }

    private sealed class Slot
    {
        public List<Entry> Entries = new();
        public List<Entry>? Spare;
    }

    private readonly record struct Entry(TcpConnection Connection, int Opaque, long DeadlineMs);
}
