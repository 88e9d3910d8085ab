using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>One subscription of a hosted push consumer: a topic and its selector.</summary>
public sealed class RocketMQSubscription
{
    /// <summary>The topic.</summary>
    public string Topic { get; set; } = "";

    /// <summary>"TagA || TagB", "*" (default), or an SQL92 condition when <see cref="Type"/> is SQL92.</summary>
    public string Expression { get; set; } = "*";

    /// <summary>How <see cref="Expression"/> is read (Go: <c>ExpressionType</c>, default TAG).</summary>
    public ExpressionType Type { get; set; } = ExpressionType.TAG;
}

/// <summary>
/// A hosted push consumer's settings, bound from a configuration section (e.g. <c>RocketMQ:Consumers:Orders</c>) and/or
/// set in code. Null keeps Go's default. <see cref="Options"/> adds what configuration cannot express.
/// </summary>
public sealed class RocketMQPushConsumerSettings : RocketMQClientSettings
{
    /// <summary>What to consume: one entry per topic.</summary>
    public List<RocketMQSubscription> Subscriptions { get; set; } = [];

    /// <summary>Clustering (default) or broadcasting (Go: <c>WithConsumerModel</c>).</summary>
    public MessageModel? ConsumerModel { get; set; }

    /// <summary>Where a new group starts (Go: <c>WithConsumeFromWhere</c>, last offset).</summary>
    public ConsumeFromWhere? ConsumeFromWhere { get; set; }

    /// <summary>With ConsumeFromTimestamp: "yyyyMMddHHmmss" (Go: <c>WithConsumeTimestamp</c>).</summary>
    public string? ConsumeTimestamp { get; set; }

    /// <summary>Orderly consumption (Go: <c>WithConsumerOrder</c>).</summary>
    public bool? ConsumeOrderly { get; set; }

    /// <summary>Messages per handler call (Go: <c>WithConsumeMessageBatchMaxSize</c>, 1).</summary>
    public int? ConsumeMessageBatchMaxSize { get; set; }

    /// <summary>Messages per pull (Go: <c>WithPullBatchSize</c>, 32).</summary>
    public int? PullBatchSize { get; set; }

    /// <summary>Pause between pulls (Go: <c>WithPullInterval</c>, 0).</summary>
    public TimeSpan? PullInterval { get; set; }

    /// <summary>Largest offset span cached per queue (Go: <c>WithConsumeConcurrentlyMaxSpan</c>, 1000).</summary>
    public int? ConsumeConcurrentlyMaxSpan { get; set; }

    /// <summary>Messages cached per queue before pulls pause (Go: <c>WithPullThresholdForQueue</c>, 1024).</summary>
    public long? PullThresholdForQueue { get; set; }

    /// <summary>MiB cached per queue before pulls pause (Go: <c>WithPullThresholdSizeForQueue</c>, 512).</summary>
    public int? PullThresholdSizeForQueue { get; set; }

    /// <summary>Messages cached per topic (Go: <c>WithPullThresholdForTopic</c>, 102400).</summary>
    public int? PullThresholdForTopic { get; set; }

    /// <summary>MiB cached per topic (Go: <c>WithPullThresholdSizeForTopic</c>, 51200).</summary>
    public int? PullThresholdSizeForTopic { get; set; }

    /// <summary>Messages consumed per second at most (Go: <c>WithConsumeTPS</c>).</summary>
    public int? ConsumeTPS { get; set; }

    /// <summary>Redeliveries before the dead-letter queue (Go: <c>WithMaxReconsumeTimes</c>, 16 concurrent).</summary>
    public int? MaxReconsumeTimes { get; set; }

    /// <summary>Orderly: pause before redelivering (Go: <c>WithSuspendCurrentQueueTimeMillis</c>, 1 s).</summary>
    public TimeSpan? SuspendCurrentQueueTime { get; set; }

    /// <summary>Time a message may spend in the handler before it is sent back (Go: <c>WithConsumeTimeout</c>, 15 min).</summary>
    public TimeSpan? ConsumeTimeout { get; set; }

    /// <summary>Orderly: how often queue locks are renewed (Go: <c>WithRebalanceLockInterval</c>, 20 s).</summary>
    public TimeSpan? RebalanceLockInterval { get; set; }

    /// <summary>Commit offsets automatically (Go: <c>WithAutoCommit</c>, true).</summary>
    public bool? AutoCommit { get; set; }

    /// <summary>Concurrent handler calls (Go: <c>WithConsumeGoroutineNums</c>, 20).</summary>
    public int? ConsumeGoroutineNums { get; set; }

    /// <summary>Broker long-poll timeout of a pull (Go: <c>WithConsumerPullTimeout</c>).</summary>
    public TimeSpan? ConsumerPullTimeout { get; set; }

    /// <summary>Allocation strategy: averagely (default), circle, or hash (Go: <c>WithStrategy</c>).</summary>
    public string? Strategy { get; set; }

    /// <summary>Broadcasting: the offset store directory (Go: <c>WithLocalOffsetStoreDir</c>).</summary>
    public string? LocalOffsetStoreDir { get; set; }

