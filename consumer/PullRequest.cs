namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// A queue to pull, from the rebalance to the pull loop (Go: consumer.go <c>PullRequest</c>). Owned by one pull loop
/// at a time, which advances <see cref="NextOffset"/>.
/// </summary>
internal sealed class PullRequest(string consumerGroup, MessageQueue mq, ProcessQueue pq, long nextOffset)
{
    /// <summary>The group.</summary>
    public string ConsumerGroup { get; } = consumerGroup;

    /// <summary>The queue.</summary>
    public MessageQueue MessageQueue { get; } = mq;

    /// <summary>Its cache and state.</summary>
    public ProcessQueue ProcessQueue { get; } = pq;

    /// <summary>Offset of the next pull.</summary>
    public long NextOffset { get; set; } = nextOffset;

    /// <summary>
    /// The queue came from another member of the group: before the first pull, wait a moment and re-read its offset,
    /// so what the previous owner committed while letting go is not consumed twice.
    /// </summary>
    public bool RecheckOffset { get; set; }

    /// <summary>Orderly: the offset was re-read from the store after the lock was first taken (Go: <c>lockedFirst</c>).</summary>
    public bool LockedFirst { get; set; }

    /// <summary>When (<see cref="Environment.TickCount64"/>) the last pull refused for an unknown subscription sent a heartbeat.</summary>
    public long StaleSubscriptionHeartbeatAt { get; set; } = long.MinValue / 2;

    /// <inheritdoc />
    public override string ToString()
        => $"[ConsumerGroup: {ConsumerGroup}, Topic: {MessageQueue.Topic}, MessageQueue: brokerName={MessageQueue.BrokerName}, queueId={MessageQueue.QueueId}, nextOffset={NextOffset}]";
}
