using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A consumer's answer to GET_CONSUMER_RUNNING_INFO (307) (Go: model.go <c>ConsumerRunningInfo</c>). Written like
/// the Java client: mqTable keyed by MessageQueue objects in TreeMap order, statusTable by topic, subscriptionSet in
/// TreeSet order, properties in insertion order, jstack only when set.
/// </summary>
internal sealed class ConsumerRunningInfo : IRemotingBody<ConsumerRunningInfo>
{
    /// <summary>Name server addresses property (Go: <c>PropNameServerAddr</c>).</summary>
    public const string PropNameServerAddr = "PROP_NAMESERVER_ADDR";

    /// <summary>Consume thread pool size (Go: <c>PropThreadPoolCoreSize</c>).</summary>
    public const string PropThreadPoolCoreSize = "PROP_THREADPOOL_CORE_SIZE";

    /// <summary>"true" for an orderly consumer (Go: <c>PropConsumeOrderly</c>).</summary>
    public const string PropConsumeOrderly = "PROP_CONSUMEORDERLY";

    /// <summary>CONSUME_PASSIVELY / CONSUME_ACTIVELY (Go: <c>PropConsumeType</c>).</summary>
    public const string PropConsumeType = "PROP_CONSUME_TYPE";

    /// <summary>Client version name such as V4_9_8 (Go: <c>PropClientVersion</c>).</summary>
    public const string PropClientVersion = "PROP_CLIENT_VERSION";

    /// <summary>Start time, epoch ms (Go: <c>PropConsumerStartTimestamp</c>).</summary>
    public const string PropConsumerStartTimestamp = "PROP_CONSUMER_START_TIMESTAMP";

    /// <summary>Configuration and state as text (Java Properties).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>Subscriptions (Go: <c>SubscriptionData</c>).</summary>
    public List<SubscriptionData> SubscriptionSet { get; set; } = [];

    /// <summary>Per-queue processing state.</summary>
    public Dictionary<MessageQueue, ProcessQueueInfo> MQTable { get; set; } = [];

    /// <summary>Per-topic consume statistics.</summary>
    public Dictionary<string, ConsumeStatus> StatusTable { get; set; } = [];

    /// <summary>Stack dump when requested (Go puts goroutine stacks here; we put thread info).</summary>
    public string? JStack { get; set; }

    /// <inheritdoc />
    public static ConsumerRunningInfo Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var info = new ConsumerRunningInfo { JStack = obj.GetString("jstack") };
        if (obj.GetObject("properties") is { } props)
        {
            foreach (var entry in props)
            {
                info.Properties[entry.Name ?? entry.Key.ToString()] = entry.Value.GetString() ?? string.Empty;
            }
        }

        if (obj.GetArray("subscriptionSet") is { } subs)
        {
            foreach (var s in subs)
            {
                info.SubscriptionSet.Add(SubscriptionData.Read(s.AsObject()));
            }
        }

        if (obj.GetObject("mqTable") is { } mqTable)
        {
            foreach (var entry in mqTable)
            {
                info.MQTable[MessageQueueJson.ReadKey(entry)] = ProcessQueueInfo.Read(entry.Value.AsObject());
            }
        }

        if (obj.GetObject("statusTable") is { } statusTable)
        {
            foreach (var entry in statusTable)
            {
                info.StatusTable[entry.Name ?? string.Empty] = ConsumeStatus.Read(entry.Value.AsObject());
            }
        }

