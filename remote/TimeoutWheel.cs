using System.Collections.Immutable;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// One 10 ms timer per client or server that expires pending requests. A timer per request would cost a timer-queue
/// node and a callback each, and a wheel slot per request still costs an entry that outlives its answer by the whole
/// timeout; instead each connection remembers the earliest deadline it may hold, and a tick scans only a
/// connection whose earliest deadline has passed (in practice once per timeout, not per request). Nothing keeps a
/// request answered long before its deadline, or its response body, alive (Go's per-request goroutine leaked
/// instead: issues #519, #614, #754, #884).
/// </summary>
internal sealed class TimeoutWheel : IDisposable
{
    internal const int TickMilliseconds = 10;

    private readonly object _lock = new();
    private readonly Timer _timer;
    private ImmutableArray<TcpConnection> _connections = [];
    private int _ticking;
    private volatile bool _disposed;

    public TimeoutWheel()
    {
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

    /// <summary>Starts checking <paramref name="connection"/>'s pending requests on every tick.</summary>
    public void Add(TcpConnection connection)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _connections = _connections.Add(connection);
            }
        }
    }

    /// <summary>Stops checking a closed connection (its pending requests have been failed).</summary>
    public void Remove(TcpConnection connection)
    {
        lock (_lock)
        {
            _connections = _connections.Remove(connection);
        }
    }

    private void OnTick()
    {
        // A slow tick must not overlap the next one.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            var now = Environment.TickCount64;
            foreach (var connection in _connections)
            {
                if (_disposed)
                {
                    break;
                }

                connection.ExpireDue(now);
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _connections = [];
        }

        _timer.Dispose();
    }
}
