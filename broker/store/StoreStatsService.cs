using System.Globalization;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Put and get counters of the store and their rates (Java: StoreStatsService), what GET_BROKER_RUNTIME_INFO
/// reports. Java samples the counters once a second on a thread of its own; here a sample is taken by whichever
/// put, get or report comes first in a new second, so an idle broker costs nothing. A rate over N seconds needs
/// N + 1 samples, so, as in Java, it is the empty string until that much history exists.
/// </summary>
internal sealed class StoreStatsService
{
    private const int MaxSamples = 601;
    private static readonly string[] LatencyBuckets = ["<=0ms", "0~10ms", "10~50ms", "50~100ms", "100~200ms", "200~500ms", "500ms~1s", "1~2s", "2~3s", "3~4s", "4~5s", "5~10s", "10s~"];
    private static readonly long[] LatencyLimits = [0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 10000, long.MaxValue];

    private readonly TimeProvider _time;
    private readonly Lock _sampling = new();
    private readonly LinkedList<Sample> _samples = new();
    private readonly long[] _latency = new long[LatencyBuckets.Length];
    private long _putTimes;
    private long _putBytes;
    private long _putFailed;
    private long _putTimeMax;
    private long _getFound;
    private long _getMiss;
    private long _getTransferred;
    private long _lastSampleSecond = -1;

    public StoreStatsService(TimeProvider time)
    {
        _time = time;
        BootTimestamp = Now();
    }

    /// <summary>When the store started, epoch ms.</summary>
    public long BootTimestamp { get; }

    /// <summary>Messages stored since boot.</summary>
    public long PutMessageTimesTotal => Interlocked.Read(ref _putTimes);

    /// <summary>Messages handed to consumers since boot.</summary>
    public long GetMessageTransferredTotal => Interlocked.Read(ref _getTransferred);

    /// <summary>Counts <paramref name="messages"/> stored in one append of <paramref name="bytes"/> taking <paramref name="elapsedMs"/>.</summary>
    public void RecordPut(int messages, long bytes, long elapsedMs)
    {
        Interlocked.Add(ref _putTimes, messages);
        Interlocked.Add(ref _putBytes, bytes);
        var bucket = 0;
        while (elapsedMs > LatencyLimits[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _latency[bucket]);
        long max;
        while (elapsedMs > (max = Interlocked.Read(ref _putTimeMax)) && Interlocked.CompareExchange(ref _putTimeMax, elapsedMs, max) != max)
        {
        }

        SampleIfDue();
    }

    /// <summary>Counts an append that failed.</summary>
    public void RecordPutFailed() => Interlocked.Increment(ref _putFailed);

    /// <summary>Counts one read: <paramref name="messages"/> found, or a miss when zero.</summary>
    public void RecordGet(int messages)
    {
        if (messages > 0)
        {
            Interlocked.Increment(ref _getFound);
            Interlocked.Add(ref _getTransferred, messages);
        }
        else
        {
            Interlocked.Increment(ref _getMiss);
        }

        SampleIfDue();
    }

    /// <summary>The store's part of the runtime info, with Java's keys and value formats.</summary>
    public void AddRuntimeInfo(IDictionary<string, string> info)
    {
        SampleIfDue();
        var times = Math.Max(1, PutMessageTimesTotal);
        var bytes = Interlocked.Read(ref _putBytes);
        info["bootTimestamp"] = Str(BootTimestamp);
        info["runtime"] = FormatRuntime(Now() - BootTimestamp);
        info["putMessageEntireTimeMax"] = Str(Interlocked.Read(ref _putTimeMax));
        info["putMessageTimesTotal"] = Str(times);
        info["putMessageFailedTimes"] = Str(Interlocked.Read(ref _putFailed));
        info["putMessageSizeTotal"] = Str(bytes);
        info["putMessageDistributeTime"] = DistributeTime();
        info["putMessageAverageSize"] = JavaDouble(bytes / (double)times);
        info["dispatchMaxBuffer"] = "0";
        info["getMessageEntireTimeMax"] = "0";
        info["putTps"] = Rates(static s => s.Put);
        info["getFoundTps"] = Rates(static s => s.GetFound);
        info["getMissTps"] = Rates(static s => s.GetMiss);
        info["getTotalTps"] = Rates(static s => s.GetFound + s.GetMiss);
        info["getTransferedTps"] = Rates(static s => s.Transferred);
        info["putLatency99"] = LatencyPercentile(0.99).ToString("F2", CultureInfo.InvariantCulture);
        info["putLatency999"] = LatencyPercentile(0.999).ToString("F2", CultureInfo.InvariantCulture);
    }

    /// <summary>Java's Double.toString for the values brokers print ("0.0", not "0").</summary>
    public static string JavaDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || !double.IsFinite(value) ? text : text + ".0";
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string FormatRuntime(long millis)
    {
        var span = TimeSpan.FromMilliseconds(Math.Max(0, millis));
        return $"[ {(int)span.TotalDays} days, {span.Hours} hours, {span.Minutes} minutes, {span.Seconds} seconds ]";
    }

    private string DistributeTime()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < LatencyBuckets.Length; i++)
        {
            text.Append('[').Append(LatencyBuckets[i]).Append("]:").Append(Str(Interlocked.Read(ref _latency[i]))).Append(' ');
        }

        return text.ToString();
    }

    private double LatencyPercentile(double fraction)
    {
        long total = 0;
        foreach (var count in _latency)
        {
            total += count;
        }

        if (total == 0)
        {
            return 0;
        }

        long seen = 0;
        for (var i = 0; i < _latency.Length; i++)
        {
            seen += Interlocked.Read(ref _latency[i]);
            if (seen >= total * fraction)
            {
                return i == _latency.Length - 1 ? LatencyLimits[i - 1] : LatencyLimits[i];
            }
        }

        return 0;
    }

    private void SampleIfDue()
    {
        var now = Now();
        var second = now / 1000;
        if (Volatile.Read(ref _lastSampleSecond) == second)
        {
            return;
        }

        lock (_sampling)
        {
            if (_lastSampleSecond == second)
            {
                return;
            }

            _lastSampleSecond = second;
            _samples.AddLast(new Sample(now, PutMessageTimesTotal, Interlocked.Read(ref _getFound), Interlocked.Read(ref _getMiss), GetMessageTransferredTotal));
            if (_samples.Count > MaxSamples)
            {
                _samples.RemoveFirst();
            }
        }
    }

    /// <summary>"rate10s rate60s rate600s", each empty until the history is long enough (Java's getPutTps()).</summary>
    private string Rates(Func<Sample, long> counter)
    {
        lock (_sampling)
        {
            return Rate(counter, 10) + " " + Rate(counter, 60) + " " + Rate(counter, 600);
        }
    }

    private string Rate(Func<Sample, long> counter, int seconds)
    {
        if (Now() - BootTimestamp < seconds * 1000L || _samples.Last is not { } last)
        {
            return string.Empty;
        }

        // Samples are taken on activity, not every second: the rate runs from the oldest sample inside the window.
        var from = last;
        while (from.Previous is { } previous && last.Value.Millis - previous.Value.Millis <= seconds * 1000L)
        {
            from = previous;
        }

        var elapsed = (last.Value.Millis - from.Value.Millis) / 1000.0;
        return JavaDouble(elapsed <= 0 ? 0 : (counter(last.Value) - counter(from.Value)) / elapsed);
    }

    private readonly record struct Sample(long Millis, long Put, long GetFound, long GetMiss, long Transferred);
}
