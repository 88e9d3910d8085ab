namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The lite pull consumer's side of the shared pull engine (<see cref="DefaultConsumer.PullDispatcher"/>): pulled
/// messages go to the buffer <see cref="Poll"/> reads; a queue pulls only after the first Poll and while not paused,
/// and what a pause held back goes out first after the resume.
/// </summary>
internal sealed partial class PullConsumer
{
    /// <summary>Only the queue's cache limits pulling (see <see cref="DefaultConsumer.LimitsTopicAndSpan"/>).</summary>
    protected override bool LimitsTopicAndSpan => false;

    /// <summary>A seek made while the rebalance was taking the queue applies to its first pull.</summary>
    protected override bool AcceptPullRequest(PullRequest request)
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

        return ReadyToPull(request);
    }

    /// <summary>
    /// Pulling starts with the first Poll (a consumer used through Pull/PullFrom only reads nothing here); a paused
    /// queue waits for its resume, and a pause cancels the pull in flight, not the hand-over of what it got.
    /// </summary>
    protected override async Task<TimeSpan> PullTurn(PullRequest request, CancellationToken loopToken)
    {
        await _firstPoll.Task.WaitAsync(loopToken).ConfigureAwait(false);
        var state = _states.Get(request.MessageQueue);
        if (!state.TryGetRunToken(out var running, out var resumed))
        {
            await resumed.WaitAsync(loopToken).ConfigureAwait(false);
            return TimeSpan.Zero;
        }

        using var pull = CancellationTokenSource.CreateLinkedTokenSource(loopToken, running);
        try
        {
            await DeliverParked(state, loopToken).ConfigureAwait(false);
            return await PullOnce(request, pull.Token, loopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested && !loopToken.IsCancellationRequested)
        {
            // Paused mid-pull: what the broker answers now is not taken; the offset did not move.
            return TimeSpan.Zero;
        }
    }

    /// <summary>One consume request per pull into the poll buffer.</summary>
    protected override ValueTask DeliverPulled(PullRequest request, List<MessageExt> msgs, bool dispatchToConsume, CancellationToken loopToken)
        => _consumeRequests.Writer.WriteAsync(new ConsumeRequest(request.MessageQueue, request.ProcessQueue, msgs), loopToken);

    /// <summary>The consumed offset a manual Commit writes moves with the hand-over re-read.</summary>
    protected override void ConsumedOffsetRaised(PullRequest request, long offset) => _states.Get(request.MessageQueue).RaiseConsumed(offset);

    /// <summary>With nothing waiting for an ACK, the consumed offset may move past messages filtered out (Go: <c>correctTagsOffset</c>).</summary>
    protected override void CorrectTagsOffset(PullRequest request)
    {
        if (request.ProcessQueue.CachedMsgCount > 0 || request.ProcessQueue.IsDropped)
        {
            return;
        }

        if (Options.AutoCommit)
        {
            Storage.Update(request.MessageQueue, request.NextOffset, increaseOnly: true);
        }

        _states.Get(request.MessageQueue).RaiseConsumed(request.NextOffset);
    }

    /// <summary>Java's lite pull: continue from where the broker says; Go drops the queue and sleeps 10 s.</summary>
    protected override Task OffsetIllegal(PullRequest request, PullResult result)
    {
        Logger.LogWarning("the pull request offset illegal, moving to the broker's: {PullRequest} result={Result}", request, result);
        request.NextOffset = result.NextBeginOffset;
        CorrectTagsOffset(request);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A lite pull commits no offset with the pull (its offsets go by its own persist) and always carries its
    /// selector: assigned queues have no subscription at the broker (Go: <c>pullInner</c>).
    /// </summary>
    protected override (long CommitOffset, string? SubExpression, long SubVersion) PullArguments(MessageQueue mq, SubscriptionData sd)
        => (0, sd.SubString, sd.ExpType == SubscriptionData.ExpressionTypeTag ? 0 : sd.SubVersion);

    // A seek replaced the queue between the rebalance and here: no loop. Else the consumed offset starts at the request's.
    private bool ReadyToPull(PullRequest request)
    {
        if (request.ProcessQueue.IsDropped)
        {
            return false;
        }

        _states.Get(request.MessageQueue).SetConsumed(request.NextOffset);
        return true;
    }

    private void StartQueueLoop(PullRequest request)
    {
        if (ReadyToPull(request))
        {
            StartPullLoop(request);
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
}
