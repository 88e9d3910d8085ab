using System.Globalization;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>What the shared client and the brokers ask of the pull consumer (Go: <c>internal.InnerConsumer</c>).</summary>
internal sealed partial class PullConsumer
{
    /// <inheritdoc />
    Task IInnerConsumer.PersistConsumerOffset(CancellationToken cancellationToken)
        => _dc.IsRunning ? PersistAll(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Go: <c>UpdateTopicSubscribeInfo</c>. Assigned queues don't follow the route, and the shared code's immediate
    /// group rebalance on a route change must not run in assign mode.
    /// </summary>
    void IInnerConsumer.UpdateTopicSubscribeInfo(string topic, IReadOnlyList<MessageQueue> mqs)
    {
        if (SubType != SubscriptionType.Assign)
        {
            _dc.UpdateTopicSubscribeInfo(topic, mqs);
        }
        else if (_dc.SubscriptionDataTable.ContainsKey(topic))
        {
            _dc.TopicSubscribeInfoTable[topic] = mqs;
        }

        OnRouteChanged(topic);
    }

    /// <inheritdoc />
    bool IInnerConsumer.IsSubscribeTopicNeedUpdate(string topic) => _dc.IsSubscribeTopicNeedUpdate(topic);

    /// <inheritdoc />
    IReadOnlyList<SubscriptionData> IInnerConsumer.SubscriptionDataList() => _dc.SubscriptionDataList();

    /// <inheritdoc />
    Task IInnerConsumer.Rebalance(CancellationToken cancellationToken) => Rebalance(cancellationToken);

    /// <summary>Pausing is per queue here and never skips a rebalance (Go: <c>RebalanceIfNotPaused</c>).</summary>
    Task IInnerConsumer.RebalanceIfNotPaused(CancellationToken cancellationToken) => Rebalance(cancellationToken);

    /// <inheritdoc />
    bool IInnerConsumer.IsUnitMode() => Options.Client.UnitMode;

    /// <inheritdoc />
    string IInnerConsumer.GetCType() => ConsumerData.ConsumeActively;

    /// <inheritdoc />
    string IInnerConsumer.GetModel() => Options.ConsumerModel == MessageModel.Clustering ? ConsumerData.Clustering : ConsumerData.Broadcasting;

    /// <inheritdoc />
    string IInnerConsumer.GetWhere() => Options.FromWhere switch
    {
        ConsumeFromWhere.ConsumeFromFirstOffset => ConsumerData.ConsumeFromFirstOffset,
        ConsumeFromWhere.ConsumeFromTimestamp => ConsumerData.ConsumeFromTimestamp,
        _ => ConsumerData.ConsumeFromLastOffset,
    };

    /// <inheritdoc />
    GetConsumerStatusBody? IInnerConsumer.GetConsumerStatus(string topic)
        => _dc.Storage is null ? null : new GetConsumerStatusBody { MessageQueueTable = _dc.Storage.GetMQOffsetMap(topic) };

    /// <summary>There is no handler to run (Go answers nil, which the client reports as an error).</summary>
    Task<ConsumeMessageDirectlyResult?> IInnerConsumer.ConsumeMessageDirectly(MessageExt msg, string brokerName)
        => Task.FromResult<ConsumeMessageDirectlyResult?>(null);

    /// <summary>
    /// A broker resets the group's offsets (RESET_CONSUMER_CLIENT_OFFSET): each owned queue in
    /// <paramref name="table"/> is sought to its new offset and the offset written. Go ignores the request.
    /// </summary>
    async Task IInnerConsumer.ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table)
    {
        if (!_dc.IsRunning)
        {
            return;
        }

        foreach (var (mq, offset) in table)
        {
            if (mq.Topic != topic || !_dc.ProcessQueueTable.ContainsKey(mq))
            {
                continue;
            }

            _states.Get(mq).SetPullPosition(offset);
            TryReseek(mq, offset);
            _dc.Storage.Update(mq, offset, increaseOnly: false);
            await _dc.Storage.Persist(mq).ConfigureAwait(false);
        }
    }

    /// <summary>Go: <c>GetConsumerRunningInfo</c>: subscriptions, statistics, the owned queues' state and offsets.</summary>
    ConsumerRunningInfo? IInnerConsumer.GetConsumerRunningInfo(bool stack)
    {
        if (_dc.NewRunningInfo() is not { } info)
        {
            return null;
        }

        var p = info.Properties;
        p["messageModel"] = ((IInnerConsumer)this).GetModel();
        p["consumeFromWhere"] = ((IInnerConsumer)this).GetWhere();
        p["subscriptionType"] = SubType.ToString();
        p["autoCommit"] = Options.AutoCommit ? "true" : "false";
        p["pullBatchSize"] = Options.PullBatchSize.ToString(CultureInfo.InvariantCulture);
        p["pausedQueues"] = _states.Paused().Count.ToString(CultureInfo.InvariantCulture);
        p["bufferedConsumeRequests"] = _consumeRequests.Reader.Count.ToString(CultureInfo.InvariantCulture);
        p[ConsumerRunningInfo.PropNameServerAddr] = string.Join(';', _dc.Client.GetNameSrv().AddrList());
        p[ConsumerRunningInfo.PropConsumeType] = DefaultConsumer.ConsumeActively;
        p[ConsumerRunningInfo.PropConsumeOrderly] = "false";
        p[ConsumerRunningInfo.PropThreadPoolCoreSize] = "-1";
        p[ConsumerRunningInfo.PropConsumerStartTimestamp] = _dc.ConsumerStartTimestamp.ToString(CultureInfo.InvariantCulture);
        if (stack)
        {
            info.JStack = $"pull loops {_loops.Count}, buffered consume requests {_consumeRequests.Reader.Count}";
        }

        return info;
    }
}
