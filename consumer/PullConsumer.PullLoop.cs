using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The pull loops feeding <see cref="Poll"/> (Go: <c>pullMessage</c>): one per owned queue, started by the
/// rebalance or a seek, ending when the queue is dropped or the consumer stops; paused queues wait for Resume.
/// </summary>
internal sealed partial class PullConsumer
{
    // Reads newly owned queues from the rebalance and gives each its own pull loop (Go: the prCh goroutine).
    private async Task PullDispatcher()
    {
        try
        {
            await foreach (var request in PullRequests.Reader.ReadAllAsync(StoppingToken).ConfigureAwait(false))
            {
                if (_pendingSeeks.TryRemove(request.MessageQueue, out var seek))
                {
                    Logger.LogInformation("pull consumer applies the seek offset: group={Group} mq={MessageQueue} offset={Offset}", ConsumerGroup, request.MessageQueue, seek);
                    request.NextOffset = seek;
                    request.RecheckOffset = false;
                    if (Options.AutoCommit)
                    {
                        Storage.Update(request.MessageQueue, seek, increaseOnly: false);
                    }
                }

                StartPullLoop(request);
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

    private void StartPullLoop(PullRequest request)
    {
        if (request.ProcessQueue.IsDropped)
        {
            // A seek replaced the queue between the rebalance and here.
            return;
        }

        _states.Get(request.MessageQueue).SetConsumed(request.NextOffset);
        _loops.Enter();
        _ = PullLoop(request);
    }

    // One queue's loop; it ends when the queue is dropped (released, sought) or the consumer stops.
    private async Task PullLoop(PullRequest request)
    {
        await Task.Yield();
        var pq = request.ProcessQueue;
        var state = _states.Get(request.MessageQueue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(StoppingToken, pq.DroppedToken);
        var token = stop.Token;
        try
        {
            // Pulling starts with the first Poll: a consumer used through Pull/PullFrom only reads nothing here.
            await _firstPoll.Task.WaitAsync(token).ConfigureAwait(false);
            var delay = TimeSpan.Zero;
            while (!token.IsCancellationRequested)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }

                if (!state.TryGetRunToken(out var running, out var resumed))
                {
                    await resumed.WaitAsync(token).ConfigureAwait(false);
                    delay = TimeSpan.Zero;
                    continue;
                }

                using var pull = CancellationTokenSource.CreateLinkedTokenSource(token, running);
                try
                {
                    await DeliverParked(state, token).ConfigureAwait(false);
                    delay = await PullOnce(request, state, pull.Token, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (OperationCanceledException) when (running.IsCancellationRequested)
                {
                    // Paused mid-pull: what the broker answers now is not taken; the offset did not move.
                    delay = TimeSpan.Zero;
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
        catch (Exception e)
        {
            Logger.LogError(e, "pull loop failed: {PullRequest}", request);
        }
        finally
        {
            Logger.LogDebug("pull loop ended: {PullRequest} dropped={Dropped}", request, pq.IsDropped);
            _loops.Exit();
        }
    }

    // After a resume, what Poll held back goes out first, in its order.
    private async Task DeliverParked(PullConsumerQueueState state, CancellationToken token)
    {
        if (state.TakeParked() is not { } parked)
        {
            return;
        }

        for (var i = 0; i < parked.Count; i++)
        {
            if (parked[i].ProcessQueue.IsDropped)
            {
                continue;
            }

            try
            {
                await _consumeRequests.Writer.WriteAsync(parked[i], token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                state.ReturnParked(parked, i);
                throw;
            }
        }
    }

    // One pull; returns how long to wait before the next. A pause cancels the pull (token), not the hand-over of
    // what was pulled (loopToken): those messages are cached already and must reach Poll, which holds them back.
    private async Task<TimeSpan> PullOnce(PullRequest request, PullConsumerQueueState state, CancellationToken token, CancellationToken loopToken)
    {
        var pq = request.ProcessQueue;
        var mq = request.MessageQueue;
        pq.UpdateLastPullTime();
        if (IsFlowControlled(request))
        {
            return DefaultConsumer.PullDelayTimeWhenFlowControl;
        }

        if (request.RecheckOffset && await RecheckHandoverOffset(request, token).ConfigureAwait(false) is { } committed)
        {
            state.RaiseConsumed(committed);
        }

        if (!SubscriptionDataTable.TryGetValue(mq.Topic, out var sd))
        {
            Logger.LogInformation("find the consumer's subscription failed: {PullRequest}", request);
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        var result = await PullInner(mq, sd, request.NextOffset, Options.PullBatchSize, suspend: true, token).ConfigureAwait(false);
        if (result.Status == PullStatus.PullBrokerTimeout)
        {
            Logger.LogWarning("pull broker timeout: {PullRequest}", request);
            return DefaultConsumer.PullDelayTimeWhenError;
        }

        ProcessPullResult(request, result, sd);

        switch (result.Status)
        {
            case PullStatus.PullFound:
                request.NextOffset = result.NextBeginOffset;
                var msgs = result.GetMessageExts();
                if (msgs.Count > 0)
                {
                    Stats.IncreasePullTPS(ConsumerGroup, mq.Topic, msgs.Count);
                    pq.PutMessages(msgs, result.MaxOffset);
                    await _consumeRequests.Writer.WriteAsync(new ConsumeRequest(mq, pq, msgs), loopToken).ConfigureAwait(false);
                }
                else
                {
                    // Every message was filtered out here: move on as for NO_MATCHED.
                    CorrectTagsOffset(request, state);
                }

                break;
            case PullStatus.PullNoNewMsg:
            case PullStatus.PullNoMsgMatched:
                request.NextOffset = result.NextBeginOffset;
                CorrectTagsOffset(request, state);
                break;
            case PullStatus.PullOffsetIllegal:
                // Java's lite pull: continue from where the broker says; Go drops the queue and sleeps 10 s.
                Logger.LogWarning("the pull request offset illegal, moving to the broker's: {PullRequest} result={Result}", request, result);
                request.NextOffset = result.NextBeginOffset;
                CorrectTagsOffset(request, state);
                break;
            default:
                Logger.LogWarning("unknown pull status: {Status}", result.Status);
                return DefaultConsumer.PullDelayTimeWhenError;
        }

        return Options.PullInterval;
    }

    // With nothing waiting for an ACK, the consumed offset may move past messages filtered out (Go: correctTagsOffset).
    private void CorrectTagsOffset(PullRequest request, PullConsumerQueueState state)
    {
        if (request.ProcessQueue.CachedMsgCount > 0 || request.ProcessQueue.IsDropped)
        {
            return;
        }

        if (Options.AutoCommit)
        {
            Storage.Update(request.MessageQueue, request.NextOffset, increaseOnly: true);
        }

        state.RaiseConsumed(request.NextOffset);
    }

    // Messages polled but not ACKed stay cached, so a consumer that stops ACKing stops pulling.
    private bool IsFlowControlled(PullRequest request)
    {
        var pq = request.ProcessQueue;
        var count = pq.CachedMsgCount;
        var sizeMiB = pq.CachedMsgSize / (1024 * 1024);
        if (count <= Options.PullThresholdForQueue && sizeMiB <= Options.PullThresholdSizeForQueue)
        {
            return false;
        }

        if (Interlocked.Increment(ref _flowControlTimes) % 1000 == 1)
        {
            Logger.LogWarning("the cached messages exceed the threshold, so do flow control: count={Count} size(MiB)={Size} {PullRequest}", count, sizeMiB, request);
        }

        return true;
    }
}
