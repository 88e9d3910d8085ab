using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Every consumer option (push and pull consumers share them) refuses a bad argument when called, with a message
/// that names the option; Go's ranges, which Go checks only at Start.
/// </summary>
public sealed class ConsumerOptionValidationTests
{
    private static readonly Type Range = typeof(ArgumentOutOfRangeException);
    private static readonly Type Null = typeof(ArgumentNullException);
    private static readonly Type Bad = typeof(ArgumentException);

    /// <summary>Options whose every argument is valid (a bool; a null logger factory logs nothing).</summary>
    private static readonly string[] NothingToReject = ["WithVIPChannel", "WithTls", "WithConsumerOrder", "WithAutoCommit", "WithLoggerFactory"];

    private static IEnumerable<BadOption> Rows => ClientOptionRows.For(typeof(ConsumerOptions), "WithInstance", "WithNsResolver", full: true).Concat(
    [
        new("WithConsumerModel", "7", () => ConsumerOptions.WithConsumerModel((MessageModel)7), Range,
            "WithConsumerModel: message model must be one of BroadCasting, Clustering, got 7", "model"),
        new("WithConsumeFromWhere", "9", () => ConsumerOptions.WithConsumeFromWhere((ConsumeFromWhere)9), Range,
            $"WithConsumeFromWhere: start position must be one of {string.Join(", ", Enum.GetNames<ConsumeFromWhere>())}, got 9", "where"),
        new("WithConsumeTimestamp", "null", () => ConsumerOptions.WithConsumeTimestamp(null!), Null,
            "WithConsumeTimestamp: consume timestamp must not be null", "consumeTimestamp"),
        new("WithConsumeTimestamp", "\"2024-01-31\"", () => ConsumerOptions.WithConsumeTimestamp("2024-01-31"), Range,
            "WithConsumeTimestamp: consume timestamp must be local time as yyyyMMddHHmmss (e.g. 20240131235959), got '2024-01-31'", "consumeTimestamp"),
        new("WithStrategy", "null", () => ConsumerOptions.WithStrategy(null!), Null,
            "WithStrategy: allocation strategy must not be null", "strategy"),
        new("WithConsumeMessageBatchMaxSize", "1025", () => ConsumerOptions.WithConsumeMessageBatchMaxSize(1025), Range,
            "WithConsumeMessageBatchMaxSize: consume batch size must be in [1, 1024] (0 for the default 1), got 1025", "size"),
        new("WithPullBatchSize", "-5", () => ConsumerOptions.WithPullBatchSize(-5), Range,
            "WithPullBatchSize: pull batch size must be in [1, 1024] (0 for the default 32), got -5", "batchSize"),
        new("WithPullBatchSize", "1025", () => ConsumerOptions.WithPullBatchSize(1025), Range,
            "WithPullBatchSize: pull batch size must be in [1, 1024] (0 for the default 32), got 1025", "batchSize"),
        new("WithPullInterval", "-1 ms", () => ConsumerOptions.WithPullInterval(TimeSpan.FromMilliseconds(-1)), Range,
            "WithPullInterval: pull interval must be in [0 ms, 65535 ms], got -1 ms", "interval"),
        new("WithPullInterval", "65536 ms", () => ConsumerOptions.WithPullInterval(TimeSpan.FromMilliseconds(65536)), Range,
            "WithPullInterval: pull interval must be in [0 ms, 65535 ms], got 65536 ms", "interval"),
        new("WithConsumeConcurrentlyMaxSpan", "65536", () => ConsumerOptions.WithConsumeConcurrentlyMaxSpan(65536), Range,
            "WithConsumeConcurrentlyMaxSpan: offset span must be in [1, 65535] (0 for the default 1000), got 65536", "span"),
        new("WithPullThresholdForQueue", "-1", () => ConsumerOptions.WithPullThresholdForQueue(-1), Range,
            "WithPullThresholdForQueue: cached message count per queue must be in [1, 65535] (0 for the default 1024), got -1", "threshold"),
        new("WithPullThresholdSizeForQueue", "1025", () => ConsumerOptions.WithPullThresholdSizeForQueue(1025), Range,
            "WithPullThresholdSizeForQueue: cached MiB per queue must be in [1, 1024] (0 for the default 512), got 1025", "mib"),
        new("WithPullThresholdForTopic", "-2", () => ConsumerOptions.WithPullThresholdForTopic(-2), Range,
            "WithPullThresholdForTopic: cached message count per topic must be in [1, 6553500], -1 for no limit or 0 for the default 102400, got -2", "threshold"),
        new("WithPullThresholdForTopic", "6553501", () => ConsumerOptions.WithPullThresholdForTopic(6553501), Range,
            "WithPullThresholdForTopic: cached message count per topic must be in [1, 6553500], -1 for no limit or 0 for the default 102400, got 6553501", "threshold"),
        new("WithPullThresholdSizeForTopic", "102401", () => ConsumerOptions.WithPullThresholdSizeForTopic(102401), Range,
            "WithPullThresholdSizeForTopic: cached MiB per topic must be in [1, 102400], -1 for no limit or 0 for the default 51200, got 102401", "mib"),
        new("WithConsumeTPS", "-1", () => ConsumerOptions.WithConsumeTPS(-1), Range,
            "WithConsumeTPS: messages per second must be >= 0, got -1", "tps"),
        new("WithMaxReconsumeTimes", "-2", () => ConsumerOptions.WithMaxReconsumeTimes(-2), Range,
            "WithMaxReconsumeTimes: redelivery count must be >= -1, got -2", "times"),
        new("WithSuspendCurrentQueueTimeMillis", "-1 ms", () => ConsumerOptions.WithSuspendCurrentQueueTimeMillis(TimeSpan.FromMilliseconds(-1)), Range,
            "WithSuspendCurrentQueueTimeMillis: suspend time must be in [0 ms, 2147483647 ms], got -1 ms", "suspend"),
        new("WithConsumeTimeout", "0", () => ConsumerOptions.WithConsumeTimeout(TimeSpan.Zero), Range,
            "WithConsumeTimeout: consume timeout must be > 0 and at most 2147483647 ms, got 0 ms", "timeout"),
        new("WithRebalanceLockInterval", "-1 s", () => ConsumerOptions.WithRebalanceLockInterval(TimeSpan.FromSeconds(-1)), Range,
            "WithRebalanceLockInterval: lock renewal interval must be > 0 and at most 2147483647 ms, got -1000 ms", "interval"),
        new("WithConsumeGoroutineNums", "-1", () => ConsumerOptions.WithConsumeGoroutineNums(-1), Range,
            "WithConsumeGoroutineNums: handler worker count must be in [1, 100000] (0 for the default 20), got -1", "nums"),
        new("WithFilterMessageHook", "null", () => ConsumerOptions.WithFilterMessageHook(null!), Null,
            "WithFilterMessageHook: filter hook must not be null", "hooks"),
        new("WithFilterMessageHook", "null element", () => ConsumerOptions.WithFilterMessageHook([null!]), Null,
            "WithFilterMessageHook: filter hook [0] is null", "hooks"),
        new("WithLimiter", "null", () => ConsumerOptions.WithLimiter(null!), Null,
            "WithLimiter: limiter must not be null", "limiter"),
        new("WithConsumerPullTimeout", "0", () => ConsumerOptions.WithConsumerPullTimeout(TimeSpan.Zero), Range,
            "WithConsumerPullTimeout: pull timeout must be > 0 and at most 2147483647 ms, got 0 ms", "timeout"),
        new("WithStartTimeout", "0", () => ConsumerOptions.WithStartTimeout(TimeSpan.Zero), Range,
            "WithStartTimeout: start timeout must be > 0 and at most 2147483647 ms, got 0 ms", "timeout"),
        new("WithPersistConsumerOffsetInterval", "0", () => ConsumerOptions.WithPersistConsumerOffsetInterval(TimeSpan.Zero), Range,
            "WithPersistConsumerOffsetInterval: offset persist interval must be > 0 and at most 2147483647 ms, got 0 ms", "interval"),
        new("WithOffsetStore", "null factory", () => ConsumerOptions.WithOffsetStore((Func<OffsetStoreContext, IOffsetStore>)null!), Null,
            "WithOffsetStore: offset store factory must not be null", "factory"),
        new("WithOffsetStore", "null store", () => ConsumerOptions.WithOffsetStore((IOffsetStore)null!), Null,
            "WithOffsetStore: offset store must not be null", "store"),
        new("WithLocalOffsetStoreDir", "\"\"", () => ConsumerOptions.WithLocalOffsetStoreDir(""), Bad,
            "WithLocalOffsetStoreDir: offset store directory must not be empty, got ''", "directory"),
        new("WithLocalOffsetStoreDir", "NUL char", () => ConsumerOptions.WithLocalOffsetStoreDir("a\0b"), Range,
            "WithLocalOffsetStoreDir: offset store directory 'a\0b' contains characters not allowed in a path", "directory"),
    ]);

