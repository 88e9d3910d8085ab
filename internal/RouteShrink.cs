namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Which brokers a new route lacks that the cached one had: a broker group gone from the queue list, or a broker id
/// gone from a group's addresses (a master that died). Such a shrink is confirmed with another name server before
/// it is believed.
/// </summary>
internal static class RouteShrink
{
    /// <summary>A broker the new route lacks: a whole group (<see cref="BrokerId"/> null) or one broker id of it.</summary>
    internal readonly record struct DroppedBroker(string BrokerName, long? BrokerId)
    {
        /// <inheritdoc />
        public override string ToString() => BrokerId is { } id ? $"{BrokerName}[{id}]" : BrokerName;
    }

    /// <summary>What <paramref name="fresh"/> dropped of <paramref name="cached"/>; null when nothing.</summary>
    public static List<DroppedBroker>? Dropped(TopicRouteData cached, TopicRouteData fresh)
    {
        List<DroppedBroker>? dropped = null;
        foreach (var queue in cached.QueueDataList)
        {
            if (!fresh.QueueDataList.Exists(q => q.BrokerName == queue.BrokerName))
            {
                (dropped ??= []).Add(new DroppedBroker(queue.BrokerName, null));
            }
        }

        foreach (var broker in cached.BrokerDataList)
        {
            var now = fresh.BrokerDataList.Find(b => b.BrokerName == broker.BrokerName);
            foreach (var id in broker.BrokerAddresses.Keys)
            {
                if (now is null || !now.BrokerAddresses.ContainsKey(id))
                {
                    (dropped ??= []).Add(new DroppedBroker(broker.BrokerName, id));
                }
            }
        }

        return dropped;
    }

    /// <summary>True when <paramref name="route"/> has any of <paramref name="dropped"/>.</summary>
    public static bool StillLists(TopicRouteData route, List<DroppedBroker> dropped)
        => dropped.Exists(d => d.BrokerId is { } id
            ? route.BrokerDataList.Exists(b => b.BrokerName == d.BrokerName && b.BrokerAddresses.ContainsKey(id))
            : route.QueueDataList.Exists(q => q.BrokerName == d.BrokerName));
}
