using System.Collections.Concurrent;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Per-topic and per-group counters over the last minute, hour and day (Java: BrokerStatsManager's StatsItemSets),
/// what VIEW_BROKER_STATS_DATA reports and <c>mqadmin statsAll</c> prints. Java samples every 10 s, 10 min and
/// hour, so a fresh count shows up only after a sampling period; here events go into 10-second and one-hour
/// buckets as they happen, so a window's sum is exact to its bucket and visible at once.
/// </summary>
internal sealed class BrokerStatsManager(TimeProvider time)
{
    /// <summary>Messages stored per topic (key: topic).</summary>
    public const string TopicPutNums = "TOPIC_PUT_NUMS";

    /// <summary>Bytes stored per topic (key: topic).</summary>
    public const string TopicPutSize = "TOPIC_PUT_SIZE";

    /// <summary>Messages pulled per group and topic (key: topic@group).</summary>
    public const string GroupGetNums = "GROUP_GET_NUMS";

    /// <summary>Bytes pulled per group and topic (key: topic@group).</summary>
    public const string GroupGetSize = "GROUP_GET_SIZE";

    private readonly ConcurrentDictionary<(string Name, string Key), StatsItem> _items = new();

    /// <summary>Counts a stored message (or batch of <paramref name="messages"/>) of <paramref name="bytes"/>.</summary>
    public void IncTopicPut(string topic, int messages, long bytes)
    {
        Item(TopicPutNums, topic).Add(messages, Now());
        Item(TopicPutSize, topic).Add(bytes, Now());
    }

    /// <summary>Counts <paramref name="messages"/> of <paramref name="bytes"/> pulled by <paramref name="group"/> from <paramref name="topic"/>.</summary>
    public void IncGroupGet(string group, string topic, int messages, long bytes)
    {
        var key = topic + "@" + group;
        Item(GroupGetNums, key).Add(messages, Now());
        Item(GroupGetSize, key).Add(bytes, Now());
    }

    /// <summary>The statistic over the last minute, hour and day, or null when nothing was ever counted for it.</summary>
    public (Window Minute, Window Hour, Window Day)? Snapshot(string name, string key)
        => _items.TryGetValue((name, key), out var item) ? item.Snapshot(Now()) : null;

    /// <summary>Forgets a topic's statistics (the topic was deleted).</summary>
    public void RemoveTopic(string topic)
    {
        foreach (var entry in _items.Keys)
        {
            if (entry.Key == topic || entry.Key.StartsWith(topic + "@", StringComparison.Ordinal))
            {
                _items.TryRemove(entry, out _);
            }
        }
    }

    private StatsItem Item(string name, string key) => _items.GetOrAdd((name, key), static _ => new StatsItem());

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>One window: the sum, its rate per second and the average per counted event (Java's StatsSnapshot).</summary>
    public readonly record struct Window(long Sum, double Tps, double Avgpt);

    private sealed class StatsItem
    {
        private const long FineBucketMs = 10_000;
        private const long CoarseBucketMs = 3_600_000;
        private const long MinuteMs = 60_000;
        private const long HourMs = 3_600_000;
        private const long DayMs = 86_400_000;

        private readonly Lock _lock = new();
        private readonly LinkedList<Bucket> _fine = new();
        private readonly LinkedList<Bucket> _coarse = new();

        public void Add(long value, long now)
        {
            lock (_lock)
            {
                AddTo(_fine, now - now % FineBucketMs, value);
                AddTo(_coarse, now - now % CoarseBucketMs, value);
                Trim(_fine, now - HourMs - FineBucketMs);
                Trim(_coarse, now - DayMs - CoarseBucketMs);
            }
        }

        public (Window Minute, Window Hour, Window Day) Snapshot(long now)
        {
            lock (_lock)
            {
                return (Sum(_fine, FineBucketMs, now, MinuteMs), Sum(_fine, FineBucketMs, now, HourMs), Sum(_coarse, CoarseBucketMs, now, DayMs));
            }
        }

        private static void AddTo(LinkedList<Bucket> buckets, long start, long value)
        {
            if (buckets.Last is { } last && last.Value.Start == start)
            {
                last.Value = last.Value with { Sum = last.Value.Sum + value, Times = last.Value.Times + 1 };
                return;
            }

            buckets.AddLast(new Bucket(start, value, 1));
        }

        private static void Trim(LinkedList<Bucket> buckets, long before)
        {
            while (buckets.First is { } first && first.Value.Start < before)
            {
                buckets.RemoveFirst();
            }
        }

        /// <summary>The buckets overlapping the last <paramref name="windowMs"/>; the rate is over the whole window.</summary>
        private static Window Sum(LinkedList<Bucket> buckets, long bucketMs, long now, long windowMs)
        {
            long sum = 0, times = 0;
            for (var node = buckets.Last; node is not null && node.Value.Start + bucketMs > now - windowMs; node = node.Previous)
            {
                sum += node.Value.Sum;
                times += node.Value.Times;
            }

            return new Window(sum, sum * 1000.0 / windowMs, times == 0 ? 0 : sum / (double)times);
        }

        private readonly record struct Bucket(long Start, long Sum, long Times);
    }
}