    public static TheoryData<BadOption> Cases => OptionTable.Data(Rows);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_argument_is_refused_by_the_option_naming_itself(BadOption row) => row.AssertRejected();

    [Fact]
    public void The_table_covers_every_consumer_option()
        => OptionTable.CoversEveryOption(typeof(ConsumerOptions), typeof(ConsumerOption), Rows, NothingToReject);

    [Fact]
    public void Go_zero_keeps_each_default_and_the_edges_are_accepted()
    {
        var zero = ConsumerOptions.Build(
        [
            ConsumerOptions.WithPullBatchSize(0), ConsumerOptions.WithConsumeMessageBatchMaxSize(0), ConsumerOptions.WithConsumeConcurrentlyMaxSpan(0),
            ConsumerOptions.WithPullThresholdForQueue(0), ConsumerOptions.WithPullThresholdSizeForQueue(0), ConsumerOptions.WithPullThresholdForTopic(0),
            ConsumerOptions.WithPullThresholdSizeForTopic(0), ConsumerOptions.WithConsumeGoroutineNums(0),
        ]);
        zero.PullBatchSize.Should().Be(32);
        zero.ConsumeMessageBatchMaxSize.Should().Be(1);
        zero.ConsumeConcurrentlyMaxSpan.Should().Be(1000);
        zero.PullThresholdForQueue.Should().Be(1024);
        zero.PullThresholdSizeForQueue.Should().Be(512);
        zero.PullThresholdForTopic.Should().Be(102400);
        zero.PullThresholdSizeForTopic.Should().Be(51200);
        zero.ConsumeGoroutineNums.Should().Be(20);

        var edges = ConsumerOptions.Build(
        [
            ConsumerOptions.WithPullBatchSize(1024), ConsumerOptions.WithPullThresholdForTopic(-1), ConsumerOptions.WithPullThresholdSizeForTopic(-1),
            ConsumerOptions.WithMaxReconsumeTimes(-1), ConsumerOptions.WithPullInterval(TimeSpan.FromMilliseconds(65535)),
            ConsumerOptions.WithShutdownTimeout(TimeSpan.Zero), ConsumerOptions.WithConsumeGoroutineNums(100000),
        ]);
        edges.PullBatchSize.Should().Be(1024);
        edges.PullThresholdForTopic.Should().Be(-1, "-1 means no limit");
        edges.ConsumeGoroutineNums.Should().Be(100000);
    }
}
