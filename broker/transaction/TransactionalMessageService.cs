using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Transaction;

/// <summary>
/// Half messages (Java: TransactionalMessageServiceImpl + TransactionalMessageBridge). A prepared message is
/// stored in RMQ_SYS_TRANS_HALF_TOPIC with its destination in REAL_TOPIC/REAL_QID, invisible to consumers.
/// END_TRANSACTION commit stores it under its real topic; commit and rollback both write an op message (body = the
/// half's queue offset) to RMQ_SYS_TRANS_OP_HALF_TOPIC, which is how finished halves are recognised - also after a
/// restart, since both topics live in the commit log.
/// </summary>
internal sealed class TransactionalMessageService(MessageStore store, TopicConfigManager topics, ILogger logger)
{
    private readonly HashSet<long> _done = [];
    private readonly Lock _lock = new();
    private long _opRead;

    /// <summary>Stores a half message (Java: prepareMessage / parseHalfMessageInner).</summary>
    public PutMessageResult Prepare(MessageInner message)
    {
        EnsureTopics();
        if (message.DeferredWait is { } wait)
        {
            message.Properties.Put(PropertyKeys.WaitStoreMsgOk.AsMemory(), wait);
            message.DeferredWait = null;
        }

        message.Properties.Put(PropertyKeys.RealTopic, message.Topic);
        message.Properties.Put(PropertyKeys.RealQueueId, message.QueueId.ToString(CultureInfo.InvariantCulture));
        message.SysFlag = MessageSysFlag.ResetTransactionValue(message.SysFlag, MessageSysFlag.TransactionNotType);
        message.Topic = Constants.TransHalfTopic;
        message.QueueId = 0;
        return store.PutMessage(message);
    }

    /// <summary>The half record at a commit-log offset, or empty when it is not a half message.</summary>
    public ReadOnlyMemory<byte> LookupHalf(long commitLogOffset)
    {
        var record = store.ReadRecord(commitLogOffset);
        if (record.IsEmpty || !StoredMessage.IsExact(record.Span))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return StoredMessage.Read(record.Span, out _).Topic.SequenceEqual("RMQ_SYS_TRANS_HALF_TOPIC"u8) ? record : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>True when the half at this queue offset was already committed or rolled back.</summary>
    public bool IsDone(long halfQueueOffset)
    {
        lock (_lock)
        {
            CatchUpOps();
            return _done.Contains(halfQueueOffset);
        }
    }

    /// <summary>Commits a half: stores it under its real topic (Java: endMessageTransaction), then marks it done.</summary>
    public PutMessageResult Commit(ReadOnlySpan<byte> halfRecord)
    {
        var half = StoredMessage.Read(halfRecord, out _);
        var message = MessageInner.FromRecord(halfRecord);
        message.Topic = message.Properties.Get(PropertyKeys.RealTopic) ?? message.Topic;
        message.QueueId = int.TryParse(message.Properties.Get(PropertyKeys.RealQueueId), out var q) ? q : 0;
        message.SysFlag = MessageSysFlag.ResetTransactionValue(message.SysFlag, MessageSysFlag.TransactionCommitType);
        message.PreparedTransactionOffset = half.CommitLogOffset;
        message.IgnoreDelay = true;
        var result = store.PutMessage(message);
        if (result.IsOk)
        {
            MarkDone(half.QueueOffset);
        }

        return result;
    }

    /// <summary>Marks a half done without delivering it (rollback, or given up after too many checks).</summary>
    public void MarkDone(long halfQueueOffset)
    {
        EnsureTopics();
        var op = new MessageInner
        {
            Topic = Constants.TransOpHalfTopic,
            QueueId = 0,
            Body = Encoding.UTF8.GetBytes(halfQueueOffset.ToString(CultureInfo.InvariantCulture)),
            BornTimestamp = store.Now(),
        };
        op.Properties.Put(PropertyKeys.Tags, "d");
        op.Properties.Put(PropertyKeys.WaitStoreMsgOk, "false");
        var result = store.PutMessage(op);
        if (!result.IsOk)
        {
            logger.LogWarning("writing the op message for half {Offset} failed: {Status}", halfQueueOffset, result.Status);
        }

        lock (_lock)
        {
            _done.Add(halfQueueOffset);
        }
    }

    private void CatchUpOps()
    {
        var max = store.GetMaxOffsetInQueue(Constants.TransOpHalfTopic, 0);
        for (; _opRead < max; _opRead++)
        {
            if (!store.TryGetQueueEntry(Constants.TransOpHalfTopic, 0, _opRead, out var entry))
            {
                continue;
            }

            var record = store.ReadRecord(entry.CommitLogOffset);
            if (!record.IsEmpty && long.TryParse(Encoding.UTF8.GetString(StoredMessage.Read(record.Span, out _).Body), out var done))
            {
                _done.Add(done);
            }
        }
    }

    private void EnsureTopics()
    {
        topics.CreateInSendMessageBack(Constants.TransHalfTopic, 1, PermName.Read | PermName.Write, 0);
        topics.CreateInSendMessageBack(Constants.TransOpHalfTopic, 1, PermName.Read | PermName.Write, 0);
    }
}
