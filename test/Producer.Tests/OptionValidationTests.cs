using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Every producer option refuses a bad argument when called, with a message that names the option.</summary>
public sealed class ProducerOptionValidationTests
{
    private static readonly Type Range = typeof(ArgumentOutOfRangeException);
    private static readonly Type Null = typeof(ArgumentNullException);
    private static readonly Type Bad = typeof(ArgumentException);

    /// <summary>Options whose every argument is valid (a bool; a null logger factory logs nothing).</summary>
    private static readonly string[] NothingToReject = ["WithVIPChannel", "WithTls", "WithSendLatencyFaultEnable", "WithLoggerFactory"];

    private static IEnumerable<BadOption> Rows => ClientOptionRows.For(typeof(ProducerOptions), "WithInstanceName", "WithNsResolver", full: true).Concat(
    [
        new("WithSendMsgTimeout", "0", () => ProducerOptions.WithSendMsgTimeout(TimeSpan.Zero), Range,
            "WithSendMsgTimeout: send timeout must be > 0 and at most 2147483647 ms, got 0 ms", "duration"),
        new("WithSendMsgTimeout", "30 days", () => ProducerOptions.WithSendMsgTimeout(TimeSpan.FromDays(30)), Range,
            "WithSendMsgTimeout: send timeout must be > 0 and at most 2147483647 ms, got 2592000000 ms", "duration"),
        new("WithQueueSelector", "null", () => ProducerOptions.WithQueueSelector(null!), Null,
            "WithQueueSelector: queue selector must not be null", "selector"),
        new("WithDefaultTopicQueueNums", "-3", () => ProducerOptions.WithDefaultTopicQueueNums(-3), Range,
            "WithDefaultTopicQueueNums: queue count must be >= 1, got -3", "queueNum"),
        new("WithDefaultTopicQueueNums", "0", () => ProducerOptions.WithDefaultTopicQueueNums(0), Range,
            "WithDefaultTopicQueueNums: queue count must be >= 1, got 0", "queueNum"),
        new("WithCreateTopicKey", "\"\"", () => ProducerOptions.WithCreateTopicKey(""), Bad,
            "WithCreateTopicKey: the specified topic is blank", "topic"),
        new("WithCreateTopicKey", "\"a b\"", () => ProducerOptions.WithCreateTopicKey("a b"), Bad,
            "WithCreateTopicKey: the specified topic[a b] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$", "topic"),
        new("WithCompressMsgBodyOverHowmuch", "-1", () => ProducerOptions.WithCompressMsgBodyOverHowmuch(-1), Range,
            "WithCompressMsgBodyOverHowmuch: compression threshold must be >= 0, got -1", "threshold"),
        new("WithCompressLevel", "0", () => ProducerOptions.WithCompressLevel(0), Range,
            "WithCompressLevel: zlib level must be in [1, 9], got 0", "level"),
        new("WithCompressLevel", "10", () => ProducerOptions.WithCompressLevel(10), Range,
            "WithCompressLevel: zlib level must be in [1, 9], got 10", "level"),
        new("WithMaxMessageSize", "0", () => ProducerOptions.WithMaxMessageSize(0), Range,
            "WithMaxMessageSize: largest message size must be >= 1, got 0", "bytes"),
    ]);

    public static TheoryData<BadOption> Cases => OptionTable.Data(Rows);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_argument_is_refused_by_the_option_naming_itself(BadOption row) => row.AssertRejected();

    [Fact]
    public void The_table_covers_every_producer_option()
        => OptionTable.CoversEveryOption(typeof(ProducerOptions), typeof(ProducerOption), Rows, NothingToReject);

    [Fact]
    public void The_edges_of_each_range_are_accepted()
    {
        var o = ProducerOptions.Build(
        [
            ProducerOptions.WithRetry(0), ProducerOptions.WithDefaultTopicQueueNums(1), ProducerOptions.WithCompressMsgBodyOverHowmuch(0),
            ProducerOptions.WithCompressLevel(9), ProducerOptions.WithGroupName(""), ProducerOptions.WithNamespace(null!),
            ProducerOptions.WithSendMsgTimeout(TimeSpan.FromMilliseconds(int.MaxValue)), ProducerOptions.WithMaxMessageSize(1),
            ProducerOptions.WithRemotingTimeout(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, TimeSpan.Zero),
            ProducerOptions.WithNameServerDomain("https://ns.example/addr"), ProducerOptions.WithUnitName(""),
            ProducerOptions.WithTrace(new TraceConfig { GroupName = "T", NamesrvAddrs = ["127.0.0.1:9876"] }),
        ]);
        o.GroupName.Should().Be(ProducerOptions.DefaultGroupName, "an empty group keeps the default, as in Go");
        o.RetryTimes.Should().Be(0);
        o.DefaultTopicQueueNums.Should().Be(1);
        o.CompressLevel.Should().Be(9);
        o.Namespace.Should().BeEmpty();
    }
}
