using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The queues a producer may send to for one topic (Go: route.go <c>TopicPublishInfo</c>), derived from the route
/// with <see cref="FromRouteData"/>.
/// </summary>
internal sealed class TopicPublishInfo
{
    private int _topicQueueIndex;

    /// <summary>True when the route came from an orderTopicConf.</summary>
    public bool OrderTopic { get; init; }

    /// <summary>True once the route was fetched from a name server (set by the route refresher).</summary>
    public bool HaveTopicRouterInfo { get; set; }

    /// <summary>Writeable queues (Go: <c>MqList</c>).</summary>
    public IReadOnlyList<MessageQueue> MqList { get; init; } = [];

    /// <summary>The route this was derived from.</summary>
    public TopicRouteData? RouteData { get; init; }

    /// <summary>Go: <c>isOK</c>: at least one queue.</summary>
    public bool IsOK => MqList.Count > 0;

    /// <summary>Round-robin queue index, thread-safe (Go: <c>fetchQueueIndex</c>); -1 when there are no queues.</summary>
    public int FetchQueueIndex()
    {
        var count = MqList.Count;
        if (count == 0)
        {
            return -1;
        }

        // Unsigned modulo: the counter may wrap negative after 2^31 sends.
        return (int)((uint)Interlocked.Increment(ref _topicQueueIndex) % (uint)count);
    }

    /// <summary>
    /// Go: <c>routeData2PublishInfo</c> (Java: topicRouteData2TopicPublishInfo). With an orderTopicConf, its
    /// "broker:count" pairs give the queues; otherwise every writeable queue data whose broker has a master,
    /// brokers in name order. Unlike Go, the route's own list is not re-sorted in place.
    /// </summary>
    public static TopicPublishInfo FromRouteData(string topic, TopicRouteData route)
    {
        var queues = new List<MessageQueue>();
        if (!string.IsNullOrEmpty(route.OrderTopicConf))
        {
            foreach (var broker in route.OrderTopicConf.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = broker.Split(':');
                if (parts.Length == 2 && int.TryParse(parts[1], out var nums))
                {
                    for (var i = 0; i < nums; i++)
                    {
                        queues.Add(new MessageQueue(topic, parts[0], i));
                    }
                }
            }

            return new TopicPublishInfo { OrderTopic = true, MqList = queues, RouteData = route };
        }

        var ordered = new List<QueueData>(route.QueueDataList);
        ordered.Sort(static (a, b) => string.CompareOrdinal(a.BrokerName, b.BrokerName));
        foreach (var qd in ordered)
        {
            if (!Perm.IsWriteable(qd.Perm) || route.FindBroker(qd.BrokerName)?.MasterAddress is null)
            {
                continue;
            }

            for (var i = 0; i < qd.WriteQueueNums; i++)
            {
                queues.Add(new MessageQueue(topic, qd.BrokerName, i));
            }
        }

        return new TopicPublishInfo { OrderTopic = false, MqList = queues, RouteData = route };
    }
}
