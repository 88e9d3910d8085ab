namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Reserved names and prefixes (Go: internal/constants.go, plus the ones Go scatters or lacks, taken from Java's
/// MixAll and TopicValidator).
/// </summary>
internal static class Constants
{
    /// <summary>Prefix of a group's retry topic (Go: <c>RetryGroupTopicPrefix</c>).</summary>
    public const string RetryGroupTopicPrefix = "%RETRY%";

    /// <summary>Prefix of a group's dead-letter topic.</summary>
    public const string DlqGroupTopicPrefix = "%DLQ%";

    /// <summary>Light message queue prefix (4.9.3+).</summary>
    public const string LmqPrefix = "%LMQ%";

    /// <summary>Default consumer group (Go: <c>DefaultConsumerGroup</c>).</summary>
    public const string DefaultConsumerGroup = "DEFAULT_CONSUMER";

    /// <summary>Default producer group.</summary>
    public const string DefaultProducerGroup = "DEFAULT_PRODUCER";

    /// <summary>Group of the producer every client runs for sending messages back (Go: <c>ClientInnerProducerGroup</c>).</summary>
    public const string ClientInnerProducerGroup = "CLIENT_INNER_PRODUCER";

    /// <summary>Prefix of system topics (Go: <c>SystemTopicPrefix</c>).</summary>
    public const string SystemTopicPrefix = "rmq_sys_";

    /// <summary>Prefix of system consumer groups.</summary>
    public const string SystemConsumerGroupPrefix = "CID_RMQ_SYS_";

    /// <summary>Marks a reply message (Go: <c>ReplyMessageFlag</c>).</summary>
    public const string ReplyMessageFlag = "reply";

    /// <summary>Suffix of a cluster's reply topic (Go: <c>ReplyTopicPostfix</c>).</summary>
    public const string ReplyTopicPostfix = "REPLY_TOPIC";

    /// <summary>Topic whose route is the template for auto-created topics (Go route.go: <c>defaultTopic</c>).</summary>
    public const string DefaultTopic = "TBW102";

    /// <summary>Queues of an auto-created topic (Go route.go: <c>defaultQueueNums</c>).</summary>
    public const int DefaultTopicQueueNums = 4;

    /// <summary>Broker id of a master (Go route.go: <c>MasterId</c>).</summary>
    public const long MasterId = 0;

    /// <summary>Where delayed messages wait.</summary>
    public const string ScheduleTopic = "SCHEDULE_TOPIC_XXXX";

    /// <summary>Where half (prepared) transaction messages wait.</summary>
    public const string TransHalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";

    /// <summary>Transaction op log topic.</summary>
    public const string TransOpHalfTopic = "RMQ_SYS_TRANS_OP_HALF_TOPIC";

    /// <summary>Where transactions past their check limit go.</summary>
    public const string TransCheckMaxTimeTopic = "TRANS_CHECK_MAX_TIME_TOPIC";

    /// <summary>Default message trace topic.</summary>
    public const string TraceTopic = "RMQ_SYS_TRACE_TOPIC";

    /// <summary>Benchmark topic.</summary>
    public const string BenchmarkTopic = "BenchmarkTest";

    /// <summary>Broker self-test topic.</summary>
    public const string SelfTestTopic = "SELF_TEST_TOPIC";

    /// <summary>Offset-moved event topic.</summary>
    public const string OffsetMovedEventTopic = "OFFSET_MOVED_EVENT";

    /// <summary>Default trace region id (MSG_REGION).</summary>
    public const string DefaultTraceRegionId = "DefaultRegion";

    /// <summary>Environment variable naming the name servers (Go route.go: <c>EnvNameServerAddr</c>).</summary>
    public const string EnvNameServerAddr = "NAMESRV_ADDR";

    /// <summary>The retry topic of a group (Go: <c>GetRetryTopic</c>); a retry topic is returned unchanged.</summary>
    public static string GetRetryTopic(string group)
        => group.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal) ? group : RetryGroupTopicPrefix + group;

    /// <summary>The dead-letter topic of a group.</summary>
    public static string GetDlqTopic(string group) => DlqGroupTopicPrefix + group;

    /// <summary>A cluster's reply topic (Go: <c>GetReplyTopic</c>).</summary>
    public static string GetReplyTopic(string clusterName) => clusterName + "_" + ReplyTopicPostfix;

    /// <summary>True for a retry topic.</summary>
    public static bool IsRetryTopic(string? resource)
        => !string.IsNullOrWhiteSpace(resource) && resource.StartsWith(RetryGroupTopicPrefix, StringComparison.Ordinal);

    /// <summary>True for a dead-letter topic.</summary>
    public static bool IsDlqTopic(string? resource)
        => !string.IsNullOrWhiteSpace(resource) && resource.StartsWith(DlqGroupTopicPrefix, StringComparison.Ordinal);

    /// <summary>Java's TopicValidator.isSystemTopic: the reserved topics and anything starting with rmq_sys_.</summary>
    public static bool IsSystemTopic(string topic)
        => topic is DefaultTopic or ScheduleTopic or BenchmarkTopic or TransHalfTopic or TraceTopic or TransOpHalfTopic
            or TransCheckMaxTimeTopic or SelfTestTopic or OffsetMovedEventTopic
            || topic.StartsWith(SystemTopicPrefix, StringComparison.Ordinal);

    /// <summary>Java's TopicValidator.isNotAllowedSendTopic: topics only the broker writes.</summary>
    public static bool IsNotAllowedSendTopic(string topic)
        => topic is ScheduleTopic or TransHalfTopic or TransOpHalfTopic or TransCheckMaxTimeTopic or SelfTestTopic
            or OffsetMovedEventTopic;

    /// <summary>Java's MixAll.isSysConsumerGroup.</summary>
    public static bool IsSystemConsumerGroup(string group) => group.StartsWith(SystemConsumerGroupPrefix, StringComparison.Ordinal);
}
