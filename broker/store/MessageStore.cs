using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// The message store (Java: DefaultMessageStore): the commit log, a consume queue per topic and queue, and the key
/// index. A put encodes outside the lock, then under the lock assigns the queue offset and commit-log offset,
/// appends, and dispatches to the consume queue and index at once, so a message is pullable the moment the put
/// returns and long polls are woken without any polling interval.
/// </summary>
internal sealed partial class MessageStore : IAsyncDisposable
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _scratch;

    private readonly MessageStoreConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _putLock = new();
    private readonly ConcurrentDictionary<(string Topic, int QueueId), ConsumeQueue> _queues = new();
    private readonly CommitLog _commitLog;
    private readonly CommitLogFile? _file;
    private volatile bool _shutdown;

    public MessageStore(MessageStoreConfig config, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        _config = config;
        _time = time ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("RocketMQ.Broker.Store");
        _commitLog = new CommitLog(config.ChunkSize);
        DelayLevels = new DelayLevels(config.MessageDelayLevel);
        Stats = new StoreStatsService(_time);
        if (config.StoreDirectory is { } dir)
        {
            _file = new CommitLogFile(Path.Combine(dir, "commitlog"), config.FlushDiskType, _logger);
        }
    }

    /// <summary>The delay-level table.</summary>
    public DelayLevels DelayLevels { get; }

    /// <summary>Put and get counters and rates (GET_BROKER_RUNTIME_INFO).</summary>
    public StoreStatsService Stats { get; }

    /// <summary>The key index.</summary>
    public IndexService Index { get; } = new();

    /// <summary>Told about every dispatched message (long polling).</summary>
    public IMessageArrivingListener? ArrivingListener { get; set; }

    /// <summary>The clock.</summary>
    public TimeProvider Time => _time;

    /// <summary>First commit-log offset still held.</summary>
    public long MinPhysicalOffset => _commitLog.MinOffset;

    /// <summary>Next commit-log offset.</summary>
    public long MaxPhysicalOffset => _commitLog.MaxOffset;

    /// <summary>Now, in Java milliseconds.</summary>
    public long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Recovers the commit log from disk (when configured) and rebuilds queues and index.</summary>
    public void Load()
    {
        if (_file is null)
        {
            return;
        }

        var count = 0;
        _file.Recover(_config.MaxMessageSize + 64 * 1024, record =>
        {
            _commitLog.Append(record.Span);
            Dispatch(record.Span, recovering: true);
            count++;
        });
        _file.Start(_commitLog);
        _logger.LogInformation("recovered {Count} messages ({Bytes} bytes) from {Dir}", count, _commitLog.MaxOffset, _config.StoreDirectory);
    }

    /// <summary>Completes when the records of <paramref name="result"/> are durable per the flush policy.</summary>
    public Task WhenDurable(PutMessageResult result)
        => _file is null || !result.IsOk ? Task.CompletedTask : _file.WhenWritten(result.CommitLogOffset + result.WroteBytes);

    /// <summary>Drops a topic's consume queues (Java: cleanUnusedTopic / deleteTopics).</summary>
    public void DeleteTopic(string topic)
    {
        lock (_putLock)
        {
            foreach (var key in _queues.Keys)
            {
                if (key.Topic == topic)
                {
                    _queues.TryRemove(key, out _);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown = true;
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ConsumeQueue GetOrCreateQueue(string topic, int queueId)
        => _queues.TryGetValue((topic, queueId), out var queue) ? queue : _queues.GetOrAdd((topic, queueId), k => new ConsumeQueue(k.Topic, k.QueueId));
}
