using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Reading queues and tracing messages, what Java's tools do with an admin and a <c>DefaultMQPullConsumer</c>
/// (queue offsets, one-off pulls, message tracks, consume-queue entries) and Go lacks.
/// </summary>
public partial interface IAdmin
{
    /// <summary>The first offset still held in the queue (Java: <c>minOffset</c>, GET_MIN_OFFSET).</summary>
    Task<long> MinOffset(CancellationToken ctx, MessageQueue queue);

    /// <summary>One past the last offset of the queue (Java: <c>maxOffset</c>, GET_MAX_OFFSET).</summary>
    Task<long> MaxOffset(CancellationToken ctx, MessageQueue queue);

    /// <summary>
    /// The first offset of the queue whose message was stored at or after <paramref name="timestamp"/> (Java:
    /// <c>searchOffset</c>, SEARCH_OFFSET_BY_TIMESTAMP): the max offset when every message is older.
    /// </summary>
    Task<long> SearchOffset(CancellationToken ctx, MessageQueue queue, DateTimeOffset timestamp);

    /// <summary>
    /// Reads up to <paramref name="maxNums"/> messages of one queue from <paramref name="offset"/>, keeping those
    /// whose tag matches <paramref name="subExpression"/> ("*", "TagA || TagB"), as Java's tools read with a
    /// <c>DefaultMQPullConsumer</c> of group TOOLS_CONSUMER: one pull from the queue's master, nothing committed,
    /// nothing held by the broker. The result's status says whether messages were found, none matched, the queue
    /// has no newer message or the offset is out of range.
    /// </summary>
    Task<PullResult> PullMessages(CancellationToken ctx, MessageQueue queue, long offset, int maxNums, string subExpression = "*");

    /// <summary>
    /// Every message of <paramref name="topic"/> whose unique (client) id is <paramref name="msgId"/>, from every
    /// broker of the topic (Java: <c>queryMessageByUniqKey</c>); a message sent again has several. No match gives
    /// an empty result.
    /// </summary>
    Task<QueryResult> QueryMessageByUniqueKey(CancellationToken ctx, string topic, string msgId, int maxNum = 32);

    /// <summary>
    /// For each group consuming the message's topic, whether it has consumed the message (Java:
    /// <c>messageTrackDetail</c>, what <c>mqadmin queryMsgById</c> prints after a message).
    /// </summary>
    Task<IReadOnlyList<MessageTrack>> MessageTrackDetail(CancellationToken ctx, MessageExt msg);

    /// <summary>
    /// <paramref name="count"/> consume-queue entries of one queue from <paramref name="index"/>, as stored on
    /// <paramref name="brokerAddr"/> (Java: <c>queryConsumeQueue</c>, QUERY_CONSUME_QUEUE); with
    /// <paramref name="consumerGroup"/>, that group's subscription of the topic too.
    /// </summary>
    Task<ConsumeQueueView> QueryConsumeQueue(CancellationToken ctx, string brokerAddr, string topic, int queueId, long index, int count, string? consumerGroup = null);

    /// <summary>
    /// One statistic of a broker over the last minute, hour and day (Java: <c>viewBrokerStatsData</c>,
    /// VIEW_BROKER_STATS_DATA): <paramref name="statsName"/> TOPIC_PUT_NUMS keyed by topic, GROUP_GET_NUMS keyed by
    /// "topic@group", ... A statistic the broker has not counted yet is an <see cref="MQBrokerException"/>.
    /// </summary>
    Task<BrokerStatsData> ViewBrokerStatsData(CancellationToken ctx, string brokerAddr, string statsName, string statsKey);

    /// <summary>
    /// Copies <paramref name="srcGroup"/>'s offsets on <paramref name="topic"/> to <paramref name="destGroup"/> on
    /// every broker of the topic (Java: <c>cloneGroupOffset</c>, CLONE_GROUP_OFFSET). Unless
    /// <paramref name="isOffline"/>, a broker skips it when the source group is online without subscribing the topic.
    /// </summary>
    Task CloneGroupOffset(CancellationToken ctx, string srcGroup, string destGroup, string topic, bool isOffline);

    /// <summary>
    /// Moves the group's offsets on <paramref name="topic"/> to the end of each queue, skipping what was not
    /// consumed yet (Java: <c>resetOffsetByTimestamp</c> with timestamp -1, <c>mqadmin skipAccumulatedMessage</c>);
    /// online consumers are told, as by <see cref="ResetOffsetByTimestamp"/>.
    /// </summary>
    Task<IReadOnlyDictionary<MessageQueue, long>> SkipAccumulatedMessages(CancellationToken ctx, string topic, string group, bool isForce = true);

    /// <summary>
    /// Writes the group's offsets on <paramref name="topic"/> directly on the brokers, online clients or not (Java:
    /// <c>resetOffsetByTimestampOld</c>): each queue goes to the first message stored at or after
    /// <paramref name="timestamp"/> (the queue's end when null), backwards only unless <paramref name="isForce"/>.
    /// Returns, per queue, the offsets before and after. Running consumers are not told and may overwrite them.
    /// </summary>
    Task<IReadOnlyList<RollbackStats>> RollbackOffsets(CancellationToken ctx, string topic, string group, DateTimeOffset? timestamp, bool isForce = true);
}

