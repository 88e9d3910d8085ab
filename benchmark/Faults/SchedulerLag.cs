using System.Diagnostics;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Measures how late the machine runs timers and thread-pool work: a loop awaits <c>Task.Delay(10 ms)</c> and records
/// by how much each wait overshot. A client call that keeps its deadline on an idle machine can still end late when
/// the machine delays its timer or its continuation; <see cref="Within"/> says how much lag the probe itself saw
/// during a call's window, so a bound can allow for the machine without excusing a client that ignores its deadline.
/// </summary>
internal sealed class SchedulerLag : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly object _gate = new();
    private readonly List<(long Start, long End, long Overshoot)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SchedulerLag() => _loop = Task.Run(Probe);

    /// <summary>The largest overshoot seen so far.</summary>
    public TimeSpan Worst { get; private set; }

    /// <summary>Samples taken so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    /// <summary>The 99th percentile of the overshoots so far.</summary>
    public TimeSpan P99
    {
        get
        {
            lock (_gate)
            {
                if (_samples.Count == 0)
                {
                    return TimeSpan.Zero;
                }

                var sorted = _samples.Select(s => s.Overshoot).Order().ToArray();
                return Stopwatch.GetElapsedTime(0, sorted[(int)(sorted.Length * 0.99)]);
            }
        }
    }

    /// <summary>
    /// The lag the probe saw between <paramref name="start"/> and <paramref name="end"/> (Stopwatch timestamps): the
    /// sum of the overshoots of the waits that overlapped that window, each beyond 2 ms of timer granularity.
    /// </summary>
    public TimeSpan Within(long start, long end)
    {
        long lag = 0;
        var grain = Stopwatch.Frequency / 500;
        lock (_gate)
        {
            for (var i = _samples.Count - 1; i >= 0; i--)
            {
                var s = _samples[i];
                if (s.End < start)
                {
                    break;
                }

                if (s.Start < end)
                {
                    lag += Math.Max(0, s.Overshoot - grain);
                }
            }
        }

        return Stopwatch.GetElapsedTime(0, lag);
    }

    /// <summary>Waits (at most <paramref name="bound"/>) until a wait that began after <paramref name="timestamp"/> has ended.</summary>
    public async Task CatchUp(long timestamp, TimeSpan bound, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < bound)
        {
            lock (_gate)
            {
                if (_samples.Count > 0 && _samples[^1].Start >= timestamp)
                {
                    return;
                }
            }

            await Task.Delay(Tick, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task Probe()
    {
        var tick = (long)(Tick.TotalSeconds * Stopwatch.Frequency);
        while (!_stop.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(Tick, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var end = Stopwatch.GetTimestamp();
            var overshoot = Math.Max(0, end - start - tick);
            lock (_gate)
            {
                _samples.Add((start, end, overshoot));
                if (_samples.Count > 200_000)
                {
                    _samples.RemoveRange(0, 100_000);
                }
            }

            var late = Stopwatch.GetElapsedTime(0, overshoot);
            if (late > Worst)
            {
                Worst = late;
            }
        }
    }
}
