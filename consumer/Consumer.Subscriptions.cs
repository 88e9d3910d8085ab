using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Subscriptions that change while the consumer runs: the first announcement, routes still to look up, and selectors
/// the brokers have not compiled yet or refused (Java's checkClientInBroker after a subscribe).
/// </summary>
internal abstract partial class DefaultConsumer
{
    private volatile bool _announced;

    /// <summary>
    /// Called once the group's first heartbeat has reached the brokers. A route change seen before that does not
    /// rebalance at once: the broker would answer that the group has no consumer yet.
    /// </summary>
    public void MarkAnnounced() => _announced = true;

    private readonly ConcurrentDictionary<string, string> _refusedSelectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _uncheckedSelectors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _routesPending = new(StringComparer.Ordinal);

    /// <summary>
    /// A subscription changed while running: until its route was looked up (<see cref="LookUpRoutes"/>) a rebalance
    /// finding no queues for the topic is expected, and until <see cref="CheckSelectors"/> has had its selector
    /// compiled, pulls of the topic may be refused for it (the route update that precedes the check already starts them).
    /// </summary>
    public void SubscriptionChanged(string topic, SubscriptionData subscription)
    {
        _routesPending[topic] = 0;
        if (subscription.ExpType is "" or SubscriptionData.ExpressionTypeTag)
        {
            _uncheckedSelectors.TryRemove(topic, out _);
            _refusedSelectors.TryRemove(topic, out _);
        }
        else
        {
            _uncheckedSelectors[topic] = 0;
        }
    }

    /// <summary>
    /// Looks up the routes after a subscription change; then a topic then pending that still has no queues is worth a
    /// warning again (a topic subscribed meanwhile waits for its own lookup).
    /// </summary>
    public async Task LookUpRoutes(CancellationToken cancellationToken)
    {
        var pending = _routesPending.Keys.ToList();
        try
        {
            await Client.UpdateTopicRouteInfo(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var topic in pending)
            {
                _routesPending.TryRemove(topic, out _);
            }
        }
    }

    /// <summary>True while a topic subscribed during the run waits for its first route lookup.</summary>
    public bool RoutePending(string topic) => _routesPending.ContainsKey(topic);

    /// <summary>
    /// After a subscription change while running: the brokers compile the selectors again (Start fails on a refused
    /// one instead). A refused selector is logged once as an error with the broker's parse error; the pulls of its
    /// topic, which the broker refuses as long as it stands, then log at Debug instead of a warning every 3 s.
    /// </summary>
    public async Task CheckSelectors(CancellationToken cancellationToken)
    {
        foreach (var subscription in SubscriptionDataList())
        {
            try
            {
                await Client.CheckClientInBroker(ConsumerGroup, [subscription], cancellationToken).ConfigureAwait(false);
                _refusedSelectors.TryRemove(subscription.Topic, out _);
                _uncheckedSelectors.TryRemove(subscription.Topic, out _);
            }
            catch (MQClientException e) when (e.InnerException is MQBrokerException)
            {
                if (!_refusedSelectors.TryGetValue(subscription.Topic, out var known) || known != subscription.SubString)
                {
                    _refusedSelectors[subscription.Topic] = subscription.SubString;
                    Logger.LogError("{Reason}; no message of topic {Topic} is delivered until the selector is fixed: group={Group}",
                        e.Description, subscription.Topic, ConsumerGroup);
                }

                _uncheckedSelectors.TryRemove(subscription.Topic, out _);
            }
        }
    }

    /// <summary>
    /// True when a broker refused the selector of <paramref name="topic"/>, or its new selector is not checked yet (see
    /// <see cref="CheckSelectors"/>): its failing pulls are expected and logged at Debug.
    /// </summary>
    public bool SelectorInDoubt(string topic) => _refusedSelectors.ContainsKey(topic) || _uncheckedSelectors.ContainsKey(topic);
}
