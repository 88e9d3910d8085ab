using System.Text.Json;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Broadcasting offsets, kept in <c>&lt;dir&gt;/&lt;clientID&gt;/&lt;group&gt;/offset.json</c> (Go: offset_store.go
/// <c>localFileOffsetStore</c>). The directory is <see cref="ConsumerOptions.LocalOffsetStoreDir"/>, else the
/// <c>rocketmq.client.localOffsetStoreDir</c> environment variable, else <c>$HOME/.rocketmq_client_go</c>, as in Go.
/// The file has Go's format (each key is a queue's JSON text), so offsets written by a Go consumer are picked up.
/// <b>Fixes:</b> the file is written to offset.json.tmp, flushed and renamed over, keeping the old one as
/// <c>offset.json.bak</c> (<see cref="FileUtils.WriteToFile"/>), and an unreadable or corrupt file falls back to that
/// backup (Go looks for it at <c>offset.json/.bak</c>).
/// </summary>
public sealed class LocalFileOffsetStore : IOffsetStore
{
    /// <summary>Environment variable naming the base directory (Go: <c>rocketmq.client.localOffsetStoreDir</c>).</summary>
    public const string DirectoryVariable = "rocketmq.client.localOffsetStoreDir";

    private readonly string _group;
    private readonly ILogger _logger;
    private readonly OffsetTable _table = new();
    private readonly Lock _fileLock = new();

    /// <summary>Go: <c>NewLocalFileOffsetStore</c>; loads the file at once.</summary>
    internal LocalFileOffsetStore(string clientID, string group, ILogger logger, string? baseDirectory = null)
    {
        _group = group;
        _logger = logger;
        var root = baseDirectory;
        if (string.IsNullOrEmpty(root))
        {
            root = Environment.GetEnvironmentVariable(DirectoryVariable);
        }

        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rocketmq_client_go");
        }

        FilePath = Path.Combine(root, SafeName(clientID), SafeName(group), "offset.json");
        Load();
    }

    /// <summary>The offset file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public Task Persist(IReadOnlyCollection<MessageQueue> mqs, CancellationToken cancellationToken = default)
    {
        if (mqs.Count == 0)
        {
            return Task.CompletedTask;
        }

        lock (_fileLock)
        {
            try
            {
                FileUtils.WriteToFile(FilePath, Serialize(_table.Snapshot()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogError(e, "persist offset to {Path} failed: group={Group}", FilePath, _group);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Persist(MessageQueue mq, CancellationToken cancellationToken = default) => Persist([mq], cancellationToken);

    /// <inheritdoc />
    public void Remove(MessageQueue mq)
    {
        // As Go and Java: broadcasting keeps every queue's offset in the file.
    }

    /// <inheritdoc />
    public long ReadFromMemory(MessageQueue mq) => _table.Read(mq);

    /// <inheritdoc />
    public Task<long> ReadWithException(MessageQueue mq, ReadType type, CancellationToken cancellationToken = default)
    {
        if (type != ReadType.ReadFromStore)
        {
            var memory = _table.Read(mq);
            if (memory >= 0 || type == ReadType.ReadFromMemory)
            {
                return Task.FromResult(memory);
            }
        }

        Load();
        return Task.FromResult(_table.Read(mq));
    }

    /// <inheritdoc />
    public void Update(MessageQueue mq, long offset, bool increaseOnly) => _table.Update(mq, offset, increaseOnly);

    /// <inheritdoc />
    public Dictionary<MessageQueue, long> GetMQOffsetMap(string topic) => _table.Snapshot(topic);

    /// <summary>Go's file form: <c>{"offsetTable":{"{\"topic\":..,\"brokerName\":..,\"queueId\":..}":offset}}</c>.</summary>
    internal static byte[] Serialize(Dictionary<MessageQueue, long> offsets)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("offsetTable");
            writer.WriteStartObject();
            foreach (var (mq, offset) in offsets)
            {
                writer.WriteNumber(KeyOf(mq), offset);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads the file form; throws <see cref="JsonException"/> when malformed.</summary>
    internal static Dictionary<MessageQueue, long> Deserialize(ReadOnlySpan<byte> json)
    {
        var result = new Dictionary<MessageQueue, long>();
        using var document = JsonDocument.Parse(json.ToArray());
        if (!document.RootElement.TryGetProperty("offsetTable", out var table) || table.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var entry in table.EnumerateObject())
        {
            using var key = JsonDocument.Parse(entry.Name);
            var root = key.RootElement;
            var mq = new MessageQueue(
                root.GetProperty("topic").GetString() ?? string.Empty,
                root.GetProperty("brokerName").GetString() ?? string.Empty,
                root.GetProperty("queueId").GetInt32());
            result[mq] = entry.Value.GetInt64();
        }

        return result;
    }

    private static string KeyOf(MessageQueue mq)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", mq.Topic);
            writer.WriteString("brokerName", mq.BrokerName);
            writer.WriteNumber("queueId", mq.QueueId);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // Client ids hold '@' and instance names may hold '#' or ':'; keep the path portable.
    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Array.IndexOf(invalid, chars[i]) >= 0 || chars[i] == ':')
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    private void Load()
    {
        lock (_fileLock)
        {
            foreach (var path in new[] { FilePath, FilePath + ".bak" })
            {
                try
                {
                    if (!File.Exists(path))
                    {
                        continue;
                    }

                    foreach (var (mq, offset) in Deserialize(File.ReadAllBytes(path)))
                    {
                        _table.Update(mq, offset, increaseOnly: false);
                    }

                    return;
                }
                catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    _logger.LogWarning(e, "read local offset file {Path} failed, trying the backup", path);
                }
            }
        }
    }
}
