using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// The message store (Java: DefaultMessageStore): the commit log, a consume queue per topic and queue, and the key
/// index. A put encodes outside the lock, then under the lock assigns the queue offset and commit-log offset,
/// appends, and dispatches to the consume queue and index at once, so a message is pullable the moment the put
/// returns and long polls are woken without any polling interval.
/// </summary>
internal sealed class MessageStore : IAsyncDisposable
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

    /// <summary>Stores one message (Java: putMessage). Delayed messages go to SCHEDULE_TOPIC_XXXX.</summary>
    public PutMessageResult PutMessage(MessageInner message)
    {
        if (_shutdown)
        {
            return PutMessageResult.ServiceNotAvailable;
        }

        if (message.Body.Length > _config.MaxMessageSize)
        {
            return PutMessageResult.MessageIllegal;
        }

        var tranType = MessageSysFlag.GetTransactionValue(message.SysFlag);
        if (tranType is MessageSysFlag.TransactionNotType or MessageSysFlag.TransactionCommitType && !message.IgnoreDelay && message.DelayTimeLevel > 0)
        {
            RewriteForDelay(message);
        }

        var started = Stopwatch.GetTimestamp();
        var scratch = Scratch();
        var storeTimestamp = Now();
        var length = MessageEncoder.Encode(message, storeTimestamp, scratch);
        if (length < 0)
        {
            return PutMessageResult.PropertiesSizeExceeded;
        }

        Appended appended;
        lock (_putLock)
        {
            appended = AppendLocked(message.Topic, message.QueueId, Writable(scratch, 0, length));
        }

        NotifyArrival(appended);
        Stats.RecordPut(1, length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new PutMessageResult
        {
            Status = PutMessageStatus.PutOk,
            CommitLogOffset = appended.Offset,
            QueueOffset = appended.QueueOffset,
            WroteBytes = length,
            MessageCount = 1,
            StoreTimestamp = storeTimestamp,
            Topic = message.Topic,
            QueueId = message.QueueId,
        };
    }

    /// <summary>
    /// Stores a batch (Java: putMessages): <paramref name="batchBody"/> holds the items in the batch wire format and
    /// <paramref name="template"/> carries topic, queue, hosts and the batch's own properties.
    /// </summary>
    public PutMessageResult PutMessages(MessageInner template, ReadOnlySpan<byte> batchBody)
    {
        if (_shutdown)
        {
            return PutMessageResult.ServiceNotAvailable;
        }

        if (batchBody.Length > _config.MaxMessageSize)
        {
            return PutMessageResult.MessageIllegal;
        }

        var started = Stopwatch.GetTimestamp();
        var scratch = Scratch();
        var storeTimestamp = Now();
        var lengths = new List<int>();
        var rest = batchBody;
        while (!rest.IsEmpty)
        {
            if (!TryReadBatchItem(ref rest, out var flag, out var body, out var properties))
            {
                return PutMessageResult.MessageIllegal;
            }

            var before = scratch.WrittenCount;
            if (MessageEncoder.Encode(template, flag, body, properties, storeTimestamp, scratch) < 0)
            {
                return PutMessageResult.PropertiesSizeExceeded;
            }

            lengths.Add(scratch.WrittenCount - before);
        }

        if (lengths.Count == 0)
        {
            return PutMessageResult.MessageIllegal;
        }

        var appended = new Appended[lengths.Count];
        lock (_putLock)
        {
            var position = 0;
            for (var i = 0; i < lengths.Count; i++)
            {
                appended[i] = AppendLocked(template.Topic, template.QueueId, Writable(scratch, position, lengths[i]));
                position += lengths[i];
            }
        }

        var offsets = new long[appended.Length];
        for (var i = 0; i < appended.Length; i++)
        {
            offsets[i] = appended[i].Offset;
            NotifyArrival(appended[i]);
        }

        Stats.RecordPut(appended.Length, scratch.WrittenCount, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        return new PutMessageResult
        {
            Status = PutMessageStatus.PutOk,
            CommitLogOffset = offsets[0],
            QueueOffset = appended[0].QueueOffset,
            WroteBytes = scratch.WrittenCount,
            MessageCount = offsets.Length,
            StoreTimestamp = storeTimestamp,
            BatchOffsets = offsets,
            Topic = template.Topic,
            QueueId = template.QueueId,
        };
    }

    /// <summary>Completes when the records of <paramref name="result"/> are durable per the flush policy.</summary>
    public Task WhenDurable(PutMessageResult result)
        => _file is null || !result.IsOk ? Task.CompletedTask : _file.WhenWritten(result.CommitLogOffset + result.WroteBytes);

    /// <summary>Reads up to <paramref name="maxMsgNums"/> messages from a queue (Java: getMessage).</summary>
    public GetMessageResult GetMessage(string topic, int queueId, long offset, int maxMsgNums, IMessageFilter? filter)
    {
        var result = new GetMessageResult { NextBeginOffset = offset };
        if (!_queues.TryGetValue((topic, queueId), out var queue))
        {
            result.Status = GetMessageStatus.NoMatchedLogicQueue;
            result.NextBeginOffset = 0;
            return result;
        }

        var min = queue.MinOffset;
        var max = queue.MaxOffset;
        result.MinOffset = min;
        result.MaxOffset = max;
        if (max == 0)
        {
            result.Status = GetMessageStatus.NoMessageInQueue;
            result.NextBeginOffset = 0;
        }
        else if (offset < min)
        {
            result.Status = GetMessageStatus.OffsetTooSmall;
            result.NextBeginOffset = min;
        }
        else if (offset == max)
        {
            result.Status = GetMessageStatus.OffsetOverflowOne;
        }
        else if (offset > max)
        {
            result.Status = GetMessageStatus.OffsetOverflowBadly;
            result.NextBeginOffset = max;
        }
        else
        {
            ReadRange(queue, offset, maxMsgNums, filter, result);
        }

        Stats.RecordGet(result.MessageCount);
        return result;
    }

    /// <summary>The next offset of a queue (0 when it doesn't exist).</summary>
    public long GetMaxOffsetInQueue(string topic, int queueId)
        => _queues.TryGetValue((topic, queueId), out var q) ? q.MaxOffset : 0;

    /// <summary>The first offset still held.</summary>
    public long GetMinOffsetInQueue(string topic, int queueId)
        => _queues.TryGetValue((topic, queueId), out var q) ? q.MinOffset : 0;

    /// <summary>The first offset stored at or after <paramref name="timestamp"/>.</summary>
    public long GetOffsetInQueueByTime(string topic, int queueId, long timestamp)
        => _queues.TryGetValue((topic, queueId), out var q) ? q.OffsetByTime(timestamp) : 0;

    /// <summary>The consume-queue entry at <paramref name="offset"/>.</summary>
    public bool TryGetQueueEntry(string topic, int queueId, long offset, out ConsumeQueueEntry entry)
    {
        entry = default;
        return _queues.TryGetValue((topic, queueId), out var q) && q.TryGet(offset, out entry);
    }

    /// <summary>Store time of the message at <paramref name="offset"/>, or 0.</summary>
    public long GetMessageStoreTimestamp(string topic, int queueId, long offset)
        => TryGetQueueEntry(topic, queueId, offset, out var entry) ? entry.StoreTimestamp : 0;

    /// <summary>Store time of the oldest message still held, epoch ms (Java: getEarliestMessageTime); 0 when empty.</summary>
    public long GetEarliestMessageTime()
    {
        long earliest = 0;
        foreach (var queue in _queues.Values)
        {
            if (queue.MaxOffset > queue.MinOffset && queue.TryGet(queue.MinOffset, out var entry) && (earliest == 0 || entry.StoreTimestamp < earliest))
            {
                earliest = entry.StoreTimestamp;
            }
        }

        return earliest;
    }

    /// <summary>The record at a commit-log offset (Java: lookMessageByOffset), or empty.</summary>
    public ReadOnlyMemory<byte> ReadRecord(long commitLogOffset) => _commitLog.ReadRecord(commitLogOffset);

    /// <summary>Queues that exist for <paramref name="topic"/>.</summary>
    public IEnumerable<ConsumeQueue> QueuesOf(string topic)
    {
        foreach (var pair in _queues)
        {
            if (pair.Key.Topic == topic)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>Every topic with a consume queue.</summary>
    public IReadOnlyCollection<string> Topics()
    {
        var topics = new HashSet<string>();
        foreach (var key in _queues.Keys)
        {
            topics.Add(key.Topic);
        }

        return topics;
    }

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

    /// <summary>
    /// Messages of <paramref name="topic"/> carrying <paramref name="key"/> (in KEYS or as UNIQ_KEY) stored within
    /// [begin, end], newest first (Java: queryMessage).
    /// </summary>
    public List<ReadOnlyMemory<byte>> QueryMessage(string topic, string key, int maxNum, long begin, long end)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var topicBytes = Encoding.UTF8.GetBytes(topic);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        foreach (var offset in Index.Query(topic, key, maxNum * 4, begin, end))
        {
            var record = _commitLog.ReadRecord(offset);
            if (record.IsEmpty)
            {
                continue;
            }

            var view = new StoredMessageView(record.Span);
            if (view.Topic.SequenceEqual(topicBytes) && HasKey(view.Properties, keyBytes))
            {
                found.Add(record);
                if (found.Count >= maxNum)
                {
                    break;
                }
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown = true;
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ArrayBufferWriter<byte> Scratch()
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(64 * 1024);
        if (scratch.Capacity > 16 * 1024 * 1024)
        {
            scratch = _scratch = new ArrayBufferWriter<byte>(64 * 1024); // don't pin a huge buffer after a big batch
        }

        scratch.ResetWrittenCount();
        return scratch;
    }

    private static bool HasKey(ReadOnlySpan<byte> properties, ReadOnlySpan<byte> key)
    {
        if (PropertyScanner.TryFind(properties, "UNIQ_KEY"u8, out var unique) && unique.SequenceEqual(key))
        {
            return true;
        }

        if (!PropertyScanner.TryFind(properties, "KEYS"u8, out var keys))
        {
            return false;
        }

        foreach (var range in keys.Split((byte)' '))
        {
            if (keys[range].SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryReadBatchItem(ref ReadOnlySpan<byte> rest, out int flag, out ReadOnlySpan<byte> body, out ReadOnlySpan<byte> properties)
    {
        // Batch item: totalSize, magic, bodyCRC, flag, bodyLength, body, int16 propertiesLength, properties.
        flag = 0;
        body = properties = default;
        if (rest.Length < 20)
        {
            return false;
        }

        var total = BinaryPrimitives.ReadInt32BigEndian(rest);
        if (total < 22 || total > rest.Length)
        {
            return false;
        }

        var item = rest[..total];
        flag = BinaryPrimitives.ReadInt32BigEndian(item[12..]);
        var bodyLength = BinaryPrimitives.ReadInt32BigEndian(item[16..]);
        if (bodyLength < 0 || 20 + bodyLength + 2 > total)
        {
            return false;
        }

        body = item.Slice(20, bodyLength);
        var propertiesLength = BinaryPrimitives.ReadInt16BigEndian(item[(20 + bodyLength)..]);
        if (propertiesLength < 0 || 22 + bodyLength + propertiesLength != total)
        {
            return false;
        }

        properties = item.Slice(22 + bodyLength, propertiesLength);
        rest = rest[total..];
        return true;
    }

    private void RewriteForDelay(MessageInner message)
    {
        var level = message.DelayTimeLevel;
        if (level > DelayLevels.MaxLevel)
        {
            level = DelayLevels.MaxLevel;
            message.Properties.Put(MessageConst.DelayTimeLevel, level.ToString(CultureInfo.InvariantCulture));
        }

        if (message.DeferredWait is { } wait)
        {
            message.Properties.Put(MessageConst.WaitStoreMsgOk.AsMemory(), wait);
            message.DeferredWait = null;
        }

        message.Properties.Put(MessageConst.RealTopic, message.Topic);
        message.Properties.Put(MessageConst.RealQueueId, message.QueueId.ToString(CultureInfo.InvariantCulture));
        message.Topic = SystemTopics.Schedule;
        message.QueueId = DelayLevels.QueueId(level);
    }

    private static Span<byte> Writable(ArrayBufferWriter<byte> scratch, int start, int length)
        => System.Runtime.InteropServices.MemoryMarshal.AsMemory(scratch.WrittenMemory).Span.Slice(start, length);

    private Appended AppendLocked(string topic, int queueId, Span<byte> record)
    {
        var offset = _commitLog.MaxOffset;
        long queueOffset = 0;
        ConsumeQueue? queue = null;
        var tranType = MessageSysFlag.GetTransactionValue(BinaryPrimitives.ReadInt32BigEndian(record[StoredMessageView.SysFlagPosition..]));
        if (tranType is MessageSysFlag.TransactionNotType or MessageSysFlag.TransactionCommitType)
        {
            queue = GetOrCreateQueue(topic, queueId);
            queueOffset = queue.MaxOffset;
        }

        BinaryPrimitives.WriteInt64BigEndian(record[StoredMessageView.QueueOffsetPosition..], queueOffset);
        BinaryPrimitives.WriteInt64BigEndian(record[StoredMessageView.PhysicalOffsetPosition..], offset);
        _commitLog.Append(record);
        var tagsCode = queue is null ? 0 : DispatchTo(queue, record, offset);
        return new Appended(offset, queueOffset, record.Length, queue, tagsCode);
    }

    private void Dispatch(ReadOnlySpan<byte> record, bool recovering)
    {
        var view = new StoredMessageView(record);
        var tranType = MessageSysFlag.GetTransactionValue(view.SysFlag);
        if (tranType is not (MessageSysFlag.TransactionNotType or MessageSysFlag.TransactionCommitType))
        {
            return;
        }

        var queue = GetOrCreateQueue(Encoding.UTF8.GetString(view.Topic), view.QueueId);
        if (recovering && view.QueueOffset != queue.MaxOffset)
        {
            // A topic deleted and created again restarts at 0; a gap means queue entries were dropped.
            queue = new ConsumeQueue(queue.Topic, queue.QueueId);
            _queues[(queue.Topic, queue.QueueId)] = queue;
            queue.StartAt(view.QueueOffset);
        }

        DispatchTo(queue, record, view.CommitLogOffset);
    }

    private long DispatchTo(ConsumeQueue queue, ReadOnlySpan<byte> record, long offset)
    {
        var view = new StoredMessageView(record);
        var properties = view.Properties;
        long tagsCode;
        if (queue.Topic == SystemTopics.Schedule)
        {
            tagsCode = DelayLevels.DeliverTimestamp(queue.QueueId + 1, view.StoreTimestamp);
        }
        else
        {
            tagsCode = PropertyScanner.TagsCode(properties);
        }

        queue.Append(new ConsumeQueueEntry(offset, record.Length, tagsCode, view.StoreTimestamp));
        if (PropertyScanner.TryFind(properties, "UNIQ_KEY"u8, out var unique))
        {
            IndexValue(queue.Topic, unique, offset, view.StoreTimestamp, split: false);
        }

        if (PropertyScanner.TryFind(properties, "KEYS"u8, out var keys))
        {
            IndexValue(queue.Topic, keys, offset, view.StoreTimestamp, split: true);
        }

        return tagsCode;
    }

    private void IndexValue(string topic, ReadOnlySpan<byte> utf8, long offset, long timestamp, bool split)
    {
        Span<char> chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var count = PropertyScanner.Decode(utf8, chars);
        if (split)
        {
            Index.AddKeys(topic, chars[..count], offset, timestamp);
        }
        else
        {
            Index.Add(topic, chars[..count], offset, timestamp);
        }
    }

    private void NotifyArrival(in Appended appended)
    {
        var listener = ArrivingListener;
        if (listener is null || appended.Queue is not { } queue)
        {
            return;
        }

        try
        {
            listener.Arriving(queue.Topic, queue.QueueId, appended.QueueOffset + 1, appended.TagsCode, appended.Offset, appended.Size);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "message arrival listener failed for {Topic}:{QueueId}", queue.Topic, queue.QueueId);
        }
    }

    private ConsumeQueue GetOrCreateQueue(string topic, int queueId)
        => _queues.TryGetValue((topic, queueId), out var queue) ? queue : _queues.GetOrAdd((topic, queueId), k => new ConsumeQueue(k.Topic, k.QueueId));

    private void ReadRange(ConsumeQueue queue, long offset, int maxMsgNums, IMessageFilter? filter, GetMessageResult result)
    {
        result.Status = GetMessageStatus.NoMatchedMessage;
        var max = queue.MaxOffset;
        var maxFilterCount = Math.Max(16000 / 20, maxMsgNums);
        var maxCount = Math.Min(maxMsgNums, _config.MaxTransferCountOnMessageInMemory);
        long i = offset;
        for (; i < max && i - offset < maxFilterCount; i++)
        {
            if (!queue.TryGet(i, out var entry))
            {
                break;
            }

            if (result.MessageCount >= maxCount
                || (result.MessageCount > 0 && result.BufferTotalSize + entry.Size > _config.MaxTransferBytesOnMessageInMemory))
            {
                break;
            }

            if (filter is not null && !filter.IsMatchedByConsumeQueue(entry.TagsCode))
            {
                continue;
            }

            var record = _commitLog.Read(entry.CommitLogOffset, entry.Size);
            if (record.IsEmpty)
            {
                if (result.MessageCount == 0)
                {
                    result.Status = GetMessageStatus.MessageWasRemoving;
                }

                continue;
            }

            if (filter is not null && !filter.IsMatchedByCommitLog(record.Span))
            {
                continue;
            }

            result.Add(record);
            result.Status = GetMessageStatus.Found;
        }

        result.NextBeginOffset = i;
    }

    private readonly record struct Appended(long Offset, long QueueOffset, int Size, ConsumeQueue? Queue, long TagsCode);
}
