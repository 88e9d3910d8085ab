using System.Diagnostics;
using System.Globalization;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>
/// A live line on stderr every second of a measured run: rate over the last second, sends done, errors and p99 so
/// far. Reads the latency slots the workers fill (0 = not done yet) into a buffer allocated before the clock starts,
/// so it adds no allocation per send and a sort per second on its own thread. Runs shorter than a second print nothing.
/// </summary>
internal sealed class Progress : IAsyncDisposable
{
    private readonly long[] _latencies;
    private readonly long[] _scratch;
    private readonly string _label;
    private readonly CancellationTokenSource _stop = new();
    private Func<int> _errors = () => 0;
    private Task _loop = Task.CompletedTask;

    /// <summary>Allocates the buffer: make it before the allocation counter is read.</summary>
    public Progress(string label, long[] latencies)
    {
        _label = label;
        _latencies = latencies;
        _scratch = new long[latencies.Length];
    }

    /// <summary>Starts the line; <paramref name="errors"/> reads the failed sends so far.</summary>
    public void Start(Func<int> errors)
    {
        _errors = errors;
        _loop = LoopAsync();
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

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var last = (Done: 0, At: TimeSpan.Zero);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var done = 0;
                foreach (var ticks in _latencies)
                {
                    if (ticks != 0)
                    {
                        _scratch[done++] = ticks;
                    }
                }

                var now = clock.Elapsed;
                var rate = (done - last.Done) / (now - last.At).TotalSeconds;
                last = (done, now);
                var p99 = 0.0;
                if (done > 0)
                {
                    var sorted = _scratch.AsSpan(0, done);
                    sorted.Sort();
                    p99 = sorted[Math.Min(done - 1, (int)(done * 0.99))] * 1000.0 / Stopwatch.Frequency;
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{_label}: {rate,9:F0} sends/s  done {done}/{_latencies.Length}  errors {_errors()}  p99 so far {p99:F3} ms"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
