using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A topic's route from the name server: which brokers hold its queues (Go: route.go <c>TopicRouteData</c>;
/// body of GET_ROUTEINFO_BY_TOPIC). Parsed with the tolerant reader, so both 4.9.8's quoted broker ids and older
/// name servers' unquoted ones (<c>{0:"addr"}</c>) read; written the way 4.9.8 writes it.
/// </summary>
internal sealed class TopicRouteData : IRemotingBody<TopicRouteData>
{
    /// <summary>Ordered-topic configuration "brokerName:queueNums;..." (KV config), or null.</summary>
    public string? OrderTopicConf { get; set; }

    /// <summary>Queues per broker (JSON <c>queueDatas</c>; Go: <c>QueueDataList</c>).</summary>
    public List<QueueData> QueueDataList { get; set; } = [];

    /// <summary>Broker groups (JSON <c>brokerDatas</c>; Go: <c>BrokerDataList</c>).</summary>
    public List<BrokerData> BrokerDataList { get; set; } = [];

    /// <summary>Filter servers per broker address (JSON <c>filterServerTable</c>); kept so the body round-trips.</summary>
    public Dictionary<string, List<string>> FilterServerTable { get; set; } = [];

    /// <summary>Go: <c>TopicRouteData.decode</c>.</summary>
    public static TopicRouteData Decode(ReadOnlySpan<byte> body) => Read(FastJson.ParseObject(body));

    internal static TopicRouteData Read(FastJsonObject obj)
    {
        var route = new TopicRouteData { OrderTopicConf = obj.GetString("orderTopicConf") };
        if (obj.GetArray("queueDatas") is { } queues)
        {
            foreach (var q in queues)
            {
                route.QueueDataList.Add(QueueData.Read(q.AsObject()));
            }
        }

        if (obj.GetArray("brokerDatas") is { } brokers)
        {
            foreach (var b in brokers)
            {
                route.BrokerDataList.Add(BrokerData.Read(b.AsObject()));
            }
        }

        if (obj.GetObject("filterServerTable") is { } filters)
        {
            foreach (var entry in filters)
            {
                route.FilterServerTable[entry.Name ?? entry.Key.ToString()] = BodyJson.ReadStrings(entry.Value.IsNull ? null : entry.Value.AsArray());
            }
        }

        return route;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, route) => route.Write(w));

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("brokerDatas");
        writer.WriteStartArray();
        foreach (var broker in BrokerDataList)
        {
            broker.Write(writer);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("filterServerTable");
        writer.WriteStartObject();
        foreach (var (addr, servers) in FilterServerTable)
        {
            BodyJson.WriteStrings(writer, addr, servers);
        }

        writer.WriteEndObject();
        writer.WriteString("orderTopicConf", OrderTopicConf);
        writer.WritePropertyName("queueDatas");
        writer.WriteStartArray();
        foreach (var queue in QueueDataList)
        {
            queue.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A deep copy (Go's <c>clone</c> copies only the slices, sharing the elements).</summary>
    public TopicRouteData Clone() => new()
    {
        OrderTopicConf = OrderTopicConf,
        QueueDataList = QueueDataList.ConvertAll(q => q.Clone()),
        BrokerDataList = BrokerDataList.ConvertAll(b => b.Clone()),
        FilterServerTable = FilterServerTable.ToDictionary(kv => kv.Key, kv => new List<string>(kv.Value)),
    };

    /// <summary>
    /// True when both routes name the same brokers and queues regardless of list order (Go:
    /// <c>topicRouteDataIsChange</c> negated, which sorts both by broker name before comparing).
    /// </summary>
    public bool SameRouteAs(TopicRouteData? other)
    {
        if (other is null || OrderTopicConf != other.OrderTopicConf
            || QueueDataList.Count != other.QueueDataList.Count || BrokerDataList.Count != other.BrokerDataList.Count)
        {
            return false;
        }

        return SortedEqual(QueueDataList, other.QueueDataList, static q => q.BrokerName)
            && SortedEqual(BrokerDataList, other.BrokerDataList, static b => b.BrokerName);
    }

    /// <summary>The queues a consumer may read (Java: topicRouteData2TopicSubscribeInfo): readable queue data only.</summary>
    public List<MessageQueue> ToSubscribeQueues(string topic)
    {
        var queues = new List<MessageQueue>();
        foreach (var qd in QueueDataList)
        {
            if (!Perm.IsReadable(qd.Perm))
            {
                continue;
            }

            for (var i = 0; i < qd.ReadQueueNums; i++)
            {
                queues.Add(new MessageQueue(topic, qd.BrokerName, i));
            }
        }

        return queues;
    }

    /// <summary>The broker group named <paramref name="brokerName"/>, or null.</summary>
    public BrokerData? FindBroker(string brokerName)
    {
        foreach (var broker in BrokerDataList)
        {
            if (broker.BrokerName == brokerName)
            {
                return broker;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString()
        => $"TopicRouteData [orderTopicConf={OrderTopicConf}, queueDatas=[{string.Join(", ", QueueDataList)}], brokerDatas=[{string.Join(", ", BrokerDataList)}]]";

    private static bool SortedEqual<T>(List<T> a, List<T> b, Func<T, string> key)
        where T : IEquatable<T>
    {
        var left = a.OrderBy(key, StringComparer.Ordinal).ToList();
        var right = b.OrderBy(key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < left.Count; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
