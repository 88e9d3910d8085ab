using System.Globalization;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Offsets written by tools (Java admin: resetOffsetByTimestampOld, resetOffsetByTimestamp(-1), cloneGroupOffset)
/// and broker-side views (queryConsumeQueue, viewBrokerStatsData).
/// </summary>
internal sealed partial class DefaultAdmin
{
    // The timestamp Java's tools send for "the end of the queue" (skipAccumulatedMessage, resetOffsetByTime -s now).
    private const long EndOfQueue = -1;

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<MessageQueue, long>> SkipAccumulatedMessages(CancellationToken ctx, string topic, string group, bool isForce = true)
        => ResetOffsets(ctx, topic, group, EndOfQueue, isForce);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RollbackStats>> RollbackOffsets(CancellationToken ctx, string topic, string group, DateTimeOffset? timestamp, bool isForce = true)
    {
        var wrappedTopic = Wrap(topic);
        var wrappedGroup = Wrap(group);
        Validators.ValidateTopic(wrappedTopic);
        Validators.ValidateGroup(wrappedGroup);
        var route = await Route(wrappedTopic, ctx).ConfigureAwait(false);
        var millis = timestamp?.ToUnixTimeMilliseconds() ?? EndOfQueue;
        var asks = new List<Task<List<RollbackStats>>>();
        foreach (var broker in route.BrokerDataList)
        {
            if (broker.SelectBrokerAddr() is { } addr)
            {
                var queueData = route.QueueDataList.Find(q => q.BrokerName == broker.BrokerName);
                asks.Add(RollbackOn(addr, broker.BrokerName, queueData?.ReadQueueNums ?? 0, wrappedTopic, wrappedGroup, millis, isForce, ctx));
            }
        }

        var all = new List<RollbackStats>();
        foreach (var stats in await Task.WhenAll(asks).ConfigureAwait(false))
        {
            all.AddRange(stats);
        }

        all.Sort(static (a, b) => MessageQueueJson.Compare(a.Queue, b.Queue));
        return all;
    }