    /// <summary>
    /// How long a stop waits for running handlers (Go: <c>WithShutdownTimeout</c>); null: four fifths of the host's
    /// shutdown timeout, so that offsets are persisted before the host gives up.
    /// </summary>
    public TimeSpan? ShutdownTimeout { get; set; }

    /// <summary>The health check reports Degraded when a topic's lag exceeds this many messages; null: never.</summary>
    public long? LagDegradedThreshold { get; set; }

    /// <summary>Options applied after the bound ones (interceptors, filter hooks, a limiter, trace).</summary>
    public List<ConsumerOption> Options { get; } = [];

    /// <summary>The functional options these settings stand for, the host's logger factory first.</summary>
    internal ConsumerOption[] ToOptions(ILoggerFactory? loggerFactory, TimeSpan hostShutdownTimeout)
    {
        var opts = new List<ConsumerOption>();
        if (loggerFactory is not null)
        {
            opts.Add(ConsumerOptions.WithLoggerFactory(loggerFactory));
        }

        if (NameServerList is { Length: > 0 } nameServers)
        {
            opts.Add(ConsumerOptions.WithNameServer(nameServers));
        }

        Add(opts, NameServerDomain, v => ConsumerOptions.WithNameServerDomain(v));
        Add(opts, GroupName, v => ConsumerOptions.WithGroupName(v));
        Add(opts, Namespace, v => ConsumerOptions.WithNamespace(v));
        Add(opts, InstanceName, ConsumerOptions.WithInstance);
        Add(opts, UnitName, v => ConsumerOptions.WithUnitName(v));
        Add(opts, Credentials, v => ConsumerOptions.WithCredentials(v));
        Add(opts, RetryTimes, v => ConsumerOptions.WithRetry(v));
        Add(opts, VIPChannelEnabled, v => ConsumerOptions.WithVIPChannel(v));
        Add(opts, UseTls, v => ConsumerOptions.WithTls(v));
        Add(opts, ConsumerModel, ConsumerOptions.WithConsumerModel);
        Add(opts, ConsumeFromWhere, ConsumerOptions.WithConsumeFromWhere);
        Add(opts, ConsumeTimestamp, ConsumerOptions.WithConsumeTimestamp);
        Add(opts, ConsumeOrderly, ConsumerOptions.WithConsumerOrder);
        Add(opts, ConsumeMessageBatchMaxSize, ConsumerOptions.WithConsumeMessageBatchMaxSize);
        Add(opts, PullBatchSize, ConsumerOptions.WithPullBatchSize);
        Add(opts, PullInterval, ConsumerOptions.WithPullInterval);
        Add(opts, ConsumeConcurrentlyMaxSpan, ConsumerOptions.WithConsumeConcurrentlyMaxSpan);
        Add(opts, PullThresholdForQueue, ConsumerOptions.WithPullThresholdForQueue);
        Add(opts, PullThresholdSizeForQueue, ConsumerOptions.WithPullThresholdSizeForQueue);
        Add(opts, PullThresholdForTopic, ConsumerOptions.WithPullThresholdForTopic);
        Add(opts, PullThresholdSizeForTopic, ConsumerOptions.WithPullThresholdSizeForTopic);
        Add(opts, ConsumeTPS, ConsumerOptions.WithConsumeTPS);
        Add(opts, MaxReconsumeTimes, ConsumerOptions.WithMaxReconsumeTimes);
        Add(opts, SuspendCurrentQueueTime, ConsumerOptions.WithSuspendCurrentQueueTimeMillis);
        Add(opts, ConsumeTimeout, ConsumerOptions.WithConsumeTimeout);
        Add(opts, RebalanceLockInterval, ConsumerOptions.WithRebalanceLockInterval);
        Add(opts, AutoCommit, ConsumerOptions.WithAutoCommit);
        Add(opts, ConsumeGoroutineNums, ConsumerOptions.WithConsumeGoroutineNums);
        Add(opts, ConsumerPullTimeout, ConsumerOptions.WithConsumerPullTimeout);
        Add(opts, LocalOffsetStoreDir, ConsumerOptions.WithLocalOffsetStoreDir);
        if (!string.IsNullOrEmpty(Strategy))
        {
            opts.Add(ConsumerOptions.WithStrategy(Strategy.ToLowerInvariant() switch
            {
                "averagely" => Strategies.AllocateByAveragely,
                "circle" or "averagelycircle" => Strategies.AllocateByAveragelyCircle,
                "hash" or "consistenthash" => Strategies.AllocateByConsistentHash(10),
                _ => throw new ArgumentException($"unknown allocation strategy '{Strategy}': use averagely, circle or hash", nameof(Strategy)),
            }));
        }

        opts.Add(ConsumerOptions.WithShutdownTimeout(ShutdownTimeout ?? hostShutdownTimeout * 0.8));
        opts.AddRange(Options);
        return [.. opts];
    }

    private static void Add<T>(List<ConsumerOption> opts, T? value, Func<T, ConsumerOption> option)
        where T : class
    {
        if (value is not null && (value is not string s || s.Length > 0))
        {
            opts.Add(option(value));
        }
    }

    private static void Add<T>(List<ConsumerOption> opts, T? value, Func<T, ConsumerOption> option)
        where T : struct
    {
        if (value is { } v)
        {
            opts.Add(option(v));
        }
    }
}
