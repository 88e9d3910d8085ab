using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Broker.Topic;

/// <summary>
/// The broker's topics (Java: TopicConfigManager): system topics at start, auto-creation from TBW102 on first send,
/// retry and DLQ topics on send-back, admin create/delete; persisted to config/topics.json when the broker has a
/// store directory. <see cref="Changed"/> fires on every change so the broker re-registers with the name servers.
/// </summary>
internal sealed class TopicConfigManager
{
    /// <summary>Queues of SCHEDULE_TOPIC_XXXX: one per delay level.</summary>
    public const int ScheduleTopicQueueNum = 18;

    private readonly ConcurrentDictionary<string, TopicConfig> _table = new();
    private readonly Lock _lock = new();
    private readonly BrokerConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _file;

    public TopicConfigManager(BrokerConfig config, TimeProvider time, ILogger logger, string? configDirectory)
    {
        _config = config;
        _time = time;
        _logger = logger;
        _file = configDirectory is null ? null : Path.Combine(configDirectory, "topics.json");
        Add(new TopicConfig(Constants.SelfTestTopic, 1, 1));
        if (config.AutoCreateTopicEnable)
        {
            Add(new TopicConfig(Constants.DefaultTopic, config.DefaultTopicQueueNums, config.DefaultTopicQueueNums,
                PermName.Inherit | PermName.Read | PermName.Write));
        }

        Add(new TopicConfig("BenchmarkTest", 1024, 1024));
        Add(new TopicConfig(config.BrokerClusterName, perm: PermName.Inherit | PermName.Read | PermName.Write));
        Add(new TopicConfig(config.BrokerName, 1, 1, PermName.Inherit | PermName.Read | PermName.Write));
        Add(new TopicConfig(Constants.OffsetMovedEventTopic, 1, 1));
        Add(new TopicConfig(Constants.ScheduleTopic, ScheduleTopicQueueNum, ScheduleTopicQueueNum));
        Add(new TopicConfig(config.BrokerClusterName + "_REPLY_TOPIC", 1, 1));
    }

    /// <summary>The table's version.</summary>
    public DataVersion DataVersion { get; private set; } = new(0, 0);

    /// <summary>Raised after a topic is created, updated or deleted.</summary>
    public event Action? Changed;

    /// <summary>Every topic.</summary>
    public ICollection<TopicConfig> All => _table.Values;

    /// <summary>The topic's config, or null.</summary>
    public TopicConfig? Select(string topic) => _table.TryGetValue(topic, out var config) ? config : null;

    /// <summary>True for a topic configured as ordered.</summary>
    public bool IsOrderTopic(string topic) => Select(topic)?.Order ?? false;

    /// <summary>Loads the persisted table, replacing defaults with what was saved.</summary>
    public void Load()
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }

        var saved = JsonSerializer.Deserialize<TopicsFile>(File.ReadAllBytes(_file));
        if (saved?.TopicConfigTable is { } table)
        {
            foreach (var pair in table)
            {
                _table[pair.Key] = pair.Value;
            }
        }

        if (saved?.DataVersion is { } version)
        {
            DataVersion = version;
        }
    }

    /// <summary>
    /// Java's createTopicInSendMessageMethod: a new topic inherits from <paramref name="defaultTopic"/> (TBW102)
    /// when that topic carries the inherit bit, with min(client's default queue count, default topic's queues).
    /// </summary>
    public TopicConfig? CreateInSendMessage(string topic, string defaultTopic, string remoteAddress, int clientDefaultQueueNums, int topicSysFlag)
    {
        TopicConfig? created;
        lock (_lock)
        {
            if (_table.TryGetValue(topic, out var existing))
            {
                return existing;
            }

            if (!_table.TryGetValue(defaultTopic, out var template) || !PermName.IsInherited(template.Perm))
            {
                _logger.LogWarning("cannot create topic {Topic}: default topic {Default} is missing or not inheritable (producer {Remote})",
                    topic, defaultTopic, remoteAddress);
                return null;
            }

            var queues = Math.Max(0, Math.Min(clientDefaultQueueNums, template.WriteQueueNums));
            created = new TopicConfig(topic, queues, queues, template.Perm & ~PermName.Inherit)
            {
                TopicSysFlag = topicSysFlag,
                TopicFilterType = template.TopicFilterType,
            };
            Put(created);
        }

        _logger.LogInformation("created topic {Topic} from {Default} for {Remote}: {Config}", topic, defaultTopic, remoteAddress, created);
        OnChanged();
        return created;
    }

    /// <summary>Java's createTopicInSendMessageBackMethod: retry and DLQ topics.</summary>
    public TopicConfig CreateInSendMessageBack(string topic, int queueNums, int perm, int topicSysFlag)
    {
        TopicConfig created;
        lock (_lock)
        {
            if (_table.TryGetValue(topic, out var existing))
            {
                return existing;
            }

            created = new TopicConfig(topic, queueNums, queueNums, perm) { TopicSysFlag = topicSysFlag };
            Put(created);
        }

        OnChanged();
        return created;
    }

    /// <summary>Creates or replaces a topic (UPDATE_AND_CREATE_TOPIC).</summary>
    public void Update(TopicConfig config)
    {
        lock (_lock)
        {
            Put(config);
        }

        OnChanged();
    }

    /// <summary>Removes a topic; true when it existed.</summary>
    public bool Delete(string topic)
    {
        bool removed;
        lock (_lock)
        {
            removed = _table.TryRemove(topic, out _);
            if (removed)
            {
                DataVersion = DataVersion.Next(_time.GetUtcNow().ToUnixTimeMilliseconds());
                Persist();
            }
        }

        if (removed)
        {
            OnChanged();
        }

        return removed;
    }

    /// <summary>A copy of the table and its version, for REGISTER_BROKER and GET_ALL_TOPIC_CONFIG.</summary>
    public (Dictionary<string, TopicConfig> Table, DataVersion Version) Snapshot()
    {
        lock (_lock)
        {
            var table = new Dictionary<string, TopicConfig>(_table.Count);
            foreach (var pair in _table)
            {
                table[pair.Key] = pair.Value.Clone();
            }

            return (table, DataVersion);
        }
    }

    private void Add(TopicConfig config) => _table[config.TopicName] = config;

    private void Put(TopicConfig config)
    {
        _table[config.TopicName] = config;
        DataVersion = DataVersion.Next(_time.GetUtcNow().ToUnixTimeMilliseconds());
        Persist();
    }

    /// <summary>
    /// Announces the table again under a new data version, so name servers take in what the registration derives
    /// from broker settings (the broker permission); Java re-registers with the old version, which name servers ignore.
    /// </summary>
    public void Touch()
    {
        lock (_lock)
        {
            DataVersion = DataVersion.Next(_time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        OnChanged();
    }

    private void OnChanged()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception e)
        {
            _logger.LogError(e, "topic change listener failed");
        }
    }

    private void Persist()
    {
        if (_file is not null)
        {
            ConfigFile.WriteAtomically(_file, JsonSerializer.SerializeToUtf8Bytes(new TopicsFile { DataVersion = DataVersion, TopicConfigTable = new(_table) }));
        }
    }

    private sealed class TopicsFile
    {
        [JsonPropertyName("dataVersion")]
        public DataVersion? DataVersion { get; set; }

        [JsonPropertyName("topicConfigTable")]
        public Dictionary<string, TopicConfig>? TopicConfigTable { get; set; }
    }
}
