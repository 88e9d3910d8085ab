using RocketMQ.Go.Port.Primitive;
using Body = RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Topic names known to the name servers (Go: admin <c>TopicList</c>). Go's field <c>TopicList</c> is
/// <see cref="Topics"/> here: C# forbids a member named like its type.
/// </summary>
/// <param name="Topics">Topic names as stored (namespaced names keep their prefix).</param>
/// <param name="BrokerAddr">The answering broker, when a broker answered (Go: <c>BrokerAddr</c>).</param>
public sealed record TopicList(IReadOnlyList<string> Topics, string? BrokerAddr)
{
    internal static TopicList From(Body.TopicList body) => new(body.Topics, body.BrokerAddr);
}

/// <summary>A data version: change time and counter (Go: admin <c>DataVersion</c>).</summary>
/// <param name="Timestamp">Epoch ms of the last change.</param>
/// <param name="Counter">Change count.</param>
public sealed record DataVersion(long Timestamp, long Counter);

/// <summary>Every consumer group configuration of one broker (Go: admin <c>SubscriptionGroupWrapper</c>).</summary>
/// <param name="SubscriptionGroupTable">Group name to configuration.</param>
/// <param name="DataVersion">Version of the table.</param>
public sealed record SubscriptionGroupWrapper(IReadOnlyDictionary<string, SubscriptionGroupConfig> SubscriptionGroupTable, DataVersion DataVersion)
{
    internal static SubscriptionGroupWrapper From(Body.SubscriptionGroupWrapper body)
    {
        var table = new Dictionary<string, SubscriptionGroupConfig>(body.SubscriptionGroupTable.Count, StringComparer.Ordinal);
        foreach (var (name, c) in body.SubscriptionGroupTable)
        {
            table[name] = new SubscriptionGroupConfig(c.GroupName, c.ConsumeEnable, c.ConsumeFromMinEnable, c.ConsumeBroadcastEnable,
                c.RetryMaxTimes, c.RetryQueueNums, c.BrokerId, c.WhichBrokerWhenConsumeSlowly, c.NotifyConsumerIdsChangedEnable);
        }

        return new SubscriptionGroupWrapper(table, new DataVersion(body.DataVersion.Timestamp, body.DataVersion.Counter));
    }
}

/// <summary>A consumer group's configuration on a broker (Go: admin <c>SubscriptionGroupConfig</c>).</summary>
/// <param name="GroupName">Group name.</param>
/// <param name="ConsumeEnable">Consumption allowed.</param>
/// <param name="ConsumeFromMinEnable">A new group starts from the min offset.</param>
/// <param name="ConsumeBroadcastEnable">Broadcasting allowed.</param>
/// <param name="RetryMaxTimes">Retries before the dead-letter queue.</param>
/// <param name="RetryQueueNums">Queues of the retry topic.</param>
/// <param name="BrokerId">Broker id to consume from.</param>
/// <param name="WhichBrokerWhenConsumeSlowly">Broker id to switch to when consumption lags.</param>
/// <param name="NotifyConsumerIdsChangedEnable">Members are told when the group changes.</param>
public sealed record SubscriptionGroupConfig(
    string GroupName,
    bool ConsumeEnable,
    bool ConsumeFromMinEnable,
    bool ConsumeBroadcastEnable,
    int RetryMaxTimes,
    int RetryQueueNums,
    long BrokerId,
    long WhichBrokerWhenConsumeSlowly,
    bool NotifyConsumerIdsChangedEnable);

/// <summary>
/// The brokers and clusters the name servers know (Java admin: <c>examineBrokerClusterInfo</c>; Go lacks it).
/// </summary>
/// <param name="Brokers">Broker name to its group.</param>
/// <param name="Clusters">Cluster name to its broker names.</param>
public sealed record BrokerClusterInfo(IReadOnlyDictionary<string, BrokerInfo> Brokers, IReadOnlyDictionary<string, IReadOnlyList<string>> Clusters)
{
    internal static BrokerClusterInfo From(Body.ClusterInfo body)
    {
        var brokers = new Dictionary<string, BrokerInfo>(body.BrokerAddrTable.Count, StringComparer.Ordinal);
        foreach (var (name, data) in body.BrokerAddrTable)
        {
            brokers[name] = BrokerInfo.From(data);
        }

        var clusters = new Dictionary<string, IReadOnlyList<string>>(body.ClusterAddrTable.Count, StringComparer.Ordinal);
        foreach (var (cluster, names) in body.ClusterAddrTable)
        {
            clusters[cluster] = names;
        }

        return new BrokerClusterInfo(brokers, clusters);
    }
}

/// <summary>One broker group: its cluster, name and addresses by broker id (0 is the master).</summary>
/// <param name="Cluster">Cluster name.</param>
/// <param name="BrokerName">Broker name.</param>
/// <param name="BrokerAddrs">Broker id to "host:port".</param>
public sealed record BrokerInfo(string Cluster, string BrokerName, IReadOnlyDictionary<long, string> BrokerAddrs)
{
    /// <summary>The master's address, or null when the master is offline.</summary>
    public string? MasterAddr => BrokerAddrs.TryGetValue(0, out var addr) ? addr : null;

    internal static BrokerInfo From(Body.BrokerData data) => new(data.Cluster, data.BrokerName, new Dictionary<long, string>(data.BrokerAddresses));
}

/// <summary>The answer of <see cref="IAdmin.QueryMessageByKey"/> (Java: <c>QueryResult</c>).</summary>
/// <param name="IndexLastUpdateTimestamp">Newest index update time among the brokers asked, epoch ms.</param>
/// <param name="Messages">Messages whose keys contain the key asked for.</param>
public sealed record QueryResult(long IndexLastUpdateTimestamp, IReadOnlyList<MessageExt> Messages);
