using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The <c>WithX</c> option functions of Go's consumer/option.go. Each checks its argument when called and throws an
/// <see cref="ArgumentException"/> that names the option; Go's Start-time range checks stay in <c>Validate</c>.
/// </summary>
public sealed partial class ConsumerOptions
{
    /// <summary>Sets the instance name (Go: <c>WithInstance</c>).</summary>
    /// <exception cref="ArgumentException">Null or blank.</exception>
    public static ConsumerOption WithInstance(string name)
    {
        OptionChecks.NotBlank(name, "instance name");
        return new(o => o.Client.InstanceName = name);
    }

    /// <summary>Clustering or broadcasting (Go: <c>WithConsumerModel</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a <see cref="MessageModel"/> value.</exception>
    public static ConsumerOption WithConsumerModel(MessageModel model)
    {
        OptionChecks.Defined(model, "message model");
        return new(o => o.ConsumerModel = model);
    }

    /// <summary>Where a new group starts (Go: <c>WithConsumeFromWhere</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a <see cref="ConsumeFromWhere"/> value.</exception>
    public static ConsumerOption WithConsumeFromWhere(ConsumeFromWhere where)
    {
        OptionChecks.Defined(where, "start position");
        return new(o => o.FromWhere = where);
    }

    /// <summary>Start time for <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/>, local time yyyyMMddHHmmss (Go: <c>WithConsumeTimestamp</c>).</summary>
    /// <exception cref="ArgumentException">Not in that format.</exception>
    public static ConsumerOption WithConsumeTimestamp(string consumeTimestamp)
    {
        OptionChecks.NotNull(consumeTimestamp, "consume timestamp");
        OptionChecks.Require(TryParseConsumeTimestamp(consumeTimestamp, out _),
            $"consume timestamp must be local time as yyyyMMddHHmmss (e.g. 20240131235959), got '{consumeTimestamp}'", nameof(consumeTimestamp), nameof(WithConsumeTimestamp));
        return new(o => o.ConsumeTimestamp = consumeTimestamp);
    }

    /// <summary>Start time for <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/> (.NET overload).</summary>
    public static ConsumerOption WithConsumeTimestamp(DateTimeOffset consumeTimestamp)
        => WithConsumeTimestamp(consumeTimestamp.ToLocalTime().ToString(ConsumeTimestampFormat, CultureInfo.InvariantCulture));

    /// <summary>Orderly consumption (Go: <c>WithConsumerOrder</c>).</summary>
    public static ConsumerOption WithConsumerOrder(bool order) => new(o => o.ConsumeOrderly = order);

    /// <summary>Sets the allocation strategy (Go: <c>WithStrategy</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithStrategy(AllocateStrategy strategy)
    {
        OptionChecks.NotNull(strategy, "allocation strategy");
        return new(o => o.Strategy = strategy);
    }

    /// <summary>Most messages per handler call (Go: <c>WithConsumeMessageBatchMaxSize</c>); 0 keeps the default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithConsumeMessageBatchMaxSize(int size)
    {
        OptionChecks.BetweenOrZero(size, 1, 1024, 1, "consume batch size");
        return new(o => o.ConsumeMessageBatchMaxSize = size == 0 ? 1 : size);
    }

    /// <summary>Most messages per pull (Go: <c>WithPullBatchSize</c>); 0 keeps the default 32.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithPullBatchSize(int batchSize)
    {
        OptionChecks.BetweenOrZero(batchSize, 1, 1024, 32, "pull batch size");
        return new(o => o.PullBatchSize = batchSize == 0 ? 32 : batchSize);
    }

    /// <summary>Pause between two pulls of a queue (Go: <c>WithPullInterval</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [0, 65535 ms].</exception>
    public static ConsumerOption WithPullInterval(TimeSpan interval)
    {
        OptionChecks.Between(interval, TimeSpan.Zero, TimeSpan.FromMilliseconds(65535), "pull interval");
        return new(o => o.PullInterval = interval);
    }

    /// <summary>Concurrent mode's largest offset span per queue (Go: <c>WithConsumeConcurrentlyMaxSpan</c>); 0 keeps the default 1000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 65535].</exception>
    public static ConsumerOption WithConsumeConcurrentlyMaxSpan(int span)
    {
        OptionChecks.BetweenOrZero(span, 1, 65535, 1000, "offset span");
        return new(o => o.ConsumeConcurrentlyMaxSpan = span == 0 ? 1000 : span);
    }

    /// <summary>Most cached messages per queue (Go: <c>WithPullThresholdForQueue</c>); 0 keeps the default 1024.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 65535].</exception>
    public static ConsumerOption WithPullThresholdForQueue(long threshold)
    {
        OptionChecks.BetweenOrZero(threshold, 1, 65535, 1024, "cached message count per queue");
        return new(o => o.PullThresholdForQueue = threshold == 0 ? 1024 : threshold);
    }

    /// <summary>Most cached body MiB per queue (Go: <c>WithPullThresholdSizeForQueue</c>); 0 keeps the default 512.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithPullThresholdSizeForQueue(int mib)
    {
        OptionChecks.BetweenOrZero(mib, 1, 1024, 512, "cached MiB per queue");
        return new(o => o.PullThresholdSizeForQueue = mib == 0 ? 512 : mib);
    }

