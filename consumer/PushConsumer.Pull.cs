using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>The pull side of the push consumer (Go: push_consumer.go <c>pullMessage</c>).</summary>
internal sealed partial class PushConsumer
{
    private const long MiB = 1024 * 1024;

    // Reads newly owned queues from the rebalance and gives each its own pull loop (Go: the prCh goroutine).
    private async Task PullDispatcher()
    {
        try
        {
            await foreach (var request in PullRequests.Reader.ReadAllAsync(StoppingToken).ConfigureAwait(false))
            {
                _pullLoops.Enter();
                _ = PullLoop(request);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (Exception e)
        {
            Logger.LogError(e, "pull dispatcher stopped: group={Group}", ConsumerGroup);
        }
    }

    // One queue's loop: pull, hand over, pull again; it ends when the queue is dropped or the consumer stops.
    private async Task PullLoop(PullRequest request)
    {
        await Task.Yield();
        var pq = request.ProcessQueue;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(StoppingToken, pq.DroppedToken);
        var token = stop.Token;
        try
        {
            var delay = TimeSpan.Zero;
            while (!token.IsCancellationRequested)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }

                try
                {
                    delay = await PullOnce(request, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    Logger.Log(SelectorInDoubt(request.MessageQueue.Topic) ? LogLevel.Debug : LogLevel.Warning, e, "pull message from broker error: {PullRequest}", request);
                    delay = await DelayAfterPullError(request, e, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // dropped or shutting down
        }
        finally
        {
            Logger.LogDebug("pull loop ended: {PullRequest} dropped={Dropped}", request, pq.IsDropped);
            _pullLoops.Exit();
        }
    }

    // One pull; returns how long to wait before the next.
    private async Task<TimeSpan> PullOnce(PullRequest request, CancellationToken token)
    {
        var pq = request.ProcessQueue;
        var mq = request.MessageQueue;
        pq.UpdateLastPullTime();
        if (!IsRunning)
        {
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        if (Paused)
        {
            return DefaultConsumer.PullDelayTimeWhenSuspend;
        }

        if (IsFlowControlled(request))
        {
            return DefaultConsumer.PullDelayTimeWhenFlowControl;
        }

        if (request.RecheckOffset && await RecheckHandoverOffset(request, token).ConfigureAwait(false) is { } committed)
        {
            Logger.LogInformation("the previous owner committed more, moving on: {PullRequest} to={To}", request, committed);
        }

        if (Options.ConsumeOrderly)
        {
            if (!pq.IsLocked)
            {
                Logger.LogInformation("pull message later because not locked in broker: {PullRequest}", request);
                return DefaultConsumer.PullDelayTimeWhenError;
            }

            if (!request.LockedFirst)
            {
                // The previous owner may have committed more since the rebalance read the offset.
                var offset = await ComputePullFromWhereWithException(mq, token).ConfigureAwait(false);
                Logger.LogDebug("the first time to pull message, so fix offset from broker: {PullRequest} from={From} to={To}", request, request.NextOffset, offset);
                request.LockedFirst = true;
                request.NextOffset = offset;
            }
        }

        if (!SubscriptionDataTable.TryGetValue(mq.Topic, out var sd))
        {
            Logger.LogInformation("find the consumer's subscription failed: {PullRequest}", request);
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        var commitOffsetValue = 0L;
        if (Options.ConsumerModel == MessageModel.Clustering)
        {
            commitOffsetValue = Storage.ReadFromMemory(mq);
        }

        var subExpression = Options.PostSubscriptionWhenPull && !sd.ClassFilterMode ? sd.SubString : null;
        var broker = await TryFindBroker(mq, token).ConfigureAwait(false);
        if (broker is null)
        {
            Logger.LogWarning("no broker found for {MessageQueue}", mq);
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        var result = await PullMessage(broker, mq, sd, request.NextOffset, Options.PullBatchSize, commitOffsetValue, suspend: true, subExpression, subVersion: 0, out var begin, token).ConfigureAwait(false);
        if (PullObserved)
        {
            RecordPull(mq.Topic, begin, result.Status);
        }

        if (result.Status == PullStatus.PullBrokerTimeout)
        {
            Logger.LogWarning("pull broker timeout: broker={Broker}", broker.BrokerAddr);
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        if (Paused)
        {
            // Suspended while the long poll was held: leave the answer, the next pull after Resume asks again.
            return DefaultConsumer.PullDelayTimeWhenSuspend;
        }

        ProcessPullResult(request, result, sd);

        switch (result.Status)
        {
            case PullStatus.PullFound:
                var prevRequestOffset = request.NextOffset;
                request.NextOffset = result.NextBeginOffset;
                Stats.IncreasePullRT(ConsumerGroup, mq.Topic, (long)Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                var msgs = result.GetMessageExts();
                if (msgs.Count > 0)
                {
                    Stats.IncreasePullTPS(ConsumerGroup, mq.Topic, msgs.Count);
                    var dispatch = pq.PutMessages(msgs, result.MaxOffset);
                    await SubmitConsumeRequest(msgs, pq, mq, dispatch, token).ConfigureAwait(false);
                    if (result.NextBeginOffset < prevRequestOffset || msgs[0].QueueOffset < prevRequestOffset)
                    {
                        Logger.LogWarning("[BUG] pull message result maybe data wrong: nextBeginOffset={Next} firstMsgOffset={First} prevRequestOffset={Prev}", result.NextBeginOffset, msgs[0].QueueOffset, prevRequestOffset);
                    }
                }

                break;
            case PullStatus.PullNoNewMsg:
            case PullStatus.PullNoMsgMatched:
                request.NextOffset = result.NextBeginOffset;
                CorrectTagsOffset(request);
                break;
            case PullStatus.PullOffsetIllegal:
                await FixOffsetIllegal(request, result).ConfigureAwait(false);
                break;
            default:
                Logger.LogWarning("unknown pull status: {Status}", result.Status);
                return DefaultConsumer.PullDelayTimeWhenError;
        }

        return Options.ConsumeTPS > 0 ? EffectivePullInterval : Options.PullInterval;
    }

    // Go's flow control by cached count and size per queue and the concurrent span, plus the topic totals.
    private bool IsFlowControlled(PullRequest request)
    {
        var pq = request.ProcessQueue;
        var count = pq.CachedMsgCount;
        var sizeMiB = pq.CachedMsgSize / MiB;
        var topic = TopicCounters(request.MessageQueue.Topic);
        var reason = count > Options.PullThresholdForQueue ? "the cached message count exceeds the threshold"
            : sizeMiB > Options.PullThresholdSizeForQueue ? "the cached message size exceeds the threshold"
            : Options.PullThresholdForTopic != -1 && topic.Count > Options.PullThresholdForTopic ? "the topic's cached message count exceeds the threshold"
            : Options.PullThresholdSizeForTopic != -1 && topic.Size / MiB > Options.PullThresholdSizeForTopic ? "the topic's cached message size exceeds the threshold"
            : null;
        if (reason is not null)
        {
            if (Interlocked.Increment(ref _queueFlowControlTimes) % 1000 == 1)
            {
                Logger.LogWarning("{Reason}, so do flow control: count={Count} size(MiB)={Size} minOffset={Min} maxOffset={Max} flowControlTimes={Times} {PullRequest}",
                    reason, count, sizeMiB, pq.Min(), pq.Max(), _queueFlowControlTimes, request);
            }

            return true;
        }

        if (!Options.ConsumeOrderly && pq.GetMaxSpan() > Options.ConsumeConcurrentlyMaxSpan)
        {
            if (Interlocked.Increment(ref _queueMaxSpanFlowControlTimes) % 1000 == 1)
            {
                Logger.LogWarning("the queue's messages span too long, so do flow control: maxSpan={Span} minOffset={Min} maxOffset={Max} {PullRequest}",
                    pq.GetMaxSpan(), pq.Min(), pq.Max(), request);
            }

            return true;
        }

        return false;
    }

    // Concurrent: every batch goes to the channel. Orderly: the queue goes once, when it had nothing to consume.
    private async ValueTask SubmitConsumeRequest(List<MessageExt> msgs, ProcessQueue pq, MessageQueue mq, bool dispatchToConsume, CancellationToken token)
    {
        var writer = _consumeRequests.Writer;
        if (Options.ConsumeOrderly)
        {
            if (dispatchToConsume)
            {
                await writer.WriteAsync(new ConsumeRequest(mq, pq, null), token).ConfigureAwait(false);
            }

            return;
        }

        var batch = Options.ConsumeMessageBatchMaxSize;
        if (msgs.Count <= batch)
        {
            await writer.WriteAsync(new ConsumeRequest(mq, pq, msgs), token).ConfigureAwait(false);
            return;
        }

        for (var start = 0; start < msgs.Count; start += batch)
        {
            var count = Math.Min(batch, msgs.Count - start);
            var part = count == 1 ? (IReadOnlyList<MessageExt>)[msgs[start]] : msgs.GetRange(start, count);
            await writer.WriteAsync(new ConsumeRequest(mq, pq, part), token).ConfigureAwait(false);
        }
    }

    // Go: correctTagsOffset: with nothing cached, the offset may move past filtered-out messages.
    private void CorrectTagsOffset(PullRequest request)
    {
        if (request.ProcessQueue.CachedMsgCount <= 0)
        {
            Storage.Update(request.MessageQueue, request.NextOffset, increaseOnly: true);
        }
    }

    // The broker says the offset is out of range: take its offset, write it (awaited) and let the rebalance
    // rebuild the queue from it. Go sleeps 10 s inside the pull goroutine first.
    private async Task FixOffsetIllegal(PullRequest request, PullResult result)
    {
        Logger.LogWarning("the pull request offset illegal: {PullRequest} result={Result}", request, result);
        var mq = request.MessageQueue;
        var pq = request.ProcessQueue;
        request.NextOffset = result.NextBeginOffset;
        pq.Drop();
        Storage.Update(mq, request.NextOffset, increaseOnly: false);
        await Storage.Persist(mq).ConfigureAwait(false);
        ProcessQueueTable.TryRemove(new KeyValuePair<MessageQueue, ProcessQueue>(mq, pq));
        Logger.LogWarning("fix the pull request offset: {PullRequest}", request);
        ScheduleRebalance(TimeSpan.FromMilliseconds(100));
    }
}
