using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Queue offsets, one-off pulls and message tracks (Java tools: DefaultMQPullConsumer, messageTrackDetail).</summary>
internal sealed partial class DefaultAdmin
{
    // Java's MixAll.TOOLS_CONSUMER_GROUP: the group Java's tools pull as.
    private const string ToolsConsumerGroup = "TOOLS_CONSUMER";

    // PullSysFlag: the subscription travels with the request (the tools group has none registered).
    private const int PullFlagSubscription = 0x4;

    /// <inheritdoc />
    public async Task<long> MinOffset(CancellationToken ctx, MessageQueue queue)
        => await QueueOffset(RequestCode.GET_MIN_OFFSET, queue, "min offset", ctx).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<long> MaxOffset(CancellationToken ctx, MessageQueue queue)
        => await QueueOffset(RequestCode.GET_MAX_OFFSET, queue, "max offset", ctx).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<long> SearchOffset(CancellationToken ctx, MessageQueue queue, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var wrapped = Wrap(queue.Topic);
        var addr = await QueueBroker(wrapped, queue.BrokerName, ctx).ConfigureAwait(false);
        return await SearchOffsetOn(addr, wrapped, queue.BrokerName, queue.QueueId, timestamp.ToUnixTimeMilliseconds(), ctx).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PullResult> PullMessages(CancellationToken ctx, MessageQueue queue, long offset, int maxNums, string subExpression = "*")
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNums, 1, nameof(maxNums));
        ArgumentOutOfRangeException.ThrowIfNegative(offset, nameof(offset));
        var wrapped = Wrap(queue.Topic);
        var subscription = SubscriptionData.Build(wrapped, string.IsNullOrWhiteSpace(subExpression) ? SubscriptionData.SubAll : subExpression);
        var addr = await QueueBroker(wrapped, queue.BrokerName, ctx).ConfigureAwait(false);
        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = ToolsConsumerGroup,
            Topic = wrapped,
            QueueId = queue.QueueId,
            QueueOffset = offset,
            MaxMsgNums = maxNums,
            SysFlag = PullFlagSubscription,
            SubExpression = subscription.SubString,
            ExpressionType = SubscriptionData.ExpressionTypeTag,
            BrokerName = queue.BrokerName,
        };
        ThrowIfClosed();
        PullResult result;
        try
        {
            result = await _client.PullMessage(addr, header, _options.RequestTimeout, ctx).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemotingConnectException or RemotingSendRequestException && e is not BrokerNotAvailableException)
        {
            throw new BrokerNotAvailableException(addr, $"pull {queue}", e);
        }

        // The broker filters by tag hash code only; as Java's pull consumer, keep the messages whose tag matches
        // and mark each with the queue's bounds (MIN_OFFSET, MAX_OFFSET).
        if (!subscription.IsSubscribeAll && result.Status == PullStatus.PullFound)
        {
            result.SetMessageExts(result.GetMessageExts().FindAll(m => subscription.Tags.Contains(m.GetTags())));
        }

        foreach (var msg in result.GetMessageExts())
        {
            msg.WithProperty(PropertyKeys.MinOffset, result.MinOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            msg.WithProperty(PropertyKeys.MaxOffset, result.MaxOffset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<QueryResult> QueryMessageByUniqueKey(CancellationToken ctx, string topic, string msgId, int maxNum = 32)
    {
        if (string.IsNullOrEmpty(msgId))
        {
            throw new MQClientException("query message by unique key: the message id is empty");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxNum, 1, nameof(maxNum));
        var wrapped = Wrap(topic);
        Validators.ValidateTopic(wrapped);
        return await Query(wrapped, msgId, uniqueKey: true, maxNum, 0, long.MaxValue, ctx).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageTrack>> MessageTrackDetail(CancellationToken ctx, MessageExt msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        var tracks = new List<MessageTrack>();
        foreach (var group in await QueryTopicConsumeByWho(ctx, msg.Topic).ConfigureAwait(false))
        {
            tracks.Add(await Track(group, msg, ctx).ConfigureAwait(false));
        }

        return tracks;
    }

    private async Task<MessageTrack> Track(string group, MessageExt msg, CancellationToken ct)
    {
        ConsumerConnection? connection;
        try
        {
            connection = await ExamineConnection(group, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new MessageTrack(group, "UNKNOWN", Describe(e));
        }

        if (connection is null)
        {
            // What Java's admin reports from the broker's CONSUMER_NOT_ONLINE answer.
            return new MessageTrack(group, "NOT_ONLINE", $"CODE:{ResponseCode.CONSUMER_NOT_ONLINE} DESC:the consumer group[{group}] not online");
        }

        if (connection.ConsumeType == ConsumerData.ConsumeActively)
        {
            return new MessageTrack(group, "PULL", null);
        }

        if (connection.ConsumeType != ConsumerData.ConsumePassively)
        {
            return new MessageTrack(group, "UNKNOWN", null);
        }

        bool consumed;
        try
        {
            consumed = await Consumed(msg, group, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new MessageTrack(group, e is ConsumerNotOnlineException ? "NOT_ONLINE" : "UNKNOWN", Describe(e));
        }

        if (!consumed)
        {
            return new MessageTrack(group, "NOT_CONSUME_YET", null);
        }

        var filtered = connection.SubscriptionTable.TryGetValue(msg.Topic, out var sub)
            && sub.Tags.Count > 0 && !sub.Tags.Contains(msg.GetTags()) && !sub.Tags.Contains(SubscriptionData.SubAll);
        return new MessageTrack(group, filtered ? "CONSUMED_BUT_FILTERED" : "CONSUMED", null);
    }

    /// <summary>Java's consumed(): the group's offset on the message's queue, on the broker that stored it, is past the message.</summary>
    private async Task<bool> Consumed(MessageExt msg, string group, CancellationToken ct)
    {
        var progress = await ConsumerProgress(ct, group).ConfigureAwait(false);
        var brokers = (await ClusterInfoBody(ct).ConfigureAwait(false)).BrokerAddrTable;
        foreach (var q in progress.Queues)
        {
            if (q.Queue.Topic == msg.Topic && q.Queue.QueueId == msg.QueueId
                && brokers.TryGetValue(q.Queue.BrokerName, out var broker) && broker.MasterAddress == msg.StoreHost && q.ConsumerOffset > msg.QueueOffset)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An exception as Java's admin describes it in a MessageTrack: "CODE:n DESC:remark" for server answers.</summary>
    private static string Describe(Exception e) => e switch
    {
        MQBrokerException broker => $"CODE:{broker.ResponseCode} DESC:{broker.Remark}",
        MQClientException client => $"CODE:{client.Code} DESC:{client.Message}",
        _ => e.Message,
    };

    private async Task<long> QueueOffset(int code, MessageQueue queue, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var wrapped = Wrap(queue.Topic);
        var addr = await QueueBroker(wrapped, queue.BrokerName, ct).ConfigureAwait(false);
        var header = new GetMaxOffsetRequestHeader { Topic = wrapped, QueueId = queue.QueueId, BrokerName = queue.BrokerName };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(code, header), $"{what} of {queue}", ct).ConfigureAwait(false);
        return OffsetResponseHeader.Decode(EnsureSuccess(response, addr)).Offset;
    }

    private async Task<long> SearchOffsetOn(string addr, string topic, string brokerName, int queueId, long millis, CancellationToken ct)
    {
        var search = new SearchOffsetRequestHeader { Topic = topic, QueueId = queueId, Timestamp = millis, BrokerName = brokerName };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, search), $"search offset of {topic}@{brokerName}:{queueId}", ct)
            .ConfigureAwait(false);
        return OffsetResponseHeader.Decode(EnsureSuccess(response, addr)).Offset;
    }

    /// <summary>The master of the queue's broker group, else any of its brokers (Java's findBrokerAddressInSubscribe).</summary>
    private async Task<string> QueueBroker(string topic, string brokerName, CancellationToken ct)
    {
        var route = await Route(topic, ct).ConfigureAwait(false);
        var broker = route.BrokerDataList.Find(b => b.BrokerName == brokerName)
            ?? throw new MQClientException($"topic {topic} has no queue on broker {brokerName} (its brokers: {string.Join(", ", route.BrokerDataList.ConvertAll(b => b.BrokerName))})");
        return broker.MasterAddress ?? broker.SelectBrokerAddr()
            ?? throw new BrokerNotAvailableException(brokerName, $"read topic {topic}", null);
    }
}
