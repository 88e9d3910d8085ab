namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Pull and consume statistics per topic and group, reported in GET_CONSUMER_RUNNING_INFO (Go: statistics.go
/// <c>StatsManager</c>; Java: ConsumerStatsManager). Counters are sampled every 10 s (kept for a minute), every 10 min
/// (an hour) and every hour (a day). <b>Difference:</b> one timer per manager; Go starts 30 goroutines per consumer
/// (six per item set), some of which sleep a month before looking at the close channel.
/// <b>Fix:</b> Go's <c>GetConsumeStatus</c> reports the pull TPS as the pull RT.
/// </summary>
internal sealed class StatsManager : IDisposable
{
    private static readonly TimeSpan SamplingPeriod = TimeSpan.FromSeconds(10);

    private readonly StatsItemSet _consumeOKTPS = new("CONSUME_OK_TPS");
    private readonly StatsItemSet _consumeRT = new("CONSUME_RT");
    private readonly StatsItemSet _consumeFailedTPS = new("CONSUME_FAILED_TPS");
    private readonly StatsItemSet _pullTPS = new("PULL_TPS");
    private readonly StatsItemSet _pullRT = new("PULL_RT");
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private long _ticks;

    /// <summary>Go: <c>NewStatsManager</c>; starts sampling.</summary>
    public StatsManager(ILogger logger)
    {
        _logger = logger;
        _timer = new Timer(static s => ((StatsManager)s!).Sample(), this, SamplingPeriod, SamplingPeriod);
    }

    /// <summary>Go: <c>increasePullRT</c>.</summary>
    public void IncreasePullRT(string group, string topic, long rt) => _pullRT.AddValue(group, topic, rt, 1);

    /// <summary>Go: <c>increasePullTPS</c>.</summary>
    public void IncreasePullTPS(string group, string topic, int msgs) => _pullTPS.AddValue(group, topic, msgs, 1);

    /// <summary>Go: <c>increaseConsumeRT</c>.</summary>
    public void IncreaseConsumeRT(string group, string topic, long rt) => _consumeRT.AddValue(group, topic, rt, 1);

    /// <summary>Go: <c>increaseConsumeOKTPS</c>.</summary>
    public void IncreaseConsumeOKTPS(string group, string topic, int msgs) => _consumeOKTPS.AddValue(group, topic, msgs, 1);

    /// <summary>Go: <c>increaseConsumeFailedTPS</c>.</summary>
    public void IncreaseConsumeFailedTPS(string group, string topic, int msgs) => _consumeFailedTPS.AddValue(group, topic, msgs, 1);

    /// <summary>The figures of one topic (Go: <c>GetConsumeStatus</c>).</summary>
    public Internal.ConsumeStatus GetConsumeStatus(string group, string topic)
    {
        var consumeRT = _consumeRT.InMinute(group, topic);
        if (consumeRT.Sum == 0)
        {
            consumeRT = _consumeRT.InHour(group, topic);
        }

        return new Internal.ConsumeStatus
        {
            PullRT = _pullRT.InMinute(group, topic).AveragePerCall,
            PullTPS = _pullTPS.InMinute(group, topic).Tps,
            ConsumeRT = consumeRT.AveragePerCall,
            ConsumeOKTPS = _consumeOKTPS.InMinute(group, topic).Tps,
            ConsumeFailedTPS = _consumeFailedTPS.InMinute(group, topic).Tps,
            ConsumeFailedMsgs = _consumeFailedTPS.InHour(group, topic).Sum,
        };
    }

    /// <summary>Go: <c>ShutDownStat</c>.</summary>
    public void Dispose() => _timer.Dispose();

    /// <summary>Takes one 10 s sample now (the timer does this; tests call it directly).</summary>
    internal void Sample()
    {
        try
        {
            var tick = Interlocked.Increment(ref _ticks);
            foreach (var set in Sets())
            {
                set.SampleSeconds();
                if (tick % 60 == 0)
                {
                    set.SampleMinutes();
                }

                if (tick % 360 == 0)
                {
                    set.SampleHours();
                }

                if (tick % 6 == 0 && _logger.IsEnabled(LogLevel.Debug))
                {
                    set.Log(_logger);
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "consumer statistics sampling failed");
        }
    }

    private IEnumerable<StatsItemSet> Sets()
    {
        yield return _consumeOKTPS;
        yield return _consumeRT;
        yield return _consumeFailedTPS;
        yield return _pullTPS;
        yield return _pullRT;
    }
}

/// <summary>A figure over a sampling window (Go: <c>statsSnapshot</c>).</summary>
/// <param name="Sum">Value added within the window.</param>
/// <param name="Tps">Value per second.</param>
/// <param name="AveragePerCall">Value per call (Go: <c>avgpt</c>).</param>
internal readonly record struct StatsSnapshot(long Sum, double Tps, double AveragePerCall);

/// <summary>One named counter per (group, topic) (Go: <c>statsItemSet</c>).</summary>
internal sealed class StatsItemSet(string name)
{
    private readonly ConcurrentDictionary<(string Group, string Topic), StatsItem> _items = new();

    public void AddValue(string group, string topic, long value, long times)
    {
        var item = _items.GetOrAdd((group, topic), static _ => new StatsItem());
        Interlocked.Add(ref item.Value, value);
        Interlocked.Add(ref item.Times, times);
    }

    public StatsSnapshot InMinute(string group, string topic)
        => _items.TryGetValue((group, topic), out var item) ? item.Minute.Compute() : default;

    public StatsSnapshot InHour(string group, string topic)
        => _items.TryGetValue((group, topic), out var item) ? item.Hour.Compute() : default;

    public void SampleSeconds()
    {
        foreach (var item in _items.Values)
        {
            item.Minute.Add(item, 7);
        }
    }

    public void SampleMinutes()
    {
        foreach (var item in _items.Values)
        {
            item.Hour.Add(item, 7);
        }
    }

    public void SampleHours()
    {
        foreach (var item in _items.Values)
        {
            item.Day.Add(item, 25);
        }
    }

    public void Log(ILogger logger)
    {
        foreach (var ((group, topic), item) in _items)
        {
            var s = item.Minute.Compute();
            logger.LogDebug("Stats In One Minute: statsName={StatsName} statsKey={Topic}@{Group} SUM={Sum} TPS={Tps:F2} AVGPT={Avgpt}", name, topic, group, s.Sum, s.Tps, s.AveragePerCall);
        }
    }
}

/// <summary>One counter and its samples (Go: <c>statsItem</c>).</summary>
internal sealed class StatsItem
{
    public long Value;
    public long Times;

    public SampleWindow Minute { get; } = new();

    public SampleWindow Hour { get; } = new();

    public SampleWindow Day { get; } = new();
}

/// <summary>The last few samples of a counter (Go: the <c>csList*</c> lists of callSnapshot).</summary>
internal sealed class SampleWindow
{
    private readonly Queue<(long Timestamp, long Times, long Value)> _samples = new();

    public void Add(StatsItem item, int keep)
    {
        var sample = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Interlocked.Read(ref item.Times), Interlocked.Read(ref item.Value));
        lock (_samples)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > keep)
            {
                _samples.Dequeue();
            }
        }
    }

    /// <summary>Go: <c>computeStatsData</c>.</summary>
    public StatsSnapshot Compute()
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return default;
            }

            var first = _samples.Peek();
            var last = first;
            foreach (var s in _samples)
            {
                last = s;
            }

            var sum = last.Value - first.Value;
            var elapsed = last.Timestamp - first.Timestamp;
            var tps = elapsed > 0 ? sum * 1000.0 / elapsed : 0;
            var calls = last.Times - first.Times;
            return new StatsSnapshot(sum, tps, calls > 0 ? (double)sum / calls : 0);
        }
    }
}
