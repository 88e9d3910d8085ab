namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Which queues the pull consumer owns (Go: <c>Rebalance</c>, <c>RebalanceViaTopic</c>, <c>messageQueueChanged</c>):
/// the group's rebalance when subscribed, exactly the assigned queues otherwise.
/// </summary>
internal sealed partial class PullConsumer
{
    // Pull waits for this one (whether it succeeded or not: a failed one is retried like any rebalance).
    private async Task FirstRebalance()
    {
        try
        {
            await RebalanceInBackground().ConfigureAwait(false);
        }
        finally
        {
            _firstRebalance.TrySetResult();
        }
    }

    private async Task RebalanceInBackground()
    {
        try
        {
            await Rebalance(StoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (Exception e)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), e, "rebalance failed: group={Group}", ConsumerGroup);
        }
    }

    private async Task RebalanceViaTopic(CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return;
        }

        await _assignLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (topic, mqs) in _assigned)
            {
                var (changed, _) = await UpdateProcessQueueTable(topic, mqs, false, cancellationToken).ConfigureAwait(false);
                if (changed)
                {
                    Logger.LogInformation("pull consumer assignment applied: group={Group} topic={Topic} queues={Count}", ConsumerGroup, topic, mqs.Length);
                }
            }
        }
        finally
        {
            _assignLock.Release();
        }
    }

    // Go: messageQueueChanged: a heartbeat so the brokers see the new subscription version; and Java's
    // MessageQueueListener, once the queues are taken.
    protected override async Task MessageQueueChanged(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided)
    {
        NotifyQueueListener(topic, mqAll, mqDivided);
        if (SubscriptionDataTable.TryGetValue(topic, out var data))
        {
            data.SubVersion = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }

        try
        {
            await Client.SendHeartbeatToAllBrokerWithLock(StoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested)
        {
            // shutting down: the unregister follows
        }
    }
}
