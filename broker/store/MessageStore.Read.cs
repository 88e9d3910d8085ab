using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>Reads: queue ranges for pulls, offsets and times for admin requests, and key queries.</summary>
internal sealed partial class MessageStore
{
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

            var view = StoredMessage.Read(record.Span, out _);
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
}
