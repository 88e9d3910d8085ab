namespace RocketMQ.Go.Port.Broker.Namesrv;

/// <summary>
/// The name server's key-value store (Java: KVConfigManager): namespace to key to value, kept in memory as an
/// embedded name server keeps all its state. ORDER_TOPIC_CONFIG holds the order configurations of topics.
/// </summary>
internal sealed class KvConfigManager
{
    /// <summary>Java's NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG.</summary>
    public const string OrderTopicConfigNamespace = "ORDER_TOPIC_CONFIG";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, string>> _table = new(StringComparer.Ordinal);

    public void Put(string ns, string key, string value)
    {
        lock (_lock)
        {
            if (!_table.TryGetValue(ns, out var entries))
            {
                _table[ns] = entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            entries[key] = value;
        }
    }

    public void Delete(string ns, string key)
    {
        lock (_lock)
        {
            if (_table.TryGetValue(ns, out var entries))
            {
                entries.Remove(key);
            }
        }
    }

    public string? Get(string ns, string key)
    {
        lock (_lock)
        {
            return _table.TryGetValue(ns, out var entries) && entries.TryGetValue(key, out var value) ? value : null;
        }
    }

    /// <summary>Every entry of a namespace, or null when it has none.</summary>
    public Dictionary<string, string>? List(string ns)
    {
        lock (_lock)
        {
            return _table.TryGetValue(ns, out var entries) && entries.Count > 0 ? new Dictionary<string, string>(entries, StringComparer.Ordinal) : null;
        }
    }
}
