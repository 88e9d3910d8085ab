using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The route, rebalance and offset loops' bodies (Go: client.go <c>UpdateTopicRouteInfo</c>,
/// <c>UpdatePublishInfo</c>, <c>updateSubscribeInfo</c>, <c>RebalanceImmediately</c>, the persist goroutine).
/// </summary>
internal sealed partial class RMQClient
{
    private readonly SemaphoreSlim _rbLock = new(1, 1);

    /// <inheritdoc />
    public async Task UpdateTopicRouteInfo(CancellationToken cancellationToken = default)
    {
        var publish = new HashSet<string>(StringComparer.Ordinal);
        foreach (var producer in _producerMap.Values)
        {
            publish.UnionWith(producer.PublishTopicList());
        }

        var subscribe = new HashSet<string>(StringComparer.Ordinal);
        foreach (var consumer in _consumerMap.Values)
        {
            foreach (var sub in consumer.SubscriptionDataList())
            {
                subscribe.Add(sub.Topic);
            }
        }

        var all = new HashSet<string>(publish, StringComparer.Ordinal);
        all.UnionWith(subscribe);

        // Topics are refreshed side by side: a topic whose lookup hangs delays none of the others.
        var refreshes = new List<Task>(all.Count);
        foreach (var topic in all)
        {
            refreshes.Add(RefreshTopic(topic, publish.Contains(topic), subscribe.Contains(topic), cancellationToken));
        }

        await Task.WhenAll(refreshes).ConfigureAwait(false);
    }

    private async Task RefreshTopic(string topic, bool published, bool subscribed, CancellationToken cancellationToken)
    {
        TopicRouteData data;
        bool changed;
        try
        {
            (data, changed) = await _namesrv.UpdateTopicRouteInfo(topic, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One bad topic (deleted, or name servers briefly away) must not stop the others' refresh.
            // A group's retry topic has no route until the broker saw the group's first heartbeat: not worth a warning.
            _logger.Log(
                topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal) ? LogLevel.Debug : LogLevel.Warning,
                "update route of topic {Topic} failed: {Reason}", topic, e.Message);
            return;
        }

        // A changed route was handed out already (OnRouteChanged); an unchanged one only to those missing it.
        if (!changed)
        {
            if (published)
            {
                UpdatePublishInfo(topic, data, false);
            }

            if (subscribed)
            {
                UpdateSubscribeInfo(topic, data, false);
            }
        }
    }

    /// <inheritdoc />
    public void UpdatePublishInfo(string topic, TopicRouteData? data, bool changed)
    {
        if (data is null)
        {
            return;
        }

        TopicPublishInfo? info = null;
        foreach (var producer in _producerMap.Values)
        {
            if (changed || producer.IsPublishTopicNeedUpdate(topic))
            {
                info ??= TopicPublishInfo.FromRouteData(topic, data);
                info.HaveTopicRouterInfo = true;
                producer.UpdateTopicPublishInfo(topic, info);
            }
        }
    }

    /// <summary>Hands a topic's readable queues to the consumers that need them (Go: <c>updateSubscribeInfo</c>).</summary>
    internal void UpdateSubscribeInfo(string topic, TopicRouteData? data, bool changed)
    {
        if (data is null)
        {
            return;
        }

        List<Primitive.MessageQueue>? queues = null;
        foreach (var consumer in _consumerMap.Values)
        {
            if (changed || consumer.IsSubscribeTopicNeedUpdate(topic))
            {
                queues ??= data.ToSubscribeQueues(topic);
                consumer.UpdateTopicSubscribeInfo(topic, queues);
            }
        }
    }

    /// <inheritdoc />
    public async Task RebalanceImmediately(CancellationToken cancellationToken = default)
    {
        await _rbLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (group, consumer) in _consumerMap)
            {
                await RunConsumerStep(group, "rebalance", consumer.Rebalance, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _rbLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task RebalanceIfNotPaused(CancellationToken cancellationToken = default)
    {
        await _rbLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (group, consumer) in _consumerMap)
            {
                await RunConsumerStep(group, "rebalance", consumer.RebalanceIfNotPaused, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _rbLock.Release();
        }
    }

    /// <summary>Asks the rebalance loop to run now (NOTIFY_CONSUMER_IDS_CHANGED); nothing happens before <see cref="Start"/>.</summary>
    internal void TriggerRebalance()
    {
        if (_rebalanceLoop is { } loop)
        {
            loop.Trigger();
        }
    }

    private async Task PersistAllConsumerOffset(CancellationToken cancellationToken)
    {
        foreach (var (group, consumer) in _consumerMap)
        {
            await RunConsumerStep(group, "persist offsets", consumer.PersistConsumerOffset, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnRouteChanged(string topic, TopicRouteData data)
    {
        UpdatePublishInfo(topic, data, true);
        UpdateSubscribeInfo(topic, data, true);
    }

    // One consumer's failure must not keep the others from their turn.
    private async Task RunConsumerStep(string group, string step, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "{Step} of consumer group {Group} failed", step, group);
        }
    }
}
