using System.Diagnostics;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The pull engine both consumers run (Go: push_consumer.go <c>pullMessage</c> and the lite pull consumer's loop):
/// a dispatcher gives each newly owned queue its own loop, which long-polls the queue's broker, caches what it
/// gets in the queue's <see cref="ProcessQueue"/> and hands it to the owner's sink (<see cref="DeliverPulled"/>:
/// consume requests for the push consumer's workers, the poll buffer for the lite pull consumer). Flow control,
/// orderly locking, the hand-over re-read and the waits after errors live here once; the owners decide what pulled
/// messages become and how a queue pauses.
/// </summary>
internal abstract partial class DefaultConsumer
{
    private const long MiB = 1024 * 1024;

    private readonly TaskTracker _pullLoops = new();
    private long _flowControlTimes;
    private long _spanFlowControlTimes;

    /// <summary>The running pull loops (shutdown waits for them).</summary>
    protected TaskTracker PullLoops => _pullLoops;

    /// <summary>
    /// Whether flow control also counts the topic's cached messages and the concurrent span (push), or only the
    /// queue's (lite pull: its messages stay cached until the application ACKs them, in any order, so a span or a
    /// topic total would stall queues on what the application holds, not on what is pulled).
    /// </summary>
    protected virtual bool LimitsTopicAndSpan => true;

    /// <summary>Reads newly owned queues from the rebalance and gives each its own pull loop (Go: the prCh goroutine).</summary>
    protected async Task PullDispatcher()
    {
        try
        {
            await foreach (var request in PullRequests.Reader.ReadAllAsync(StoppingToken).ConfigureAwait(false))
            {
                if (AcceptPullRequest(request))
                {
                    StartPullLoop(request);
                }
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

    /// <summary>Starts the loop of one queue; it ends when the queue is dropped or the consumer stops.</summary>
    protected void StartPullLoop(PullRequest request)
    {
        _pullLoops.Enter();
        _ = PullLoop(request);
    }

    /// <summary>Sink: a newly owned queue before its loop starts; false starts none.</summary>
    protected virtual bool AcceptPullRequest(PullRequest request) => true;

    /// <summary>
    /// Sink: one turn of a queue's loop, returning how long to wait before the next. The push consumer pulls once;
    /// the lite pull consumer first waits while the queue is paused and hands out what a pause held back.
    /// </summary>
    protected virtual Task<TimeSpan> PullTurn(PullRequest request, CancellationToken loopToken) => PullOnce(request, loopToken, loopToken);

    /// <summary>
    /// Sink: what found messages become, after the queue cached them. <paramref name="dispatchToConsume"/> is true
    /// when the queue had nothing to consume before (an orderly queue is dispatched once, not per batch).
    /// </summary>
    protected abstract ValueTask DeliverPulled(PullRequest request, List<MessageExt> msgs, bool dispatchToConsume, CancellationToken loopToken);

    /// <summary>Sink: the hand-over re-read (or a filtered-out range) moved the queue's consumed offset to <paramref name="offset"/>.</summary>
    protected virtual void ConsumedOffsetRaised(PullRequest request, long offset)
    {
    }

    /// <summary>
    /// Go: <c>correctTagsOffset</c>: with nothing cached, the offset may move past messages filtered out. The lite
    /// pull consumer moves its consumed offset instead of the store's when auto commit is off.
    /// </summary>
    protected virtual void CorrectTagsOffset(PullRequest request)
    {
        if (request.ProcessQueue.CachedMsgCount <= 0)
        {
            Storage.Update(request.MessageQueue, request.NextOffset, increaseOnly: true);
        }
    }

    /// <summary>
    /// The broker says the offset is out of range (push): take its offset, write it (awaited) and let the rebalance
    /// rebuild the queue from it. Go sleeps 10 s inside the pull goroutine first.
    /// </summary>
    protected virtual async Task OffsetIllegal(PullRequest request, PullResult result)
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

    /// <summary>
    /// What a loop's PULL_MESSAGE carries (push): the in-memory offset to commit (clustering), and the selector only
    /// with <see cref="ConsumerOptions.PostSubscriptionWhenPull"/>, since the broker has it from the heartbeat.
    /// </summary>
    protected virtual (long CommitOffset, string? SubExpression, long SubVersion) PullArguments(MessageQueue mq, SubscriptionData sd)
        => (Model == MessageModel.Clustering ? Storage.ReadFromMemory(mq) : 0,
            Options.PostSubscriptionWhenPull && !sd.ClassFilterMode ? sd.SubString : null, 0);

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
                    delay = await PullTurn(request, token).ConfigureAwait(false);
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
        catch (Exception e)
        {
            Logger.LogError(e, "pull loop failed: {PullRequest}", request);
        }
        finally
        {
            Logger.LogDebug("pull loop ended: {PullRequest} dropped={Dropped}", request, pq.IsDropped);
            _pullLoops.Exit();
        }
    }

    /// <summary>
    /// One pull; returns how long to wait before the next. <paramref name="token"/> cancels the pull (a lite pull
    /// consumer's pause cancels it), <paramref name="loopToken"/> the hand-over of what was pulled: those messages
    /// are cached already and must reach the sink.
    /// </summary>
    protected async Task<TimeSpan> PullOnce(PullRequest request, CancellationToken token, CancellationToken loopToken)
    {
        var pq = request.ProcessQueue;
        var mq = request.MessageQueue;
        pq.UpdateLastPullTime();
        if (!IsRunning)
        {
            return PullDelayTimeWhenError;
        }

        if (Paused)
        {
            return PullDelayTimeWhenSuspend;
        }

        if (IsFlowControlled(request))
        {
            return PullDelayTimeWhenFlowControl;
        }

        if (request.RecheckOffset && await RecheckHandoverOffset(request, token).ConfigureAwait(false) is { } committed)
        {
            Logger.LogInformation("the previous owner committed more, moving on: {PullRequest} to={To}", request, committed);
            ConsumedOffsetRaised(request, committed);
        }

        if (ConsumeOrderly && !await OrderlyReady(request, token).ConfigureAwait(false))
        {
            return PullDelayTimeWhenError;
        }

        if (!SubscriptionDataTable.TryGetValue(mq.Topic, out var sd))
        {
            Logger.LogInformation("find the consumer's subscription failed: {PullRequest}", request);
            return PullDelayTimeWhenError;
        }

        var broker = await TryFindBroker(mq, token).ConfigureAwait(false);
        if (broker is null)
        {
            Logger.LogWarning("no broker found for {MessageQueue}", mq);
            return PullDelayTimeWhenError;
        }

        var (commitOffset, subExpression, subVersion) = PullArguments(mq, sd);
        var result = await PullMessage(broker, mq, sd, request.NextOffset, Options.PullBatchSize, commitOffset, suspend: true, subExpression, subVersion, out var begin, token).ConfigureAwait(false);
        if (ConsumerTelemetry.PullObserved)
        {
            ConsumerTelemetry.RecordPull(ConsumerGroup, mq.Topic, begin, result.Status);
        }

        if (result.Status == PullStatus.PullBrokerTimeout)
        {
            Logger.LogWarning("pull broker timeout: broker={Broker} {PullRequest}", broker.BrokerAddr, request);
            return PullDelayTimeWhenError;
        }

        if (Paused)
        {
            // Suspended while the long poll was held: leave the answer, the next pull after Resume asks again.
            return PullDelayTimeWhenSuspend;
        }

        ProcessPullResult(request, result, sd);
        switch (result.Status)
        {
            case PullStatus.PullFound:
                var prevRequestOffset = request.NextOffset;
                request.NextOffset = result.NextBeginOffset;
                Stats.IncreasePullRT(ConsumerGroup, mq.Topic, (long)Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                var msgs = result.GetMessageExts();
                if (msgs.Count == 0)
                {
                    // Every message was filtered out here: move on as for NO_MATCHED.
                    CorrectTagsOffset(request);
                    break;
                }

                Stats.IncreasePullTPS(ConsumerGroup, mq.Topic, msgs.Count);
                var dispatch = pq.PutMessages(msgs, result.MaxOffset);
                await DeliverPulled(request, msgs, dispatch, loopToken).ConfigureAwait(false);
                if (result.NextBeginOffset < prevRequestOffset || msgs[0].QueueOffset < prevRequestOffset)
                {
                    Logger.LogWarning("[BUG] pull message result maybe data wrong: nextBeginOffset={Next} firstMsgOffset={First} prevRequestOffset={Prev}", result.NextBeginOffset, msgs[0].QueueOffset, prevRequestOffset);
                }

                break;
            case PullStatus.PullNoNewMsg:
            case PullStatus.PullNoMsgMatched:
                request.NextOffset = result.NextBeginOffset;
                CorrectTagsOffset(request);
                break;
            case PullStatus.PullOffsetIllegal:
                await OffsetIllegal(request, result).ConfigureAwait(false);
                break;
            default:
                Logger.LogWarning("unknown pull status: {Status}", result.Status);
                return PullDelayTimeWhenError;
        }

        return Options.ConsumeTPS > 0 ? EffectivePullInterval : Options.PullInterval;
    }

    // An orderly queue pulls only while this member holds its broker lock; its first pull re-reads the offset,
    // since the previous owner may have committed more since the rebalance read it.
    private async ValueTask<bool> OrderlyReady(PullRequest request, CancellationToken token)
    {
        if (!request.ProcessQueue.IsLocked)
        {
            Logger.LogInformation("pull message later because not locked in broker: {PullRequest}", request);
            return false;
        }

        if (!request.LockedFirst)
        {
            var offset = await ComputePullFromWhereWithException(request.MessageQueue, token).ConfigureAwait(false);
            Logger.LogDebug("the first time to pull message, so fix offset from broker: {PullRequest} from={From} to={To}", request, request.NextOffset, offset);
            request.LockedFirst = true;
            request.NextOffset = offset;
        }

        return true;
    }

    // Go's flow control by cached count and size per queue, then (push) the topic totals and the concurrent span.
    private bool IsFlowControlled(PullRequest request)
    {
        var pq = request.ProcessQueue;
        var count = pq.CachedMsgCount;
        var sizeMiB = pq.CachedMsgSize / MiB;
        var topic = TopicCounters(request.MessageQueue.Topic);
        var reason = count > Options.PullThresholdForQueue ? "the cached message count exceeds the threshold"
            : sizeMiB > Options.PullThresholdSizeForQueue ? "the cached message size exceeds the threshold"
            : !LimitsTopicAndSpan ? null
            : Options.PullThresholdForTopic != -1 && topic.Count > Options.PullThresholdForTopic ? "the topic's cached message count exceeds the threshold"
            : Options.PullThresholdSizeForTopic != -1 && topic.Size / MiB > Options.PullThresholdSizeForTopic ? "the topic's cached message size exceeds the threshold"
            : null;
        if (reason is not null)
        {
            if (Interlocked.Increment(ref _flowControlTimes) % 1000 == 1)
            {
                Logger.LogWarning("{Reason}, so do flow control: count={Count} size(MiB)={Size} minOffset={Min} maxOffset={Max} flowControlTimes={Times} {PullRequest}",
                    reason, count, sizeMiB, pq.Min(), pq.Max(), _flowControlTimes, request);
            }

            return true;
        }

        if (LimitsTopicAndSpan && !ConsumeOrderly && pq.GetMaxSpan() > Options.ConsumeConcurrentlyMaxSpan)
        {
            if (Interlocked.Increment(ref _spanFlowControlTimes) % 1000 == 1)
            {
                Logger.LogWarning("the queue's messages span too long, so do flow control: maxSpan={Span} minOffset={Min} maxOffset={Max} {PullRequest}",
                    pq.GetMaxSpan(), pq.Min(), pq.Max(), request);
            }

            return true;
        }

        return false;
    }
}
