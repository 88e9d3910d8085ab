using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>Puts: a message or a batch is encoded outside the lock, then appended and dispatched under it.</summary>
internal sealed partial class MessageStore
{
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
            message.Properties.Put(PropertyKeys.DelayTimeLevel, level.ToString(CultureInfo.InvariantCulture));
        }

        if (message.DeferredWait is { } wait)
        {
            message.Properties.Put(PropertyKeys.WaitStoreMsgOk.AsMemory(), wait);
            message.DeferredWait = null;
        }

        message.Properties.Put(PropertyKeys.RealTopic, message.Topic);
        message.Properties.Put(PropertyKeys.RealQueueId, message.QueueId.ToString(CultureInfo.InvariantCulture));
        message.Topic = Constants.ScheduleTopic;
        message.QueueId = DelayLevels.QueueId(level);
    }

    private static Span<byte> Writable(ArrayBufferWriter<byte> scratch, int start, int length)
        => System.Runtime.InteropServices.MemoryMarshal.AsMemory(scratch.WrittenMemory).Span.Slice(start, length);

    private Appended AppendLocked(string topic, int queueId, Span<byte> record)
    {
        var offset = _commitLog.MaxOffset;
        long queueOffset = 0;
        ConsumeQueue? queue = null;
        var tranType = MessageSysFlag.GetTransactionValue(BinaryPrimitives.ReadInt32BigEndian(record[StoredMessage.SysFlagPosition..]));
        if (tranType is MessageSysFlag.TransactionNotType or MessageSysFlag.TransactionCommitType)
        {
            queue = GetOrCreateQueue(topic, queueId);
            queueOffset = queue.MaxOffset;
        }

        BinaryPrimitives.WriteInt64BigEndian(record[StoredMessage.QueueOffsetPosition..], queueOffset);
        BinaryPrimitives.WriteInt64BigEndian(record[StoredMessage.CommitLogOffsetPosition..], offset);
        _commitLog.Append(record);
        var tagsCode = queue is null ? 0 : DispatchTo(queue, record, offset);
        return new Appended(offset, queueOffset, record.Length, queue, tagsCode);
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


    private readonly record struct Appended(long Offset, long QueueOffset, int Size, ConsumeQueue? Queue, long TagsCode);
}
