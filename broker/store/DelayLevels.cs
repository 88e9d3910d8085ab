namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>The delay-level table (Java: ScheduleMessageService.parseDelayLevel): level n waits Delays[n - 1].</summary>
internal sealed class DelayLevels
{
    /// <summary>Parses Java's syntax: space-separated numbers with s, m, h or d.</summary>
    public DelayLevels(string spec)
    {
        var delays = new List<TimeSpan>();
        foreach (var part in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var value = long.Parse(part.AsSpan(0, part.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
            delays.Add(part[^1] switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                _ => throw new FormatException($"unknown delay unit in '{part}'"),
            });
        }

        Delays = delays;
    }

    /// <summary>The delays, level 1 first.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>The highest level.</summary>
    public int MaxLevel => Delays.Count;

    /// <summary>When a message stored at <paramref name="storeTimestamp"/> with <paramref name="level"/> is due.</summary>
    public long DeliverTimestamp(int level, long storeTimestamp)
        => storeTimestamp + (long)Delays[Math.Clamp(level, 1, MaxLevel) - 1].TotalMilliseconds;

    /// <summary>Java's delayLevel2QueueId.</summary>
    public static int QueueId(int level) => level - 1;
}