/// <summary>How one consumer group stands to one message (Java: <c>MessageTrack</c>).</summary>
/// <param name="ConsumerGroup">The group.</param>
/// <param name="TrackType">CONSUMED, CONSUMED_BUT_FILTERED, PULL, NOT_CONSUME_YET, NOT_ONLINE or UNKNOWN (Java's TrackType names).</param>
/// <param name="ExceptionDesc">Why the state could not be told, as Java writes it ("CODE:206 DESC:..."), or null.</param>
public sealed record MessageTrack(string ConsumerGroup, string TrackType, string? ExceptionDesc)
{
    /// <summary>Java's MessageTrack.toString.</summary>
    public override string ToString() => $"MessageTrack [consumerGroup={ConsumerGroup}, trackType={TrackType}, exceptionDesc={ExceptionDesc ?? "null"}]";
}

/// <summary>The answer of <see cref="IAdmin.QueryConsumeQueue"/> (Java: <c>QueryConsumeQueueResponseBody</c>).</summary>
/// <param name="MaxQueueIndex">One past the queue's last entry.</param>
/// <param name="MinQueueIndex">The queue's first entry.</param>
/// <param name="SubscriptionData">The group's subscription of the topic, when a group was given and is online.</param>
/// <param name="FilterData">The group's filter data, or "group@topic is not online!".</param>
/// <param name="Entries">The entries from the index asked for.</param>
public sealed record ConsumeQueueView(long MaxQueueIndex, long MinQueueIndex, ConsumeQueueSubscription? SubscriptionData, string? FilterData, IReadOnlyList<ConsumeQueueEntryView> Entries);

/// <summary>A group's subscription of a topic as the broker holds it (Java: <c>SubscriptionData</c>).</summary>
/// <param name="Topic">The topic.</param>
/// <param name="SubString">The expression.</param>
/// <param name="ExpressionType">TAG or SQL92.</param>
/// <param name="TagsSet">The tags of a TAG expression.</param>
/// <param name="CodeSet">Their hash codes.</param>
/// <param name="SubVersion">The subscription's version.</param>
/// <param name="ClassFilterMode">Class filter mode (removed in 4.9).</param>
public sealed record ConsumeQueueSubscription(string Topic, string SubString, string ExpressionType, IReadOnlyList<string> TagsSet, IReadOnlyList<int> CodeSet, long SubVersion, bool ClassFilterMode);

/// <summary>One consume-queue entry (Java: <c>ConsumeQueueData</c>).</summary>
/// <param name="PhysicOffset">The message's commit-log offset.</param>
/// <param name="PhysicSize">Its stored size.</param>
/// <param name="TagsCode">Its tag's hash code (or delivery time for scheduled messages).</param>
/// <param name="ExtendDataJson">The extended unit, when the queue keeps them.</param>
/// <param name="BitMap">The extended unit's filter bit map.</param>
/// <param name="Eval">Whether the group's filter matches, for extended units.</param>
/// <param name="Msg">The broker's note when an extended unit is missing.</param>
public sealed record ConsumeQueueEntryView(long PhysicOffset, int PhysicSize, long TagsCode, string? ExtendDataJson, string? BitMap, bool Eval, string? Msg)
{
    /// <summary>Java's ConsumeQueueData.toString.</summary>
    public override string ToString()
        => $"ConsumeQueueData{{physicOffset={PhysicOffset}, physicSize={PhysicSize}, tagsCode={TagsCode}, extendDataJson='{ExtendDataJson ?? "null"}', bitMap='{BitMap ?? "null"}', eval={(Eval ? "true" : "false")}, msg='{Msg ?? "null"}'}}";
}

/// <summary>A broker statistic over three windows (Java: <c>BrokerStatsData</c>).</summary>
/// <param name="StatsMinute">The last minute.</param>
/// <param name="StatsHour">The last hour.</param>
/// <param name="StatsDay">The last day.</param>
public sealed record BrokerStatsData(BrokerStatsItem StatsMinute, BrokerStatsItem StatsHour, BrokerStatsItem StatsDay);

/// <summary>One window of a broker statistic (Java: <c>BrokerStatsItem</c>).</summary>
/// <param name="Sum">The count in the window.</param>
/// <param name="Tps">Per second over the window.</param>
/// <param name="Avgpt">Average per counted event (Java's "average per time").</param>
public sealed record BrokerStatsItem(long Sum, double Tps, double Avgpt);

/// <summary>One queue of <see cref="IAdmin.RollbackOffsets"/> (Java: <c>RollbackStats</c>).</summary>
/// <param name="Queue">The queue.</param>
/// <param name="BrokerOffset">The queue's max offset before.</param>
/// <param name="ConsumerOffset">The group's offset before (the queue's min offset when it had none).</param>
/// <param name="TimestampOffset">The offset the timestamp gave.</param>
/// <param name="RollbackOffset">The group's offset now.</param>
public sealed record RollbackStats(MessageQueue Queue, long BrokerOffset, long ConsumerOffset, long TimestampOffset, long RollbackOffset);
