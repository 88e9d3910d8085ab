using System.Diagnostics;
using System.Globalization;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>
/// A live line on stderr every second of a measured run: rate over the last second, work done, errors and p99 so
/// far. The producer and broker modes hand it the latency slots their workers fill (0 = not done yet), read into a
/// buffer allocated before the clock starts, so it adds no allocation per send and a sort per second on its own
/// thread; the consumer mode hands it a sampler of its own. Runs shorter than a second print nothing.
/// </summary>
internal sealed class Progress : IAsyncDisposable
{
    private readonly string _label;
    private readonly string _unit;
    private readonly int _total;
    private readonly Func<(int Done, double? P99Ms)> _sample;
    private readonly CancellationTokenSource _stop = new();
    private Func<int> _errors = () => 0;
    private Task _loop = Task.CompletedTask;

    /// <summary>Progress of sends whose latencies (Stopwatch ticks) land in <paramref name="latencies"/>; allocates the buffer now.</summary>
    public Progress(string label, long[] latencies)
        : this(label, "sends", latencies.Length, TickSampler(latencies))
    {
    }

    /// <summary>Progress of <paramref name="total"/> <paramref name="unit"/> as <paramref name="sample"/> reports it.</summary>
    public Progress(string label, string unit, int total, Func<(int Done, double? P99Ms)> sample)
    {
        _label = label;
        _unit = unit;
        _total = total;
        _sample = sample;
    }

    /// <summary>Starts the line; <paramref name="errors"/> reads the failures so far.</summary>
    public Progress Start(Func<int>? errors = null)
    {
        _errors = errors ?? (() => 0);
        _loop = LoopAsync();
        return this;
    }

    /// <summary>Ends the line (idempotent).</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Done = the filled slots; p99 over them.</summary>
    private static Func<(int, double?)> TickSampler(long[] latencies)
    {
        var scratch = new long[latencies.Length];
        return () =>
        {
            var done = 0;
            foreach (var ticks in latencies)
            {
                if (ticks != 0)
                {
                    scratch[done++] = ticks;
                }
            }

            if (done == 0)
            {
                return (0, null);
            }

            var sorted = scratch.AsSpan(0, done);
            sorted.Sort();
            return (done, sorted[Math.Min(done - 1, (int)(done * 0.99))] * 1000.0 / Stopwatch.Frequency);
        };
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var last = (Done: 0, At: TimeSpan.Zero);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var (done, p99) = _sample();
                var now = clock.Elapsed;
                var rate = (done - last.Done) / (now - last.At).TotalSeconds;
                last = (done, now);
                var p99Text = p99 is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:F3} ms") : "n/a";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{_label}: {rate,9:F0} {_unit}/s  done {done}/{_total}  errors {_errors()}  p99 so far {p99Text}"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
