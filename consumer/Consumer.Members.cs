using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>The group's members as the brokers know them (Go: consumer.go <c>findConsumerList</c>).</summary>
internal abstract partial class DefaultConsumer
{
    // How long a rebalance waits for the route it reads because a member joined.
    private static readonly TimeSpan RouteReadOnJoin = TimeSpan.FromSeconds(2);

    // Per topic, the members this client allocated with last time.
    private readonly ConcurrentDictionary<string, HashSet<string>> _membersSeen = new(StringComparer.Ordinal);

    /// <summary>
    /// The members of the group: GET_CONSUMER_LIST_BY_GROUP to every broker of <paramref name="topic"/> at once, and
    /// the union of the answers. Null when no broker answered, or when none lists this client even after a heartbeat.
    /// Go and Java ask one broker at random; a broker that is shutting down or has just restarted knows only some
    /// members, and members allocating from such a list take queues others still hold (measured: hundreds of
    /// duplicates per 3 s broker outage at 200 msg/s). A member is alive when any broker lists it.
    /// </summary>
    public async Task<IReadOnlyList<string>?> FindConsumerList(string topic, CancellationToken cancellationToken)
    {
        var brokers = BrokersOf(topic);
        if (brokers.Count == 0)
        {
            await Client.GetNameSrv().UpdateTopicRouteInfo(topic, cancellationToken).ConfigureAwait(false);
            brokers = BrokersOf(topic);
        }

        if (brokers.Count == 0)
        {
            return null;
        }

        var me = Client.ClientID();
        var lists = await QueryConsumerLists(brokers, cancellationToken).ConfigureAwait(false);
        if (!lists.Any(l => l?.Contains(me) == true))
        {
            // No broker lists this client: they restarted and lost their consumer tables. Allocating from their lists
            // would drop every queue until the next 30 s heartbeat (Go and Java do); tell them now and ask again.
            // Debug: a restarted broker is healed here, and a consumer starting next to a broker that has not yet
            // processed its first heartbeat takes this path too; only a failure to heal is worth a warning.
            Logger.LogDebug("no broker lists this consumer, sending a heartbeat: group={Group} brokers={Brokers} clientID={ClientID}", ConsumerGroup, string.Join(",", brokers), me);
            var answered = await Task.WhenAll(brokers.Select(b => Client.HeartbeatBroker(b, cancellationToken))).ConfigureAwait(false);
            if (!answered.Any(a => a))
            {
                return null;
            }

            lists = await QueryConsumerLists(brokers, cancellationToken).ConfigureAwait(false);
            if (!lists.Any(l => l?.Contains(me) == true))
            {
                Logger.Log(WhileRunning(LogLevel.Warning), "no broker lists this consumer even after a heartbeat, rebalance postponed: group={Group} brokers={Brokers} clientID={ClientID}", ConsumerGroup, string.Join(",", brokers), me);
                return null;
            }
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            if (list is not null)
            {
                members.UnionWith(list);
            }
        }

        return [.. members];
    }

    /// <summary>
    /// Reads <paramref name="topic"/>'s route again when <paramref name="members"/> names a member this client did not
    /// see at its previous rebalance of the topic; true when it did. Members allocate over the queues their cached
    /// routes name: a member that joined after a broker left or came back sees other queues than members whose 30 s
    /// route poll has not come yet, and allocating over different queue lists gives some queues two owners (Go and
    /// Java wait for the poll). Bounded, so a name server outage cannot hold the rebalance up.
    /// </summary>
    private async Task<bool> ReadRouteIfAMemberJoined(string topic, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        var seen = _membersSeen.GetValueOrDefault(topic);
        _membersSeen[topic] = [.. members];
        if (seen is null || members.All(seen.Contains))
        {
            return false;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(RouteReadOnJoin);
        try
        {
            await Client.GetNameSrv().UpdateTopicRouteInfo(topic, bound.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogDebug("reading the route of {Topic} after a member joined failed, allocating over the cached one: group={Group}: {Reason}", topic, ConsumerGroup, e.Message);
            return false;
        }
    }

    // The master (else any) address of each broker group holding the topic.
    private List<string> BrokersOf(string topic)
    {
        var route = Client.GetNameSrv().GetTopicRouteData(topic);
        var addrs = new List<string>();
        if (route is not null)
        {
            foreach (var broker in route.BrokerDataList)
            {
                if (broker.SelectBrokerAddr() is { Length: > 0 } addr)
                {
                    addrs.Add(addr);
                }
            }
        }

        return addrs;
    }

    private Task<List<string>?[]> QueryConsumerLists(List<string> brokers, CancellationToken cancellationToken)
        => Task.WhenAll(brokers.Select(b => QueryConsumerList(b, cancellationToken)));

    // One broker's member list; empty when it refuses (it has none: "no consumer for this group"), null when it did
    // not answer.
    private async Task<List<string>?> QueryConsumerList(string brokerAddr, CancellationToken cancellationToken)
    {
        try
        {
            var header = new GetConsumerListRequestHeader { ConsumerGroup = ConsumerGroup };
            var response = await Client.InvokeSync(Client.ForVipCall(brokerAddr), CommandHeaders.CreateRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP, header), BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS || response.Body.IsEmpty)
            {
                Logger.LogDebug("the broker has no member of the group: group={Group} broker={Broker} code={Code} remark={Remark}", ConsumerGroup, brokerAddr, response.Code, response.Remark);
                return [];
            }

            return GetConsumerListByGroupResponseBody.Decode(response.Body.Span).ConsumerIdList;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), "get consumer list of group from broker failed: group={Group} broker={Broker}: {Reason}", ConsumerGroup, brokerAddr, e.Message);
            return null;
        }
    }
}
