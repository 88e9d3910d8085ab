using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Transaction;

/// <summary>
/// Transaction check-back (Java: TransactionalMessageCheckService + DefaultTransactionalMessageCheckListener).
/// Every check interval it walks the half queue from its progress offset: finished halves are skipped; a half older
/// than the transaction timeout is stored again with TRANSACTION_CHECK_TIMES + 1 and a CHECK_TRANSACTION_STATE is
/// sent to a live producer of its group, which answers with END_TRANSACTION for the new copy. Halves checked more
/// than the maximum number of times are given up.
/// </summary>
internal sealed class TransactionalMessageCheckService(BrokerController broker)
{
    /// <summary>The system group whose offset on the half queue records the check progress (as in Java).</summary>
    public const string CheckGroup = "CID_RMQ_SYS_TRANS";

    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.TransactionCheck");

    public async Task RunAsync()
    {
        var token = broker.RunningToken;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(broker.Config.TransactionCheckInterval, broker.Time, token).ConfigureAwait(false);
                CheckOnce();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "transaction check round failed");
            }
        }
    }

    /// <summary>One pass over the half queue.</summary>
    public void CheckOnce()
    {
        var store = broker.Store;
        var start = store.Now();
        var offset = Math.Max(0, broker.Offsets.QueryOffset(CheckGroup, Constants.TransHalfTopic, 0));
        var max = store.GetMaxOffsetInQueue(Constants.TransHalfTopic, 0);
        var timeoutMs = (long)broker.Config.TransactionTimeout.TotalMilliseconds;
        for (; offset < max; offset++)
        {
            if (!store.TryGetQueueEntry(Constants.TransHalfTopic, 0, offset, out var entry) || broker.Transactions.IsDone(offset))
            {
                continue;
            }

            if (entry.StoreTimestamp >= start)
            {
                break; // stored during this pass: next time
            }

            var record = store.ReadRecord(entry.CommitLogOffset);
            if (record.IsEmpty)
            {
                continue;
            }

            var half = MessageInner.FromRecord(record.Span);
            var immunity = long.TryParse(half.Properties.Get(PropertyKeys.CheckImmunityTimeInSeconds), out var seconds) ? seconds * 1000 : timeoutMs;
            if (start - half.BornTimestamp < immunity)
            {
                break; // the rest are younger still
            }

            var checkTimes = int.TryParse(half.Properties.Get(PropertyKeys.TransactionCheckTimes), out var t) ? t : 0;
            if (checkTimes >= broker.Config.TransactionCheckMax)
            {
                _logger.LogWarning("half message {Offset} checked {Times} times without an answer: given up", offset, checkTimes);
                broker.Transactions.MarkDone(offset);
                continue;
            }

            half.Properties.Put(PropertyKeys.TransactionCheckTimes, (checkTimes + 1).ToString(CultureInfo.InvariantCulture));
            half.IgnoreDelay = true;
            var copy = store.PutMessage(half);
            if (!copy.IsOk)
            {
                break;
            }

            SendCheck(half, copy);
        }

        broker.Offsets.CommitOffset("broker", CheckGroup, Constants.TransHalfTopic, 0, offset);
    }

    private void SendCheck(MessageInner half, PutMessageResult copy)
    {
        var group = half.Properties.Get(PropertyKeys.ProducerGroup);
        var channel = group is null ? null : broker.Producers.AvailableChannel(group);
        if (channel is null)
        {
            _logger.LogWarning("no live producer of group {Group} to check half message {Offset}", group, copy.CommitLogOffset);
            return;
        }

        var uniqueKey = half.Properties.Get(PropertyKeys.UniqueClientMessageIdKeyIndex) ?? "";
        var request = CommandHeaders.CreateRequest(RequestCode.CHECK_TRANSACTION_STATE, new CheckTransactionStateRequestHeader
        {
            TranStateTableOffset = copy.QueueOffset,
            CommitLogOffset = copy.CommitLogOffset,
            MsgId = uniqueKey,
            TransactionId = half.Properties.Get(PropertyKeys.TransactionId) ?? uniqueKey,
            OffsetMsgId = MessageEncoder.OffsetMessageId(broker.StoreHost, copy.CommitLogOffset),
        }, CheckBody(half, copy));
        request.MarkOneWay();
        _ = SendAsync(channel, request);
    }

    private byte[] CheckBody(MessageInner half, PutMessageResult copy)
    {
        // The client decodes the message as Java sends it: with its real topic and queue, at the copy's offsets.
        var record = broker.Store.ReadRecord(copy.CommitLogOffset);
        var message = MessageInner.FromRecord(record.Span);
        message.Topic = half.Properties.Get(PropertyKeys.RealTopic) ?? message.Topic;
        message.QueueId = int.TryParse(half.Properties.Get(PropertyKeys.RealQueueId), out var q) ? q : 0;
        var view = StoredMessage.Read(record.Span, out _);
        var output = new System.Buffers.ArrayBufferWriter<byte>(record.Length + 64);
        MessageEncoder.Encode(message, view.StoreTimestamp, output);
        var body = output.WrittenSpan.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(StoredMessage.QueueOffsetPosition), copy.QueueOffset);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(body.AsSpan(StoredMessage.CommitLogOffsetPosition), copy.CommitLogOffset);
        return body;
    }

    private async Task SendAsync(Client.IClientChannel channel, RemotingCommand request)
    {
        try
        {
            await channel.InvokeOneWay(request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "CHECK_TRANSACTION_STATE to {Remote} failed", channel.RemoteAddress);
        }
    }
}
