using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The push consumer's part in a rebalance (Go: push_consumer.go <c>messageQueueChanged</c>,
/// <c>removeUnnecessaryMessageQueue</c>): the hooks the shared <see cref="DefaultConsumer"/> calls.
/// </summary>
internal sealed partial class PushConsumer
{
    // Go: messageQueueChanged: a new subscription version and a heartbeat so the broker sees it.
    private async Task MessageQueueChanged(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided)
    {
        if (!_dc.SubscriptionDataTable.TryGetValue(topic, out var data))
        {
            return;
        }

        data.SubVersion = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _dc.Client.SendHeartbeatToAllBrokerWithLock(_dc.StoppingToken).ConfigureAwait(false);
    }

    // Go's pushConsumer.removeUnnecessaryMessageQueue (which Go never calls: the embedded struct's method is used),
    // done as Java's RebalancePushImpl: an orderly queue is released only after its running handler finished, its
    // offset was written (awaited) and the broker lock was given back, so no two consumers ever hold it at once.
    private async Task<bool> RemoveUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq)
    {
        if (!Options.ConsumeOrderly || Options.ConsumerModel != MessageModel.Clustering)
        {
            await _dc.Storage.Persist(mq).ConfigureAwait(false);
            _dc.Storage.Remove(mq);
            return true;
        }

        if (!await pq.ConsumeLock.WaitAsync(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false))
        {
            pq.TryUnlockTimes++;
            return false;
        }

        try
        {
            await _dc.Storage.Persist(mq).ConfigureAwait(false);
            _dc.Storage.Remove(mq);
            pq.SetLocked(false);
            await _dc.Unlock(mq, oneway: false).ConfigureAwait(false);
            _queueLock.Remove(mq);
            return true;
        }
        finally
        {
            pq.ConsumeLock.Release();
        }
    }
}
