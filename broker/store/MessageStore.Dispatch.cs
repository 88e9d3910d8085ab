using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>Dispatch (Java: CommitLogDispatcher): a stored record becomes a consume-queue entry and key-index entries.</summary>
internal sealed partial class MessageStore
{
    private void Dispatch(ReadOnlySpan<byte> record, bool recovering)
    {
        var view = StoredMessage.Read(record, out _);
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
        var view = StoredMessage.Read(record, out _);
        var properties = view.Properties;
        long tagsCode;
        if (queue.Topic == Constants.ScheduleTopic)
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
}
