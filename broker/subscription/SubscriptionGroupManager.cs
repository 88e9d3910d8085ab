using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Broker.Subscription;

/// <summary>
/// Consumer groups known to the broker (Java: SubscriptionGroupManager), auto-created on first use when enabled.
/// With a store directory every change - an auto-created group included, as in Java - is written at once to
/// config/subscriptionGroup.json (Java's layout: subscriptionGroupTable and dataVersion) and read back on start.
/// </summary>
internal sealed class SubscriptionGroupManager
{
    private readonly ConcurrentDictionary<string, SubscriptionGroupConfig> _table = new();
    private readonly Lock _lock = new();
    private readonly bool _autoCreate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _file;
    private DataVersion _version = new(0, 0);

    public SubscriptionGroupManager(bool autoCreate, TimeProvider? time = null, ILogger? logger = null, string? configDirectory = null)
    {
        _autoCreate = autoCreate;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _file = configDirectory is null ? null : Path.Combine(configDirectory, "subscriptionGroup.json");
    }

    /// <summary>Every group.</summary>
    public ICollection<SubscriptionGroupConfig> All => _table.Values;

    /// <summary>The group's config; created with defaults (and persisted) when auto-creation is on, else null.</summary>
    public SubscriptionGroupConfig? Find(string group)
    {
        if (_table.TryGetValue(group, out var config))
        {
            return config;
        }

        if (!_autoCreate)
        {
            return null;
        }

        lock (_lock)
        {
            if (_table.TryGetValue(group, out config))
            {
                return config;
            }

            config = new SubscriptionGroupConfig { GroupName = group };
            _table[group] = config;
            ChangedLocked();
        }

        _logger.LogInformation("auto-created subscription group {Group}", group);
        return config;
    }

    /// <summary>Creates or replaces a group (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).</summary>
    public void Update(SubscriptionGroupConfig config)
    {
        lock (_lock)
        {
            _table[config.GroupName] = config;
            ChangedLocked();
        }
    }

    /// <summary>Deletes a group; true when it existed (DELETE_SUBSCRIPTIONGROUP).</summary>
    public bool Delete(string group)
    {
        lock (_lock)
        {
            if (!_table.TryRemove(group, out _))
            {
                return false;
            }

            ChangedLocked();
            return true;
        }
    }

    /// <summary>A copy of the table and its version (GET_ALL_SUBSCRIPTIONGROUP_CONFIG).</summary>
    public (Dictionary<string, SubscriptionGroupConfig> Table, DataVersion Version) Snapshot()
    {
        lock (_lock)
        {
            return (new Dictionary<string, SubscriptionGroupConfig>(_table), _version);
        }
    }

    /// <summary>Reads the persisted groups; a corrupt file stops the start with the reason rather than being replaced.</summary>
    public void Load()
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }

        GroupsFile? saved;
        try
        {
            saved = JsonSerializer.Deserialize<GroupsFile>(File.ReadAllBytes(_file));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"subscription group file {_file} is not valid JSON: {e.Message}", e);
        }

        lock (_lock)
        {
            foreach (var pair in saved?.SubscriptionGroupTable ?? [])
            {
                if (!string.IsNullOrEmpty(pair.Key) && pair.Value is not null)
                {
                    pair.Value.GroupName = pair.Key;
                    _table[pair.Key] = pair.Value;
                }
            }

            _version = saved?.DataVersion ?? _version;
        }

        _logger.LogInformation("loaded {Count} subscription groups from {File}", _table.Count, _file);
    }

    private void ChangedLocked()
    {
        _version = _version.Next(_time.GetUtcNow().ToUnixTimeMilliseconds());
        if (_file is null)
        {
            return;
        }

        try
        {
            ConfigFile.WriteAtomically(_file, JsonSerializer.SerializeToUtf8Bytes(new GroupsFile { SubscriptionGroupTable = new(_table), DataVersion = _version }));
        }
        catch (IOException e)
        {
            _logger.LogError(e, "persisting subscription groups to {File} failed", _file);
        }
    }

    private sealed class GroupsFile
    {
        [JsonPropertyName("subscriptionGroupTable")]
        public Dictionary<string, SubscriptionGroupConfig>? SubscriptionGroupTable { get; set; }

        [JsonPropertyName("dataVersion")]
        public DataVersion? DataVersion { get; set; }
    }
}
