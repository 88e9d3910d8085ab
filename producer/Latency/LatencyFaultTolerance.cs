using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Producer.Latency;

/// <summary>
/// Per-broker fault records (Java: <c>LatencyFaultToleranceImpl</c>; Go has none, #1071): a broker is unavailable
/// until its isolation ends, and unreachable after a broker-side failure until a send to it succeeds again.
/// Times come from a monotonic millisecond clock, so wall-clock jumps neither shorten nor extend an isolation.
/// Java's reachability detector (a background probe) is not ported: isolation expiry plays its part.
/// </summary>
internal sealed class LatencyFaultTolerance
{
    private readonly ConcurrentDictionary<string, FaultItem> _items = new(StringComparer.Ordinal);
    private readonly Func<long> _clock;
    private readonly ILogger _logger;

    /// <summary>Creates the table; <paramref name="clock"/> returns monotonic milliseconds (tests pass a fake).</summary>
    public LatencyFaultTolerance(ILogger logger, Func<long>? clock = null)
    {
        _logger = logger;
        _clock = clock ?? (static () => Environment.TickCount64);
    }

    /// <summary>The number of brokers with a record.</summary>
    public int Count => _items.Count;

    /// <summary>
    /// Records a send's latency and, when <paramref name="notAvailableDuration"/> is positive, isolates the broker
    /// until now + that duration (never shortening a longer isolation already in force).
    /// </summary>
    public void UpdateFaultItem(string name, long currentLatency, long notAvailableDuration, bool reachable)
    {
        var item = _items.GetOrAdd(name, static n => new FaultItem(n));
        item.CurrentLatency = currentLatency;
        var now = _clock();
        if (notAvailableDuration > 0 && now + notAvailableDuration > item.StartTimestamp)
        {
            item.StartTimestamp = now + notAvailableDuration;
            _logger.LogInformation("broker {Broker} isolated for {Duration} ms after a send that took {Latency} ms", name, notAvailableDuration, currentLatency);
        }

        if (item.Reachable != reachable && !reachable)
        {
            _logger.LogInformation("broker {Broker} is unreachable; it is used again once a send to it succeeds or every other broker is worse", name);
        }

        item.Reachable = reachable;
    }

    /// <summary>True when the broker has no isolation in force (Java: <c>isAvailable</c>).</summary>
    public bool IsAvailable(string name) => !_items.TryGetValue(name, out var item) || _clock() >= item.StartTimestamp;

    /// <summary>True unless the broker's last failure marked it unreachable (Java: <c>isReachable</c>).</summary>
    public bool IsReachable(string name) => !_items.TryGetValue(name, out var item) || item.Reachable;

    /// <summary>Forgets a broker (Java: <c>remove</c>), e.g. once it left the route.</summary>
    public void Remove(string name) => _items.TryRemove(name, out _);

    /// <summary>
    /// A reachable broker among the recorded ones, chosen at random, or null (Java: <c>pickOneAtLeast</c>): the last
    /// resort when every queue is filtered out.
    /// </summary>
    public string? PickOneAtLeast()
    {
        var candidates = new List<string>();
        foreach (var (name, item) in _items)
        {
            if (item.Reachable)
            {
                candidates.Add(name);
            }
        }

        return candidates.Count == 0 ? null : candidates[Random.Shared.Next(candidates.Count)];
    }

    /// <summary>A snapshot of a broker's record, for logs and tests; null when none.</summary>
    public (long CurrentLatency, long IsolatedUntil, bool Reachable)? Get(string name)
        => _items.TryGetValue(name, out var item) ? (item.CurrentLatency, item.StartTimestamp, item.Reachable) : null;

    private sealed class FaultItem(string name)
    {
        private long _currentLatency;
        private long _startTimestamp;
        private volatile bool _reachable = true;

        public string Name { get; } = name;

        public long CurrentLatency
        {
            get => Volatile.Read(ref _currentLatency);
            set => Volatile.Write(ref _currentLatency, value);
        }

        public long StartTimestamp
        {
            get => Volatile.Read(ref _startTimestamp);
            set => Volatile.Write(ref _startTimestamp, value);
        }

        public bool Reachable
        {
            get => _reachable;
            set => _reachable = value;
        }
    }
}
