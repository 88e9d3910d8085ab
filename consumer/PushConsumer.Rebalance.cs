namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The push consumer's part in a rebalance (Go: push_consumer.go <c>messageQueueChanged</c>,
/// <c>removeUnnecessaryMessageQueue</c>): what the shared <see cref="DefaultConsumer"/> rebalance asks of it.
/// </summary>
internal sealed partial class PushConsumer
{
    // Go: messageQueueChanged: a new subscription version and a heartbeat so the broker sees it.
    protected override async Task MessageQueueChanged(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided)
    {
        if (!SubscriptionDataTable.TryGetValue(topic, out var data))
        {
            return;
        }

        data.SubVersion = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Client.SendHeartbeatToAllBrokerWithLock(StoppingToken).ConfigureAwait(false);
    }

    // Go's pushConsumer.removeUnnecessaryMessageQueue (which Go never calls: the embedded struct's method is used),
    // done as Java's RebalancePushImpl: an orderly queue is released only after its running handler finished, its
    // offset was written (awaited) and the broker lock was given back, so no two consumers ever hold it at once.
    protected override async Task<bool> RemoveUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq)
    {
        if (!Options.ConsumeOrderly || Options.ConsumerModel != MessageModel.Clustering)
        {
            return await base.RemoveUnnecessaryMessageQueue(mq, pq).ConfigureAwait(false);
        }

        if (!await pq.ConsumeLock.WaitAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false))
        {
            pq.TryUnlockTimes++;
            return false;
        }

        try
        {
            await Storage.Persist(mq).ConfigureAwait(false);
            Storage.Remove(mq);
            pq.SetLocked(false);
            await Unlock(mq, oneway: false).ConfigureAwait(false);
            _queueLock.Remove(mq);
            return true;
        }
        finally
        {
            pq.ConsumeLock.Release();
        }
    }
}
