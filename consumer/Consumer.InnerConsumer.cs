namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What the shared client and the brokers ask of a consumer (Go: <c>internal.InnerConsumer</c>), answered once for
/// the push and the lite pull consumer; what differs between them is abstract or virtual here. The subscription
/// members (<see cref="IsSubscribeTopicNeedUpdate"/>, <see cref="SubscriptionDataList"/>) live with the
/// subscriptions.
/// </summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>The client's periodic persist: nothing unless running.</summary>
    Task IInnerConsumer.PersistConsumerOffset(CancellationToken cancellationToken)
        => IsRunning ? PersistOffsetsPeriodically(cancellationToken) : Task.CompletedTask;

    /// <summary>A route update from the client (the consumer's own route lookups call the shared code directly).</summary>
    void IInnerConsumer.UpdateTopicSubscribeInfo(string topic, IReadOnlyList<MessageQueue> mqs) => OnTopicRoute(topic, mqs);

    /// <summary>Go: <c>Rebalance</c>: the group's rebalance.</summary>
    public virtual Task Rebalance(CancellationToken cancellationToken = default) => DoBalance(cancellationToken);

    /// <summary>Go: <c>RebalanceIfNotPaused</c>: the group's rebalance unless suspended.</summary>
    public virtual Task RebalanceIfNotPaused(CancellationToken cancellationToken = default) => DoBalanceIfNotPaused(cancellationToken);

    /// <summary>Go: <c>IsUnitMode</c>.</summary>
    public bool IsUnitMode() => Options.Client.UnitMode;

    /// <summary>CONSUME_PASSIVELY (push) or CONSUME_ACTIVELY (pull), as the heartbeat says (Go: <c>GetcType</c>).</summary>
    public string GetCType() => ConsumeType;

    /// <summary>Go: <c>GetModel</c>: CLUSTERING or BROADCASTING.</summary>
    public string GetModel() => Model == MessageModel.Clustering ? ConsumerData.Clustering : ConsumerData.Broadcasting;

    /// <summary>Go: <c>GetWhere</c>: the heartbeat's name of <see cref="ConsumerOptions.FromWhere"/>.</summary>
    public string GetWhere() => Options.FromWhere switch
    {
        ConsumeFromWhere.ConsumeFromFirstOffset => ConsumerData.ConsumeFromFirstOffset,
        ConsumeFromWhere.ConsumeFromTimestamp => ConsumerData.ConsumeFromTimestamp,
        _ => ConsumerData.ConsumeFromLastOffset,
    };

    /// <summary>Go: <c>GetConsumerStatus</c>: the committed offsets of the topic's queues; null before the store exists.</summary>
    public GetConsumerStatusBody? GetConsumerStatus(string topic)
        => Storage is null ? null : new GetConsumerStatusBody { MessageQueueTable = Storage.GetMQOffsetMap(topic) };

    /// <summary>Go: <c>GetConsumerRunningInfo</c>: what mqadmin consumerStatus and consumerProgress read.</summary>
    public abstract ConsumerRunningInfo? GetConsumerRunningInfo(bool stack);

    /// <summary>Go: <c>ConsumeMessageDirectly</c> (CONSUME_MESSAGE_DIRECTLY from an admin tool).</summary>
    public abstract Task<ConsumeMessageDirectlyResult?> ConsumeMessageDirectly(MessageExt msg, string brokerName);

    /// <summary>Go: <c>ResetOffset</c> (RESET_CONSUMER_CLIENT_OFFSET from a broker).</summary>
    public abstract Task ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table);

    /// <summary>What a route update from the client does: <see cref="UpdateTopicSubscribeInfo"/>.</summary>
    protected virtual void OnTopicRoute(string topic, IReadOnlyList<MessageQueue> mqs) => UpdateTopicSubscribeInfo(topic, mqs);

    /// <summary>What the client's periodic persist writes: the owned queues' offsets.</summary>
    protected virtual Task PersistOffsetsPeriodically(CancellationToken cancellationToken) => PersistConsumerOffset(cancellationToken);
}
