using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Broker.Offset;

/// <summary>
/// Committed consumer offsets per "topic@group" and queue (Java: ConsumerOffsetManager). Persisted as JSON with an
/// atomic replace, periodically and on shutdown, when the broker has a store directory.
/// </summary>
internal sealed class ConsumerOffsetManager
{
    private const char Separator = '@';

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> _table = new();
    private readonly ILogger _logger;
    private readonly string? _file;
    private readonly Lock _persistLock = new();
    private int _dirty;

    public ConsumerOffsetManager(ILogger logger, string? configDirectory)
    {
        _logger = logger;
        _file = configDirectory is null ? null : Path.Combine(configDirectory, "consumerOffset.json");
    }

    /// <summary>Records a commit (UPDATE_CONSUMER_OFFSET, or a pull's commitOffset).</summary>
    public void CommitOffset(string clientHost, string group, string topic, int queueId, long offset)
    {
        _table.GetOrAdd(topic + Separator + group, _ => new ConcurrentDictionary<int, long>())[queueId] = offset;
        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>The committed offset, or -1 when none.</summary>
    public long QueryOffset(string group, string topic, int queueId)
        => _table.TryGetValue(topic + Separator + group, out var queues) && queues.TryGetValue(queueId, out var offset) ? offset : -1;

    /// <summary>Every queue's committed offset of a group on a topic.</summary>
    public IReadOnlyDictionary<int, long> QueryOffsets(string group, string topic)
        => _table.TryGetValue(topic + Separator + group, out var queues) ? new Dictionary<int, long>(queues) : new Dictionary<int, long>();

    /// <summary>Topics a group has offsets for (Java: whichTopicByConsumer).</summary>
    public HashSet<string> TopicsOfGroup(string group)
    {
        var topics = new HashSet<string>();
        foreach (var key in _table.Keys)
        {
            var at = key.LastIndexOf(Separator);
            if (at > 0 && key.AsSpan(at + 1).SequenceEqual(group))
            {
                topics.Add(key[..at]);
            }
        }

        return topics;
    }

    /// <summary>Groups that have offsets on a topic (Java: whichGroupByTopic).</summary>
    public HashSet<string> GroupsOfTopic(string topic)
    {
        var groups = new HashSet<string>();
        foreach (var key in _table.Keys)
        {
            var at = key.LastIndexOf(Separator);
            if (at > 0 && key.AsSpan(0, at).SequenceEqual(topic))
            {
                groups.Add(key[(at + 1)..]);
            }
        }

        return groups;
    }

    /// <summary>Forgets a topic's offsets (topic deleted).</summary>
    public void RemoveTopic(string topic)
    {
        foreach (var key in _table.Keys)
        {
            if (key.StartsWith(topic + Separator, StringComparison.Ordinal))
            {
                _table.TryRemove(key, out _);
            }
        }

        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>Forgets every offset of a group (Java: removeOffset, DELETE_SUBSCRIPTIONGROUP with removeOffset).</summary>
    public void RemoveGroup(string group)
    {
        foreach (var key in _table.Keys)
        {
            if (key.EndsWith(Separator + group, StringComparison.Ordinal))
            {
                _table.TryRemove(key, out _);
            }
        }

        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>Copies a group's offsets on a topic to another group (Java: cloneOffset).</summary>
    public void CloneOffset(string srcGroup, string destGroup, string topic)
    {
        if (_table.TryGetValue(topic + Separator + srcGroup, out var offsets))
        {
            _table[topic + Separator + destGroup] = new ConcurrentDictionary<int, long>(offsets);
            Volatile.Write(ref _dirty, 1);
        }
    }

    /// <summary>Loads the persisted offsets.</summary>
    public void Load()
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }

        var saved = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, Dictionary<int, long>>>>(File.ReadAllBytes(_file));
        if (saved is not null && saved.TryGetValue("offsetTable", out var table))
        {
            foreach (var pair in table)
            {
                _table[pair.Key] = new ConcurrentDictionary<int, long>(pair.Value);
            }
        }
    }

    /// <summary>Writes the offsets when they changed since the last write.</summary>
    public void Persist(bool force = false)
    {
        if (_file is null || (Interlocked.Exchange(ref _dirty, 0) == 0 && !force))
        {
            return;
        }

        lock (_persistLock)
        {
            var table = new Dictionary<string, Dictionary<int, long>>();
            foreach (var pair in _table)
            {
                table[pair.Key] = new Dictionary<int, long>(pair.Value);
            }

            try
            {
                ConfigFile.WriteAtomically(_file, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["offsetTable"] = table }));
            }
            catch (IOException e)
            {
                Volatile.Write(ref _dirty, 1);
                _logger.LogError(e, "persisting consumer offsets to {File} failed", _file);
            }
        }
    }
}
