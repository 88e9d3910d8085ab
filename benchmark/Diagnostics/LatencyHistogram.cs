using System.Diagnostics;
using System.Globalization;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>Latency buckets of a finished run, printed as a table with a bar per bucket.</summary>
internal static class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets, in ms; the last bucket is everything above.</summary>
    private static readonly double[] Bounds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

    /// <summary>Counts per bucket of <paramref name="ticks"/> (Stopwatch ticks).</summary>
    public static long[] Count(long[] ticks) => CountMs(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency));

    /// <summary>Counts per bucket of latencies in milliseconds.</summary>
    public static long[] CountMs(IEnumerable<double> latenciesMs)
    {
        var counts = new long[Bounds.Length + 1];
        foreach (var ms in latenciesMs)
        {
            var bucket = Array.FindIndex(Bounds, b => ms <= b);
            counts[bucket < 0 ? Bounds.Length : bucket]++;
        }

        return counts;
    }

    /// <summary>The table: one line per non-empty bucket with its share, the cumulative share and a bar.</summary>
    /// <param name="counts">From <see cref="Count"/> or <see cref="CountMs"/>.</param>
    /// <param name="what">What one sample is, for the title ("per send", "born -> handler").</param>
    public static IEnumerable<string> Lines(long[] counts, string what = "per send")
    {
        if (counts.Length == 0)
        {
            yield break; // no samples taken (consumer --alions skips the rate phase)
        }

        var total = Math.Max(1, counts.Sum());
        var widest = Math.Max(1, counts.Max());
        var inv = CultureInfo.InvariantCulture;
        var cumulative = 0L;
        yield return $"  latency histogram ({what})";
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            cumulative += counts[i];
            var range = i == Bounds.Length ? string.Create(inv, $"> {Bounds[^1]} ms") : string.Create(inv, $"<= {Bounds[i]} ms");
            var bar = new string('#', (int)Math.Ceiling(40.0 * counts[i] / widest));
            yield return string.Create(inv, $"    {range,-12} {counts[i],9} {100.0 * counts[i] / total,6:F2}%  {100.0 * cumulative / total,7:F2}% cum  {bar}");
        }
    }
}
