using System.Globalization;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What the shared client and admin tools ask of the lite pull consumer beyond the shared answers (Go:
/// pull_consumer.go <c>UpdateTopicSubscribeInfo</c>, <c>Rebalance</c>, <c>GetConsumerRunningInfo</c>,
/// <c>ConsumeMessageDirectly</c>, <c>ResetOffset</c>).
/// </summary>
internal sealed partial class PullConsumer
{
    /// <summary>
    /// Go: <c>UpdateTopicSubscribeInfo</c>. Assigned queues don't follow the route, and the shared code's immediate
    /// group rebalance on a route change must not run in assign mode.
    /// </summary>
    protected override void OnTopicRoute(string topic, IReadOnlyList<MessageQueue> mqs)
    {
        if (SubType != SubscriptionType.Assign)
        {
            UpdateTopicSubscribeInfo(topic, mqs);
        }
        else if (SubscriptionDataTable.ContainsKey(topic))
        {
            TopicSubscribeInfoTable[topic] = mqs;
        }

        OnRouteChanged(topic);
    }

    /// <summary>Go: <c>Rebalance</c>: the group's rebalance when subscribed, the assigned queues otherwise (RebalanceViaTopic).</summary>
    public override Task Rebalance(CancellationToken cancellationToken = default)
        => SubType == SubscriptionType.Assign ? RebalanceViaTopic(cancellationToken) : DoBalance(cancellationToken);

    /// <summary>Pausing is per queue here and never skips a rebalance (Go: <c>RebalanceIfNotPaused</c>).</summary>
    public override Task RebalanceIfNotPaused(CancellationToken cancellationToken = default) => Rebalance(cancellationToken);

    /// <summary>There is no handler to run (Go answers nil, which the client reports as an error).</summary>
    public override Task<ConsumeMessageDirectlyResult?> ConsumeMessageDirectly(MessageExt msg, string brokerName)
        => Task.FromResult<ConsumeMessageDirectlyResult?>(null);

    /// <summary>
    /// A broker resets the group's offsets (RESET_CONSUMER_CLIENT_OFFSET): each owned queue in
    /// <paramref name="table"/> is sought to its new offset and the offset written. Go ignores the request.
    /// </summary>
    public override async Task ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table)
    {
        if (!IsRunning)
        {
            return;
        }

        foreach (var (mq, offset) in table)
        {
            if (mq.Topic != topic || !ProcessQueueTable.ContainsKey(mq))
            {
                continue;
            }

            _states.Get(mq).SetPullPosition(offset);
            TryReseek(mq, offset);
            Storage.Update(mq, offset, increaseOnly: false);
            await Storage.Persist(mq).ConfigureAwait(false);
        }
    }

    /// <summary>Go: <c>GetConsumerRunningInfo</c>: subscriptions, statistics, the owned queues' state and offsets.</summary>
    public override ConsumerRunningInfo? GetConsumerRunningInfo(bool stack)
    {
        if (NewRunningInfo() is not { } info)
        {
            return null;
        }

        var p = info.Properties;
        p["subscriptionType"] = SubType.ToString();
        p["autoCommit"] = Options.AutoCommit ? "true" : "false";
        p["pullBatchSize"] = Options.PullBatchSize.ToString(CultureInfo.InvariantCulture);
        p["pausedQueues"] = _states.Paused().Count.ToString(CultureInfo.InvariantCulture);
        p["bufferedConsumeRequests"] = _consumeRequests.Reader.Count.ToString(CultureInfo.InvariantCulture);
        p[ConsumerRunningInfo.PropNameServerAddr] = string.Join(';', Client.GetNameSrv().AddrList());
        p[ConsumerRunningInfo.PropConsumeType] = DefaultConsumer.ConsumeActively;
        p[ConsumerRunningInfo.PropConsumeOrderly] = "false";
        p[ConsumerRunningInfo.PropThreadPoolCoreSize] = "-1";
        p[ConsumerRunningInfo.PropConsumerStartTimestamp] = ConsumerStartTimestamp.ToString(CultureInfo.InvariantCulture);
        if (stack)
        {
            info.JStack = $"pull loops {PullLoops.Count}, buffered consume requests {_consumeRequests.Reader.Count}";
        }

        return info;
    }
}