    /// <summary>Most cached messages per topic, -1 for no limit (Go: <c>WithPullThresholdForTopic</c>); 0 keeps the default 102400.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not -1, 0 or in [1, 6553500].</exception>
    public static ConsumerOption WithPullThresholdForTopic(int threshold)
    {
        OptionChecks.Require(threshold is >= -1 and <= 6553500,
            $"cached message count per topic must be in [1, 6553500], -1 for no limit or 0 for the default 102400, got {threshold}", nameof(threshold), nameof(WithPullThresholdForTopic));
        return new(o => o.PullThresholdForTopic = threshold == 0 ? 102400 : threshold);
    }

    /// <summary>Most cached body MiB per topic, -1 for no limit (Go: <c>WithPullThresholdSizeForTopic</c>); 0 keeps the default 51200.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not -1, 0 or in [1, 102400].</exception>
    public static ConsumerOption WithPullThresholdSizeForTopic(int mib)
    {
        OptionChecks.Require(mib is >= -1 and <= 102400,
            $"cached MiB per topic must be in [1, 102400], -1 for no limit or 0 for the default 51200, got {mib}", nameof(mib), nameof(WithPullThresholdSizeForTopic));
        return new(o => o.PullThresholdSizeForTopic = mib == 0 ? 51200 : mib);
    }

    /// <summary>Caps the consume rate (Go: <c>WithConsumeTPS</c>); 0 for no cap.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ConsumerOption WithConsumeTPS(int tps)
    {
        OptionChecks.AtLeast(tps, 0, "messages per second");
        return new(o => o.ConsumeTPS = tps);
    }

    /// <summary>Deliveries before the dead-letter queue (Go: <c>WithMaxReconsumeTimes</c>); -1 for the default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than -1.</exception>
    public static ConsumerOption WithMaxReconsumeTimes(int times)
    {
        OptionChecks.AtLeast(times, -1, "redelivery count");
        return new(o => o.MaxReconsumeTimes = times);
    }

    /// <summary>Orderly suspend time after a failure (Go: <c>WithSuspendCurrentQueueTimeMillis</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or beyond the longest timer.</exception>
    public static ConsumerOption WithSuspendCurrentQueueTimeMillis(TimeSpan suspend)
    {
        OptionChecks.Between(suspend, TimeSpan.Zero, OptionChecks.MaxTimeout, "suspend time");
        return new(o => o.SuspendCurrentQueueTime = suspend);
    }

    /// <summary>Concurrent mode's consume timeout (Go: <c>WithConsumeTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithConsumeTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "consume timeout");
        return new(o => o.ConsumeTimeout = timeout);
    }

    /// <summary>Orderly lock renewal period (Go: <c>WithRebalanceLockInterval</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithRebalanceLockInterval(TimeSpan interval)
    {
        OptionChecks.Positive(interval, "lock renewal interval");
        return new(o => o.RebalanceLockInterval = interval);
    }

    /// <summary>Orderly push and pull consumer auto commit (Go: <c>WithAutoCommit</c>).</summary>
    public static ConsumerOption WithAutoCommit(bool auto) => new(o => o.AutoCommit = auto);

    /// <summary>Handler workers (Go: <c>WithConsumeGoroutineNums</c>); 0 keeps the default 20.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 100000].</exception>
    public static ConsumerOption WithConsumeGoroutineNums(int nums)
    {
        OptionChecks.BetweenOrZero(nums, 1, 100000, 20, "handler worker count");
        return new(o => o.ConsumeGoroutineNums = nums == 0 ? 20 : nums);
    }

    /// <summary>Sets the message filter hooks (Go: <c>WithFilterMessageHook</c>).</summary>
    /// <exception cref="ArgumentNullException">The array or one of its hooks is null.</exception>
    public static ConsumerOption WithFilterMessageHook(params FilterMessageHook[] hooks)
    {
        FilterMessageHook[] copy = [.. OptionChecks.NoNulls(hooks, "filter hook")];
        return new(o => o.FilterMessageHooks = copy);
    }

    /// <summary>Sets the limiter waited on before each handler call (Go: <c>WithLimiter</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithLimiter(Limiter limiter)
    {
        OptionChecks.NotNull(limiter, "limiter");
        return new(o => o.Limiter = limiter);
    }

    /// <summary>Sets the pull RPC timeout (Go: <c>WithConsumerPullTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithConsumerPullTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "pull timeout");
        return new(o => o.ConsumerPullTimeout = timeout);
    }

    /// <summary>Bounds <c>Start</c> (<see cref="ConsumerOptions.StartTimeout"/>, .NET addition).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or beyond the longest timer.</exception>
    public static ConsumerOption WithStartTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "start timeout");
        return new(o => o.StartTimeout = timeout);
    }

    /// <summary>Base directory of broadcasting offset files (.NET addition).</summary>
    /// <exception cref="ArgumentException">Null, blank, or not a valid path.</exception>
    public static ConsumerOption WithLocalOffsetStoreDir(string directory)
    {
        OptionChecks.NotBlank(directory, "offset store directory");
        OptionChecks.Require(directory.IndexOfAny(Path.GetInvalidPathChars()) < 0,
            $"offset store directory '{directory}' contains characters not allowed in a path", nameof(directory), nameof(WithLocalOffsetStoreDir));
        return new(o => o.LocalOffsetStoreDir = directory);
    }
}