        return info;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, info) => info.Write(w));

    private void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("jstack", JStack);
        writer.WritePropertyName("mqTable");
        writer.WriteStartObject();
        var queues = new List<MessageQueue>(MQTable.Keys);
        queues.Sort(MessageQueueJson.Compare);
        foreach (var queue in queues)
        {
            MessageQueueJson.WriteKey(writer, queue);
            MQTable[queue].Write(writer);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        foreach (var (key, value) in Properties)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("statusTable");
        writer.WriteStartObject();
        var topics = new List<string>(StatusTable.Keys);
        topics.Sort(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            writer.WritePropertyName(topic);
            StatusTable[topic].Write(writer);
        }

        writer.WriteEndObject();
        writer.WritePropertyName("subscriptionSet");
        writer.WriteStartArray();
        var subs = new List<SubscriptionData>(SubscriptionSet);
        subs.Sort(SubscriptionData.Compare);
        foreach (var sub in subs)
        {
            sub.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>
/// A queue's processing state in ConsumerRunningInfo (Go: <c>ProcessQueueInfo</c>). The JSON name of
/// <see cref="Dropped"/> is Java's misspelt <c>droped</c>; Go writes <c>dropped</c>, which Java tools ignore.
/// </summary>
internal sealed class ProcessQueueInfo
{
    /// <summary>Committed offset.</summary>
    public long CommitOffset { get; set; }

    /// <summary>Lowest cached offset.</summary>
    public long CachedMsgMinOffset { get; set; }

    /// <summary>Highest cached offset.</summary>
    public long CachedMsgMaxOffset { get; set; }

    /// <summary>Cached message count.</summary>
    public int CachedMsgCount { get; set; }

    /// <summary>Cached body size in MiB.</summary>
    public int CachedMsgSizeInMiB { get; set; }

    /// <summary>Lowest offset in the orderly consuming window.</summary>
    public long TransactionMsgMinOffset { get; set; }

    /// <summary>Highest offset in the orderly consuming window.</summary>
    public long TransactionMsgMaxOffset { get; set; }

    /// <summary>Messages in the orderly consuming window.</summary>
    public int TransactionMsgCount { get; set; }

    /// <summary>Queue locked (orderly).</summary>
    public bool Locked { get; set; }

    /// <summary>Unlock attempts.</summary>
    public long TryUnlockTimes { get; set; }

    /// <summary>Last lock time, epoch ms.</summary>
    public long LastLockTimestamp { get; set; }

    /// <summary>Queue dropped (JSON <c>droped</c>).</summary>
    public bool Dropped { get; set; }

    /// <summary>Last pull time, epoch ms.</summary>
    public long LastPullTimestamp { get; set; }

    /// <summary>Last consume time, epoch ms.</summary>
    public long LastConsumeTimestamp { get; set; }

    internal static ProcessQueueInfo Read(FastJsonObject obj) => new()
    {
        CommitOffset = obj.GetInt64("commitOffset"),
        CachedMsgMinOffset = obj.GetInt64("cachedMsgMinOffset"),
        CachedMsgMaxOffset = obj.GetInt64("cachedMsgMaxOffset"),
        CachedMsgCount = obj.GetInt32("cachedMsgCount"),
        CachedMsgSizeInMiB = obj.GetInt32("cachedMsgSizeInMiB"),
        TransactionMsgMinOffset = obj.GetInt64("transactionMsgMinOffset"),
        TransactionMsgMaxOffset = obj.GetInt64("transactionMsgMaxOffset"),
        TransactionMsgCount = obj.GetInt32("transactionMsgCount"),
        Locked = obj.GetBoolean("locked"),
        TryUnlockTimes = obj.GetInt64("tryUnlockTimes"),
        LastLockTimestamp = obj.GetInt64("lastLockTimestamp"),
        Dropped = obj.GetBoolean("droped", obj.GetBoolean("dropped")),
        LastPullTimestamp = obj.GetInt64("lastPullTimestamp"),
        LastConsumeTimestamp = obj.GetInt64("lastConsumeTimestamp"),
    };

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("cachedMsgCount", CachedMsgCount);
        writer.WriteNumber("cachedMsgMaxOffset", CachedMsgMaxOffset);
        writer.WriteNumber("cachedMsgMinOffset", CachedMsgMinOffset);
        writer.WriteNumber("cachedMsgSizeInMiB", CachedMsgSizeInMiB);
        writer.WriteNumber("commitOffset", CommitOffset);
        writer.WriteBoolean("droped", Dropped);
        writer.WriteNumber("lastConsumeTimestamp", LastConsumeTimestamp);
        writer.WriteNumber("lastLockTimestamp", LastLockTimestamp);
        writer.WriteNumber("lastPullTimestamp", LastPullTimestamp);
        writer.WriteBoolean("locked", Locked);
        writer.WriteNumber("transactionMsgCount", TransactionMsgCount);
        writer.WriteNumber("transactionMsgMaxOffset", TransactionMsgMaxOffset);
        writer.WriteNumber("transactionMsgMinOffset", TransactionMsgMinOffset);
        writer.WriteNumber("tryUnlockTimes", TryUnlockTimes);
        writer.WriteEndObject();
    }
}

/// <summary>Per-topic consume statistics in ConsumerRunningInfo (Go: <c>ConsumeStatus</c>).</summary>
internal sealed class ConsumeStatus
{
    /// <summary>Pull round trip, ms.</summary>
    public double PullRT { get; set; }

    /// <summary>Pulled messages per second.</summary>
    public double PullTPS { get; set; }

    /// <summary>Consume time, ms.</summary>
    public double ConsumeRT { get; set; }

    /// <summary>Successful consumes per second.</summary>
    public double ConsumeOKTPS { get; set; }

    /// <summary>Failed consumes per second.</summary>
    public double ConsumeFailedTPS { get; set; }

    /// <summary>Failed consumes in the last hour.</summary>
    public long ConsumeFailedMsgs { get; set; }

    internal static ConsumeStatus Read(FastJsonObject obj) => new()
    {
        PullRT = obj.GetDouble("pullRT"),
        PullTPS = obj.GetDouble("pullTPS"),
        ConsumeRT = obj.GetDouble("consumeRT"),
        ConsumeOKTPS = obj.GetDouble("consumeOKTPS"),
        ConsumeFailedTPS = obj.GetDouble("consumeFailedTPS"),
        ConsumeFailedMsgs = obj.GetInt64("consumeFailedMsgs"),
    };

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("consumeFailedMsgs", ConsumeFailedMsgs);
        writer.WriteNumber("consumeFailedTPS", ConsumeFailedTPS);
        writer.WriteNumber("consumeOKTPS", ConsumeOKTPS);
        writer.WriteNumber("consumeRT", ConsumeRT);
        writer.WriteNumber("pullRT", PullRT);
        writer.WriteNumber("pullTPS", PullTPS);
        writer.WriteEndObject();
    }
}
