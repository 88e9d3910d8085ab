using System.Buffers;
using System.Text.Json;
using RocketMQ.Go.Port.Broker.Topic;
using DataVersion = RocketMQ.Go.Port.Internal.DataVersion;

namespace RocketMQ.Go.Port.Broker.Namesrv;

/// <summary>
/// The name server's routing tables (Java: RouteInfoManager): brokers by name and cluster, queue data per topic
/// and broker, and when each broker last registered. Bodies are written as the 4.9.8 name server writes them
/// (fastjson: fields in alphabetical order, map keys quoted).
/// </summary>
internal sealed class RouteInfoManager(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BrokerEntry> _brokers = new();
    private readonly Dictionary<string, SortedSet<string>> _clusters = new();
    private readonly Dictionary<string, Dictionary<string, TopicConfig>> _topics = new();
    private readonly Dictionary<string, LiveInfo> _live = new();

    /// <summary>
    /// Registers (or refreshes) a broker with its topics (Java: registerBroker). The topic table is replaced only
    /// when the broker's data version changed, as in Java.
    /// </summary>
    public void Register(string cluster, string brokerAddr, string brokerName, long brokerId, DataVersion version,
        IReadOnlyDictionary<string, TopicConfig> topics, object? channel)
    {
        lock (_lock)
        {
            if (!_clusters.TryGetValue(cluster, out var names))
            {
                _clusters[cluster] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.Add(brokerName);
            if (!_brokers.TryGetValue(brokerName, out var broker))
            {
                _brokers[brokerName] = broker = new BrokerEntry(cluster, brokerName);
            }

            broker.Addresses[brokerId] = brokerAddr;
            var changed = !_live.TryGetValue(brokerAddr, out var previous)
                || previous.Version.Counter != version.Counter || previous.Version.Timestamp != version.Timestamp;
            _live[brokerAddr] = new LiveInfo(time.GetUtcNow().ToUnixTimeMilliseconds(), version, channel, brokerName);
            if (changed && brokerId == 0)
            {
                foreach (var perTopic in _topics.Values)
                {
                    perTopic.Remove(brokerName);
                }

                foreach (var (name, config) in topics)
                {
                    if (!_topics.TryGetValue(name, out var perBroker))
                    {
                        _topics[name] = perBroker = new Dictionary<string, TopicConfig>();
                    }

                    perBroker[brokerName] = config;
                }

                RemoveEmptyTopics();
            }
        }
    }

    /// <summary>Forgets a broker address (UNREGISTER_BROKER, closed connection, or expiry).</summary>
    public void Unregister(string brokerAddr)
    {
        lock (_lock)
        {
            if (!_live.Remove(brokerAddr, out var info))
            {
                return;
            }

            if (_brokers.TryGetValue(info.BrokerName, out var broker))
            {
                foreach (var (id, addr) in broker.Addresses.ToArray())
                {
                    if (addr == brokerAddr)
                    {
                        broker.Addresses.Remove(id);
                    }
                }

                if (broker.Addresses.Count == 0)
                {
                    _brokers.Remove(info.BrokerName);
                    if (_clusters.TryGetValue(broker.Cluster, out var names))
                    {
                        names.Remove(info.BrokerName);
                        if (names.Count == 0)
                        {
                            _clusters.Remove(broker.Cluster);
                        }
                    }

                    foreach (var perTopic in _topics.Values)
                    {
                        perTopic.Remove(info.BrokerName);
                    }

                    RemoveEmptyTopics();
                }
            }
        }
    }

    /// <summary>Unregisters the brokers that registered over <paramref name="channel"/>.</summary>
    public void ChannelClosed(object channel)
    {
        List<string> gone = [];
        lock (_lock)
        {
            foreach (var (addr, info) in _live)
            {
                if (ReferenceEquals(info.Channel, channel))
                {
                    gone.Add(addr);
                }
            }
        }

        foreach (var addr in gone)
        {
            Unregister(addr);
        }
    }

    /// <summary>Drops brokers that did not register within <paramref name="expiry"/> (Java: scanNotActiveBroker).</summary>
    public List<string> ScanNotActiveBrokers(TimeSpan expiry)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        List<string> expired = [];
        lock (_lock)
        {
            foreach (var (addr, info) in _live)
            {
                if (now - info.LastUpdate > (long)expiry.TotalMilliseconds)
                {
                    expired.Add(addr);
                }
            }
        }

        foreach (var addr in expired)
        {
            Unregister(addr);
        }

        return expired;
    }

    /// <summary>Drops a topic everywhere (DELETE_TOPIC_IN_NAMESRV).</summary>
    public void DeleteTopic(string topic)
    {
        lock (_lock)
        {
            _topics.Remove(topic);
        }
    }

    /// <summary>
    /// Clears (or sets) the write bit of every queue of <paramref name="brokerName"/> (Java:
    /// wipeWritePermOfBrokerByLock / addWritePermOfBrokerByLock); returns how many topics changed. The broker's next
    /// registration with a new data version replaces the change, as in Java.
    /// </summary>
    public int SetWritePerm(string brokerName, bool writable)
    {
        lock (_lock)
        {
            var changed = 0;
            foreach (var perBroker in _topics.Values)
            {
                if (perBroker.TryGetValue(brokerName, out var config))
                {
                    var copy = config.Clone();
                    copy.Perm = writable ? config.Perm | PermName.Write : config.Perm & ~PermName.Write;
                    perBroker[brokerName] = copy;
                    changed++;
                }
            }

            return changed;
        }
    }

    /// <summary>The route body of a topic, or null when no live broker serves it.</summary>
    public byte[]? TopicRoute(string topic, string? orderTopicConf = null)
    {
        lock (_lock)
        {
            if (!_topics.TryGetValue(topic, out var perBroker) || perBroker.Count == 0)
            {
                return null;
            }

            var output = new ArrayBufferWriter<byte>(512);
            using var json = new Utf8JsonWriter(output);
            json.WriteStartObject();
            json.WriteStartArray("brokerDatas");
            foreach (var name in perBroker.Keys.Order(StringComparer.Ordinal))
            {
                if (_brokers.TryGetValue(name, out var broker))
                {
                    WriteBrokerData(json, broker);
                }
            }

            json.WriteEndArray();
            json.WriteStartObject("filterServerTable");
            json.WriteEndObject();
            if (orderTopicConf is not null)
            {
                json.WriteString("orderTopicConf", orderTopicConf);
            }

            json.WriteStartArray("queueDatas");
            foreach (var (name, config) in perBroker.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("brokerName", name);
                json.WriteNumber("perm", config.Perm);
                json.WriteNumber("readQueueNums", config.ReadQueueNums);
                json.WriteNumber("topicSysFlag", config.TopicSysFlag);
                json.WriteNumber("writeQueueNums", config.WriteQueueNums);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            return output.WrittenSpan.ToArray();
        }
    }

    /// <summary>GET_BROKER_CLUSTER_INFO's body (Java: ClusterInfo).</summary>
    public byte[] ClusterInfo()
    {
        lock (_lock)
        {
            var output = new ArrayBufferWriter<byte>(512);
            using var json = new Utf8JsonWriter(output);
            json.WriteStartObject();
            json.WriteStartObject("brokerAddrTable");
            foreach (var (name, broker) in _brokers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(name);
                WriteBrokerData(json, broker);
            }

            json.WriteEndObject();
            json.WriteStartObject("clusterAddrTable");
            foreach (var (cluster, names) in _clusters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(cluster);
                foreach (var name in names)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            return output.WrittenSpan.ToArray();
        }
    }

    /// <summary>Every topic with a route (GET_ALL_TOPIC_LIST_FROM_NAMESERVER).</summary>
    public List<string> AllTopics()
    {
        lock (_lock)
        {
            return _topics.Keys.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Topics served by a cluster's brokers (GET_TOPICS_BY_CLUSTER).</summary>
    public List<string> TopicsOfCluster(string cluster)
    {
        lock (_lock)
        {
            if (!_clusters.TryGetValue(cluster, out var names))
            {
                return [];
            }

            return _topics.Where(t => t.Value.Keys.Any(names.Contains)).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Clusters and broker names (system topic list).</summary>
    public List<string> ClusterAndBrokerNames()
    {
        lock (_lock)
        {
            return _clusters.Keys.Concat(_brokers.Keys).ToList();
        }
    }

    /// <summary>Addresses currently registered.</summary>
    public List<string> LiveBrokerAddresses()
    {
        lock (_lock)
        {
            return _live.Keys.ToList();
        }
    }

    /// <summary>Topics list body: {"topicList":[...]}.</summary>
    public static byte[] TopicListBody(IEnumerable<string> topics, string? brokerAddr = null)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        if (brokerAddr is not null)
        {
            json.WriteString("brokerAddr", brokerAddr);
        }

        json.WriteStartArray("topicList");
        foreach (var topic in topics)
        {
            json.WriteStringValue(topic);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static void WriteBrokerData(Utf8JsonWriter json, BrokerEntry broker)
    {
        json.WriteStartObject();
        json.WriteStartObject("brokerAddrs");
        foreach (var (id, addr) in broker.Addresses.OrderBy(p => p.Key))
        {
            json.WriteString(id.ToString(System.Globalization.CultureInfo.InvariantCulture), addr);
        }

        json.WriteEndObject();
        json.WriteString("brokerName", broker.BrokerName);
        json.WriteString("cluster", broker.Cluster);
        json.WriteEndObject();
    }

    private void RemoveEmptyTopics()
    {
        foreach (var (topic, perBroker) in _topics.ToArray())
        {
            if (perBroker.Count == 0)
            {
                _topics.Remove(topic);
            }
        }
    }

    private sealed class BrokerEntry(string cluster, string brokerName)
    {
        public string Cluster { get; } = cluster;

        public string BrokerName { get; } = brokerName;

        public SortedDictionary<long, string> Addresses { get; } = new();
    }

    private readonly record struct LiveInfo(long LastUpdate, DataVersion Version, object? Channel, string BrokerName);
}