    /// <summary>
    /// Java's resetOffsetConsumeOffset for every queue of one broker: the offset for the timestamp (the max offset
    /// for -1), written with UPDATE_CONSUMER_OFFSET when forced or going back. A queue the group has no offset on
    /// counts from the queue's min offset, as Java's.
    /// </summary>
    private async Task<List<RollbackStats>> RollbackOn(string addr, string brokerName, int queueNums, string topic, string group, long millis, bool isForce, CancellationToken ct)
    {
        var current = (await ConsumeStatsOf(addr, new GetConsumeStatsRequestHeader { ConsumerGroup = group, Topic = topic }, ct).ConfigureAwait(false)).OffsetTable;
        var queues = (await TopicStatsOf(addr, topic, ct).ConfigureAwait(false)).ToDictionary(s => s.Queue);
        var stats = new List<RollbackStats>(queueNums);
        for (var queueId = 0; queueId < queueNums; queueId++)
        {
            var mq = new MessageQueue(topic, brokerName, queueId);
            var (brokerOffset, consumerOffset) = current.TryGetValue(mq, out var wrapper) ? (wrapper.BrokerOffset, wrapper.ConsumerOffset)
                : queues.TryGetValue(mq, out var q) ? (q.MaxOffset, q.MinOffset)
                : (0L, 0L);
            var target = millis == EndOfQueue
                ? await QueueOffsetOn(RequestCode.GET_MAX_OFFSET, addr, mq, ct).ConfigureAwait(false)
                : await SearchOffsetOn(addr, topic, brokerName, queueId, millis, ct).ConfigureAwait(false);
            var rollback = consumerOffset;
            if (isForce || target <= consumerOffset)
            {
                var update = new UpdateConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = queueId, CommitOffset = target, BrokerName = brokerName };
                EnsureSuccess(await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.UPDATE_CONSUMER_OFFSET, update), $"reset offsets of {group}", ct)
                    .ConfigureAwait(false), addr);
                rollback = target;
            }

            stats.Add(new RollbackStats(mq, brokerOffset, consumerOffset, target, rollback));
        }

        return stats;
    }

    private async Task<long> QueueOffsetOn(int code, string addr, MessageQueue queue, CancellationToken ct)
    {
        var header = new GetMaxOffsetRequestHeader { Topic = queue.Topic, QueueId = queue.QueueId, BrokerName = queue.BrokerName };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(code, header), $"offset of {queue}", ct).ConfigureAwait(false);
        return OffsetResponseHeader.Decode(EnsureSuccess(response, addr)).Offset;
    }

    /// <inheritdoc />
    public async Task CloneGroupOffset(CancellationToken ctx, string srcGroup, string destGroup, string topic, bool isOffline)
    {
        var (src, dest, wrappedTopic) = (Wrap(srcGroup), Wrap(destGroup), Wrap(topic));
        Validators.ValidateGroup(src);
        Validators.ValidateGroup(dest);
        var route = await Route(wrappedTopic, ctx).ConfigureAwait(false);
        foreach (var addr in BrokerAddrs(route.BrokerDataList, masterOnly: true))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.CLONE_GROUP_OFFSET,
                new CloneGroupOffsetRequestHeader { SrcGroup = src, DestGroup = dest, Topic = wrappedTopic, Offline = isOffline });
            EnsureSuccess(await InvokeBroker(addr, request, $"clone offsets of {src} to {dest}", ctx).ConfigureAwait(false), addr);
        }
    }

    /// <inheritdoc />
    public async Task<ConsumeQueueView> QueryConsumeQueue(CancellationToken ctx, string brokerAddr, string topic, int queueId, long index, int count, string? consumerGroup = null)
    {
        var header = new QueryConsumeQueueRequestHeader
        {
            Topic = Wrap(topic), QueueId = queueId, Index = index, Count = count, ConsumerGroup = consumerGroup is null ? null : Wrap(consumerGroup),
        };
        var response = EnsureSuccess(await InvokeBroker(brokerAddr, CommandHeaders.CreateRequest(RequestCode.QUERY_CONSUME_QUEUE, header), $"query consume queue {queueId}@{topic}", ctx)
            .ConfigureAwait(false), brokerAddr);
        if (response.Body.IsEmpty)
        {
            // Java answers SUCCESS without a body when the index is outside the queue.
            throw new MQBrokerException(response.Code, response.Remark ?? $"Index {index} of {queueId}@{topic} is not exist!", brokerAddr);
        }

        var body = FastJson.ParseObject(response.Body.Span);
        var entries = new List<ConsumeQueueEntryView>();
        foreach (var item in body.GetArray("queueData") ?? [])
        {
            var e = item.AsObject();
            entries.Add(new ConsumeQueueEntryView(e.GetInt64("physicOffset"), e.GetInt32("physicSize"), e.GetInt64("tagsCode"),
                e.GetString("extendDataJson"), e.GetString("bitMap"), e.GetBoolean("eval"), e.GetString("msg")));
        }

        ConsumeQueueSubscription? subscription = null;
        if (body.GetObject("subscriptionData") is { } sub)
        {
            subscription = new ConsumeQueueSubscription(sub.GetString("topic") ?? string.Empty, sub.GetString("subString") ?? string.Empty,
                sub.GetString("expressionType") ?? SubscriptionData.ExpressionTypeTag, BodyJson.ReadStrings(sub.GetArray("tagsSet")),
                ReadInts(sub.GetArray("codeSet")), sub.GetInt64("subVersion"), sub.GetBoolean("classFilterMode"));
        }

        return new ConsumeQueueView(body.GetInt64("maxQueueIndex"), body.GetInt64("minQueueIndex"), subscription, body.GetString("filterData"), entries);
    }

    /// <inheritdoc />
    public async Task<BrokerStatsData> ViewBrokerStatsData(CancellationToken ctx, string brokerAddr, string statsName, string statsKey)
    {
        var request = CommandHeaders.CreateRequest(RequestCode.VIEW_BROKER_STATS_DATA, new ViewBrokerStatsDataRequestHeader { StatsName = statsName, StatsKey = statsKey });
        var response = EnsureSuccess(await InvokeBroker(brokerAddr, request, $"stats {statsName} of {statsKey}", ctx).ConfigureAwait(false), brokerAddr);
        var body = FastJson.ParseObject(response.Body.Span);
        return new BrokerStatsData(StatsItem(body.GetObject("statsMinute")), StatsItem(body.GetObject("statsHour")), StatsItem(body.GetObject("statsDay")));
    }

    private static BrokerStatsItem StatsItem(FastJsonObject? item)
        => item is null ? new BrokerStatsItem(0, 0, 0) : new BrokerStatsItem(item.GetInt64("sum"), item.GetDouble("tps"), item.GetDouble("avgpt"));

    private static List<int> ReadInts(FastJsonArray? array)
    {
        var list = new List<int>(array?.Count ?? 0);
        foreach (var item in array ?? [])
        {
            list.Add(item.GetInt32());
        }

        return list;
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
