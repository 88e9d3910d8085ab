namespace RocketMQ.Go.Port.Consumer;

/// <summary>Poll and ACK, and the pull loops feeding them (Go: <c>Poll</c>, <c>ACK</c>, <c>pullMessage</c>).</summary>
internal sealed partial class PullConsumer
{
    /// <summary>Wait before polled messages that could not be sent back are delivered again (Go: 5 s, sleeping in ACK).</summary>
    internal static TimeSpan RedeliverDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for messages of one queue (Go: <c>Poll</c>). Returns null when none
    /// came in time (Go's <c>ErrNoNewMsg</c>). Messages of a paused queue, or of a queue sought since they were
    /// pulled, are not returned. Retried messages carry their original topic. Hand the request back with
    /// <see cref="ACK"/> when done: until then its messages hold the queue's consumed offset.
    /// </summary>
    /// <exception cref="MQClientException">The consumer is not running (<see cref="ClientErrors.ErrService"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ConsumeRequest?> Poll(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        var started = DateTimeOffset.UtcNow;
        _firstPoll.TrySetResult();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, StoppingToken);
        deadline.CancelAfter(timeout);
        var reader = _consumeRequests.Reader;
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var request))
                {
                    if (!await reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false))
                    {
                        return null;
                    }

                    continue;
                }

                var pq = request.ProcessQueue;
                if (pq.IsDropped)
                {
                    Logger.LogDebug("poll skipped messages of a dropped queue: group={Group} mq={MessageQueue}", ConsumerGroup, request.MessageQueue);
                    continue;
                }

                if (_states.Get(request.MessageQueue).TryPark(request) || request.MsgList.Count == 0)
                {
                    continue;
                }

                ResetRetryAndNamespace(request.MsgList);
                pq.UpdateLastConsumeTime();
                if (ConsumerTelemetry.ReceiveObserved)
                {
                    ConsumerTelemetry.Received(this, request.MsgList[0].Topic, request.MsgList, started);
                }

                return request;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Reports how the polled messages were consumed (Go: <c>ACK</c>). Success moves the queue's consumed offset
    /// past them (committed with the next persist when auto commit is on, kept for <see cref="Commit"/> when off).
    /// Failure sends them back for a retry through the group's retry topic (clustering) and then moves the offset;
    /// a message that cannot be sent back is polled again after a pause instead of being lost (Go sleeps 5 s inside
    /// ACK and retries). Broadcasting drops failures. Ignored for a request of a queue dropped or sought since.
    /// </summary>
    public async Task ACK(ConsumeRequest request, ConsumeResult result, CancellationToken cancellationToken = default)
    {
        if (request is null || request.MsgList.Count == 0 || Storage is null)
        {
            return;
        }

        var pq = request.ProcessQueue;
        var mq = request.MessageQueue;
        var msgs = request.MsgList;
        if (pq.IsDropped)
        {
            Logger.LogInformation("the message queue not be able to consume, because it was dropped: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            return;
        }

        var success = result == ConsumeResult.ConsumeSuccess;
        await RunInterceptors(mq, msgs, success, cancellationToken).ConfigureAwait(false);
        if (success || Options.ConsumerModel == MessageModel.BroadCasting)
        {
            if (success)
            {
                Stats.IncreaseConsumeOKTPS(ConsumerGroup, mq.Topic, msgs.Count);
            }
            else
            {
                Stats.IncreaseConsumeFailedTPS(ConsumerGroup, mq.Topic, msgs.Count);
                Logger.LogWarning("BROADCASTING, the message consume failed, drop it: group={Group} mq={MessageQueue} count={Count}", ConsumerGroup, mq, msgs.Count);
            }

            CommitRemoved(pq, mq, msgs);
            return;
        }

        Stats.IncreaseConsumeFailedTPS(ConsumerGroup, mq.Topic, msgs.Count);
        var done = new List<MessageExt>(msgs.Count);
        List<MessageExt>? failed = null;
        foreach (var msg in msgs)
        {
            if (await SendMessageBack(mq.BrokerName, msg, 0, MaxReconsumeTimes, cancellationToken).ConfigureAwait(false))
            {
                done.Add(msg);
            }
            else
            {
                msg.ReconsumeTimes++;
                (failed ??= []).Add(msg);
            }
        }

        CommitRemoved(pq, mq, done);
        if (failed is not null)
        {
            PullLoops.Enter();
            _ = RedeliverLater(new ConsumeRequest(mq, pq, failed));
        }
    }

    private void CommitRemoved(ProcessQueue pq, MessageQueue mq, IReadOnlyList<MessageExt> msgs)
    {
        var offset = pq.RemoveMessages(msgs);
        if (offset < 0 || pq.IsDropped)
        {
            return;
        }

        if (Options.AutoCommit)
        {
            Storage.Update(mq, offset, increaseOnly: true);
        }

        _states.Get(mq).RaiseConsumed(offset);
    }

    private async Task RedeliverLater(ConsumeRequest request)
    {
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(StoppingToken, request.ProcessQueue.DroppedToken);
            await Task.Delay(RedeliverDelay, stop.Token).ConfigureAwait(false);
            await _consumeRequests.Writer.WriteAsync(request, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // dropped or shutting down: the offset never passed these messages
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // shutting down
        }
        finally
        {
            PullLoops.Exit();
        }
    }

    // Go runs the interceptor chain in ACK with the outcome, so traces see pull consumption too.
    private async Task RunInterceptors(MessageQueue mq, IReadOnlyList<MessageExt> msgs, bool success, CancellationToken cancellationToken)
    {
        if (InterceptorChain is null)
        {
            return;
        }

        var msgCtx = new ConsumeMessageContext { ConsumerGroup = ConsumerGroup, MQ = mq, Msgs = msgs, Success = success };
        msgCtx.Properties[ConsumeReturnTypeExtensions.PropCtxType] = (success ? ConsumeReturnType.SuccessReturn : ConsumeReturnType.FailedReturn).ToWireString();
        var ctx = new CallContext
        {
            CancellationToken = cancellationToken,
            Method = CommunicationMode.ConsumerPull,
            ConsumerCtx = msgCtx,
            ConcurrentlyCtx = new ConsumeConcurrentlyContext { MQ = mq },
        };
        try
        {
            await InterceptorChain(ctx, msgs, null, static (_, _, _) => Task.CompletedTask).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "an interceptor failed in ACK: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
        }
    }
}
