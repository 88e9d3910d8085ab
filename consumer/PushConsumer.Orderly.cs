using System.Diagnostics;
using System.Globalization;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>Orderly consumption (Go: <c>consumeMessageOrderly</c>; behaviour of Java's ConsumeMessageOrderlyService).</summary>
internal sealed partial class PushConsumer
{
    private static readonly TimeSpan MinSuspend = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxSuspend = TimeSpan.FromSeconds(30);

    // One worker holds a queue at a time (the queue's mutex) and takes its messages in offset order until none is
    // left, the lock is lost, the queue is suspended or the time slice ends.
    private async Task ConsumeMessageOrderly(ProcessQueue pq, MessageQueue mq)
    {
        if (pq.IsDropped)
        {
            return;
        }

        var stopping = StoppingToken;
        var queueLock = _queueLock.FetchLock(mq);
        await queueLock.WaitAsync(stopping).ConfigureAwait(false);
        try
        {
            var clustering = Options.ConsumerModel == MessageModel.Clustering;
            if (clustering && (!pq.IsLocked || pq.IsLockExpired))
            {
                if (!pq.IsDropped)
                {
                    TryLockLaterAndReconsume(pq, mq, TimeSpan.FromMilliseconds(100));
                }

                return;
            }

            var begin = Stopwatch.GetTimestamp();
            while (!pq.IsDropped && !stopping.IsCancellationRequested)
            {
                if (clustering && (!pq.IsLocked || pq.IsLockExpired))
                {
                    Logger.LogWarning("the message queue not locked or lock expired, so consume later: {MessageQueue}", mq);
                    TryLockLaterAndReconsume(pq, mq, TimeSpan.FromMilliseconds(10));
                    return;
                }

                if (Stopwatch.GetElapsedTime(begin) > Options.MaxTimeConsumeContinuously)
                {
                    SubmitConsumeRequestLater(pq, mq, MinSuspend);
                    return;
                }

                var msgs = pq.TakeMessages(Options.ConsumeMessageBatchMaxSize);
                if (msgs.Count == 0)
                {
                    return;
                }

                var handler = FindHandler(mq, msgs);
                ResetRetryAndNamespace(msgs);
                var orderlyCtx = new ConsumeOrderlyContext { MQ = mq, AutoCommit = Options.AutoCommit };
                var ctx = new CallContext
                {
                    CancellationToken = _handlerCancellation.Token,
                    Method = CommunicationMode.ConsumerPush,
                    ConsumerCtx = new ConsumeMessageContext { ConsumerGroup = ConsumerGroup, MQ = mq, Msgs = msgs },
                    OrderlyCtx = orderlyCtx,
                };

                var started = Stopwatch.GetTimestamp();
                bool continueConsume;

                // The handler and its commit both run under the consume lock: a rebalance that takes the queue away
                // waits for the lock, so it persists the offset this batch committed and nobody else sees the batch.
                await pq.ConsumeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    if (pq.IsDropped)
                    {
                        return;
                    }

                    var (result, error) = await ConsumeInner(ctx, msgs, handler).ConfigureAwait(false);
                    Stats.IncreaseConsumeRT(ConsumerGroup, mq.Topic, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (error is not null || result == ConsumeResult.ConsumeRetryLater)
                    {
                        // Java: an exception or no status suspends; Go leaves a ConsumeRetryLater batch in limbo.
                        if (error is not null)
                        {
                            Logger.LogWarning(error, "consumeMessage orderly error: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                        }

                        result = ConsumeResult.SuspendCurrentQueueAMoment;
                    }

                    continueConsume = await ProcessOrderlyResult(msgs, result, orderlyCtx, pq, mq).ConfigureAwait(false);
                }
                finally
                {
                    pq.ConsumeLock.Release();
                }

                if (!continueConsume)
                {
                    return;
                }
            }
        }
        finally
        {
            queueLock.Release();
        }
    }

    // Java: processConsumeResult; returns whether to continue with the queue's next messages.
    private async Task<bool> ProcessOrderlyResult(List<MessageExt> msgs, ConsumeResult result, ConsumeOrderlyContext context, ProcessQueue pq, MessageQueue mq)
    {
        var commitOffset = -1L;
        var continueConsume = true;
        var suspend = context.SuspendCurrentQueueTimeMillis >= 0 ? TimeSpan.FromMilliseconds(context.SuspendCurrentQueueTimeMillis) : Options.SuspendCurrentQueueTime;
        if (context.AutoCommit)
        {
            switch (result)
            {
                case ConsumeResult.Commit:
                case ConsumeResult.Rollback:
                    Logger.LogWarning("the message queue consume result is illegal with auto commit, we think you want to ack these messages: {MessageQueue}", mq);
                    goto case ConsumeResult.ConsumeSuccess;
                case ConsumeResult.ConsumeSuccess:
                    commitOffset = pq.Commit();
                    Stats.IncreaseConsumeOKTPS(ConsumerGroup, mq.Topic, msgs.Count);
                    break;
                default:
                    continueConsume = !await SuspendToConsumeAgain(pq, mq, msgs, suspend).ConfigureAwait(false);
                    if (continueConsume)
                    {
                        commitOffset = pq.Commit();
                    }

                    break;
            }
        }
        else
        {
            switch (result)
            {
                case ConsumeResult.ConsumeSuccess:
                    Stats.IncreaseConsumeOKTPS(ConsumerGroup, mq.Topic, msgs.Count);
                    break;
                case ConsumeResult.Commit:
                    commitOffset = pq.Commit();
                    break;
                case ConsumeResult.Rollback:
                    pq.Rollback();
                    SubmitConsumeRequestLater(pq, mq, suspend);
                    continueConsume = false;
                    break;
                default:
                    continueConsume = !await SuspendToConsumeAgain(pq, mq, msgs, suspend).ConfigureAwait(false);
                    break;
            }
        }

        if (commitOffset >= 0)
        {
            // Under the consume lock: a dropped queue's release persists after this.
            Storage.Update(mq, commitOffset, increaseOnly: false);
        }

        return continueConsume;
    }

    /// <summary>
    /// A failed orderly batch: true when its messages go back into the queue to be consumed again after
    /// <paramref name="suspend"/>; false when every one of them was retried as often as allowed and was sent back to
    /// the broker (Java: the same two outcomes of <c>checkReconsumeTimes</c>).
    /// </summary>
    private async Task<bool> SuspendToConsumeAgain(ProcessQueue pq, MessageQueue mq, List<MessageExt> msgs, TimeSpan suspend)
    {
        Stats.IncreaseConsumeFailedTPS(ConsumerGroup, mq.Topic, msgs.Count);
        if (!await CheckReconsumeTimes(msgs).ConfigureAwait(false))
        {
            return false;
        }

        pq.MakeMessagesToConsumeAgain(msgs);
        SubmitConsumeRequestLater(pq, mq, suspend);
        return true;
    }

    // True when the batch must be redelivered; messages past the maximum go to the DLQ (delay level -1) instead.
    private async Task<bool> CheckReconsumeTimes(List<MessageExt> msgs)
    {
        var suspend = false;
        var max = OrderlyMaxReconsumeTimes;
        foreach (var msg in msgs)
        {
            if (msg.ReconsumeTimes >= max)
            {
                msg.WithProperty(PropertyKeys.ReconsumeTime, msg.ReconsumeTimes.ToString(CultureInfo.InvariantCulture));
                if (!await SendMessageBack(msg.Queue?.BrokerName, msg, -1, max, StoppingToken).ConfigureAwait(false))
                {
                    suspend = true;
                    msg.ReconsumeTimes++;
                }
            }
            else
            {
                suspend = true;
                msg.ReconsumeTimes++;
            }
        }

        return suspend;
    }

    // Java: submitConsumeRequestLater; the queue stays marked as consuming meanwhile, so pulls don't resubmit it.
    private void SubmitConsumeRequestLater(ProcessQueue pq, MessageQueue mq, TimeSpan delay)
    {
        delay = delay < MinSuspend ? MinSuspend : delay > MaxSuspend ? MaxSuspend : delay;
        _ = Later();

        async Task Later()
        {
            try
            {
                await Task.Delay(delay, StoppingToken).ConfigureAwait(false);
                await _consumeRequests.Writer.WriteAsync(ConsumeBatch.Orderly(mq, pq, ConsumerGroup), StoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                // shutting down
            }
        }
    }

    // Java: tryLockLaterAndReconsume.
    private void TryLockLaterAndReconsume(ProcessQueue pq, MessageQueue mq, TimeSpan delay)
    {
        _ = Later();

        async Task Later()
        {
            try
            {
                await Task.Delay(delay, StoppingToken).ConfigureAwait(false);
                var locked = await Lock(mq, StoppingToken).ConfigureAwait(false);
                SubmitConsumeRequestLater(pq, mq, locked ? MinSuspend : TimeSpan.FromSeconds(3));
            }
            catch (OperationCanceledException)
            {
                // shutting down
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "relock failed: {MessageQueue}", mq);
                SubmitConsumeRequestLater(pq, mq, TimeSpan.FromSeconds(3));
            }
        }
    }

    // Go: the lockAll ticker: first after 1 s, then every RebalanceLockInterval.
    private async Task LockRenewLoop()
    {
        var token = StoppingToken;
        var delay = TimeSpan.FromSeconds(1);
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
                delay = Options.RebalanceLockInterval;
                await LockAll(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "lock renewal failed: group={Group}", ConsumerGroup);
            }
        }
    }

    // Go: cleanExpiredMsg, every ConsumeTimeout: a message whose handler started too long ago is sent back
    // (delay 3 + reconsume times) and leaves the cache, so the offset can move on.
    private async Task CleanExpiredMsgLoop()
    {
        var token = StoppingToken;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.ConsumeTimeout, token).ConfigureAwait(false);
                foreach (var (mq, pq) in ProcessQueueTable)
                {
                    await CleanExpiredMsg(pq, mq, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "clean expired messages failed: group={Group}", ConsumerGroup);
            }
        }
    }

    private async Task CleanExpiredMsg(ProcessQueue pq, MessageQueue mq, CancellationToken token)
    {
        for (var i = 0; i < 16 && !pq.IsDropped; i++)
        {
            var msg = pq.PeekFirst();
            if (msg is null || !long.TryParse(msg.GetProperty(PropertyKeys.ConsumeStartTime), NumberStyles.None, CultureInfo.InvariantCulture, out var startedAt))
            {
                return;
            }

            if (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - startedAt <= (long)Options.ConsumeTimeout.TotalMilliseconds)
            {
                return;
            }

            Logger.LogInformation("send expire msg back: topic={Topic} msgId={MsgId} startTime={Start} queueOffset={Offset}", msg.Topic, msg.MsgId, startedAt, msg.QueueOffset);
            if (!await SendMessageBack(mq.BrokerName, msg, 3 + msg.ReconsumeTimes, MaxReconsumeTimes, token).ConfigureAwait(false))
            {
                Logger.LogError("send message back to broker error when clean expired messages: group={Group}", ConsumerGroup);
                return;
            }

            if (pq.PeekFirst() == msg)
            {
                CommitRemoved(pq, mq, [msg]);
            }
        }
    }
}
