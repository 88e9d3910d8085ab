using System.Diagnostics;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>The consume side of the push consumer: workers and concurrent consumption (Go: <c>consumeMessageConcurrently</c>).</summary>
internal sealed partial class PushConsumer
{
    /// <summary>Wait before consuming again messages that could not be sent back (Go and Java: 5 s); settable for tests.</summary>
    internal TimeSpan ReconsumeLaterDelay { get; set; } = TimeSpan.FromSeconds(5);

    // A worker (Go: one goroutine per batch, bounded by a per-topic semaphore of ConsumeGoroutineNums).
    // At shutdown it finishes the batch in hand and takes no more. It waits without the stopping token: a cancellable
    // wait costs a waiter and a token registration per wake-up (about one per message when the workers keep up), and
    // ShutdownCore completes the channel right after cancelling, which wakes every waiter.
    private async Task ConsumeWorker()
    {
        var reader = _consumeRequests.Reader;
        var stopping = StoppingToken;
        try
        {
            while (!stopping.IsCancellationRequested && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (!stopping.IsCancellationRequested && reader.TryRead(out var request))
                {
                    try
                    {
                        if (Options.ConsumeOrderly)
                        {
                            await ConsumeMessageOrderly(request.ProcessQueue, request.MessageQueue).ConfigureAwait(false);
                        }
                        else
                        {
                            await ConsumeMessageConcurrently(request).ConfigureAwait(false);
                        }
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e)
                    {
                        Logger.LogError(e, "consume request failed: group={Group} mq={MessageQueue}", ConsumerGroup, request.MessageQueue);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    private async Task ConsumeMessageConcurrently(ConsumeBatch request)
    {
        var pq = request.ProcessQueue;
        var mq = request.MessageQueue;
        if (Options.Limiter is { } limiter)
        {
            await limiter(Namespace.WithoutNamespace(mq.Topic), StoppingToken).ConfigureAwait(false);
        }

        var msgs = request.Messages;
        if (pq.IsDropped)
        {
            Logger.LogInformation("the message queue not be able to consume, because it was dropped: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            return;
        }

        var handler = FindHandler(mq, msgs);
        ResetRetryAndNamespace(msgs);

        // The message and concurrently contexts are made only if the handler or an interceptor reads them.
        var ctx = CallContext.ForConsume(_handlerCancellation.Token, request);

        var begin = Stopwatch.GetTimestamp();
        var (result, error) = await ConsumeInner(ctx, msgs, handler).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(begin);
        if (error is not null)
        {
            Logger.LogWarning(error, "consumeMessageCurrently error: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            ctx.ConsumerCtx!.Properties[ConsumeReturnTypeExtensions.PropCtxType] = ConsumeReturnType.ExceptionReturn.ToWireString();
        }
        else if (elapsed >= Options.ConsumeTimeout)
        {
            Logger.LogWarning("consumeMessageCurrently time out: group={Group} mq={MessageQueue} elapsed={Elapsed}", ConsumerGroup, mq, elapsed);
            ctx.ConsumerCtx!.Properties[ConsumeReturnTypeExtensions.PropCtxType] = ConsumeReturnType.TimeoutReturn.ToWireString();
        }

        Stats.IncreaseConsumeRT(ConsumerGroup, mq.Topic, (long)elapsed.TotalMilliseconds);
        if (pq.IsDropped)
        {
            Logger.LogWarning("processQueue is dropped without process consume result: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            return;
        }

        // Java's ackIndex: on success the handler may mark only a prefix consumed; the rest is retried. A context
        // nobody read holds the defaults (all acknowledged, the broker's delay level).
        var concurrentCtx = ctx.ConcurrentlyCtxIfMade;
        var ackIndex = result == ConsumeResult.ConsumeSuccess && error is null
            ? Math.Min(concurrentCtx?.AckIndex ?? int.MaxValue, msgs.Count - 1)
            : -1;
        if (ackIndex >= 0)
        {
            Stats.IncreaseConsumeOKTPS(ConsumerGroup, mq.Topic, ackIndex + 1);
        }

        if (ackIndex == msgs.Count - 1)
        {
            CommitRemoved(pq, mq, msgs);
            return;
        }

        Stats.IncreaseConsumeFailedTPS(ConsumerGroup, mq.Topic, msgs.Count - ackIndex - 1);
        if (Options.ConsumerModel == MessageModel.BroadCasting)
        {
            for (var i = ackIndex + 1; i < msgs.Count; i++)
            {
                Logger.LogWarning("BROADCASTING, the message consume failed, drop it: {MsgId}", msgs[i].MsgId);
            }

            CommitRemoved(pq, mq, msgs);
            return;
        }

        // No loss (unlike Go #1106): a message leaves the cache, and so lets the offset pass, only once the
        // broker or the retry topic holds it. What could not be sent back is consumed again later, without
        // holding this worker meanwhile (Java's submitConsumeRequestLater; Go sleeps 5 s in the worker).
        var (done, failed) = await SendBack(mq, msgs, ackIndex, concurrentCtx?.DelayLevelWhenNextConsume ?? 0).ConfigureAwait(false);
        CommitRemoved(pq, mq, done);
        if (failed is not null)
        {
            ConsumeLater(ConsumeBatch.Of(mq, pq, failed, ConsumerGroup));
        }
    }

    /// <summary>
    /// Sends the messages after <paramref name="ackIndex"/> back to the broker, side by side (Go and Java: one after
    /// the other, each waiting out its timeout when the broker is down). Returns the messages now held by the broker
    /// or acknowledged, and those it could not take (null when none), their reconsume count raised.
    /// </summary>
    private async Task<(List<MessageExt> Done, List<MessageExt>? Failed)> SendBack(MessageQueue mq, IReadOnlyList<MessageExt> msgs, int ackIndex, int delayLevel)
    {
        var sends = new Task<bool>[msgs.Count - ackIndex - 1];
        for (var i = 0; i < sends.Length; i++)
        {
            sends[i] = SendMessageBack(mq.BrokerName, msgs[ackIndex + 1 + i], delayLevel, MaxReconsumeTimes, StoppingToken);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        List<MessageExt>? failed = null;
        var done = new List<MessageExt>(msgs.Count);
        for (var i = 0; i < msgs.Count; i++)
        {
            if (i <= ackIndex || sends[i - ackIndex - 1].Result)
            {
                done.Add(msgs[i]);
            }
            else
            {
                msgs[i].ReconsumeTimes++;
                (failed ??= []).Add(msgs[i]);
            }
        }

        return (done, failed);
    }

    /// <summary>
    /// Hands <paramref name="request"/> to the workers again after <see cref="ReconsumeLaterDelay"/>; nothing waits
    /// meanwhile. Dropped when its queue is dropped or the consumer stops: its messages were not committed.
    /// </summary>
    private void ConsumeLater(ConsumeBatch request)
    {
        _ = Later();

        async Task Later()
        {
            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(StoppingToken, request.ProcessQueue.DroppedToken);
                await Task.Delay(ReconsumeLaterDelay, stop.Token).ConfigureAwait(false);
                await _consumeRequests.Writer.WriteAsync(request, stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                // dropped or shutting down: the offset never passed these messages
            }
        }
    }

    private void CommitRemoved(ProcessQueue pq, MessageQueue mq, IReadOnlyList<MessageExt> msgs)
    {
        var offset = pq.RemoveMessages(msgs);
        if (offset >= 0 && !pq.IsDropped)
        {
            Storage.Update(mq, offset, increaseOnly: true);
        }
    }

    // The handler of the queue's topic; for the retry topic, the handler of the message's original topic.
    private ConsumeHandler? FindHandler(MessageQueue mq, IReadOnlyList<MessageExt> msgs)
    {
        if (_consumeFunc.TryGetValue(mq.Topic, out var handler))
        {
            return handler;
        }

        if (msgs.Count > 0 && mq.Topic.StartsWith(Internal.Constants.RetryGroupTopicPrefix, StringComparison.Ordinal)
            && _consumeFunc.TryGetValue(msgs[0].GetProperty(PropertyKeys.RetryTopic), out handler))
        {
            return handler;
        }

        return null;
    }

    // Go: consumeInner: the handler, through the interceptor chain when there is one. Exceptions are results.
    // A ValueTask: a handler that completes at once costs no Task per call.
    private ValueTask<(ConsumeResult Result, Exception? Error)> ConsumeInner(CallContext ctx, IReadOnlyList<MessageExt> msgs, ConsumeHandler? handler)
        => ProcessObserved ? ConsumeObserved(ctx, msgs, handler) : ConsumeCore(ctx, msgs, handler);

    private async ValueTask<(ConsumeResult Result, Exception? Error)> ConsumeCore(CallContext ctx, IReadOnlyList<MessageExt> msgs, ConsumeHandler? handler)
    {
        if (msgs.Count == 0)
        {
            return (ConsumeResult.ConsumeRetryLater, new MQClientException("msg list empty"));
        }

        if (handler is null)
        {
            return (ConsumeResult.ConsumeRetryLater, new MQClientException($"the consume callback missing for topic: {msgs[0].Topic}"));
        }

        try
        {
            if (InterceptorChain is null)
            {
                return (await handler.Invoke(ctx, msgs).ConfigureAwait(false), null);
            }

            var holder = new ConsumeResultHolder { Handler = handler.Invoke };
            await InterceptorChain(ctx, msgs, holder, InvokeHandler).ConfigureAwait(false);
            return (holder.ConsumeResult, null);
        }
        catch (Exception e)
        {
            return (ConsumeResult.ConsumeRetryLater, e);
        }
    }

    // The innermost invoker of the interceptor chain; static, so no closure per call.
    private static async Task InvokeHandler(CallContext ctx, object request, object? reply)
    {
        var holder = (ConsumeResultHolder)reply!;
        holder.ConsumeResult = await holder.Handler!(ctx, (IReadOnlyList<MessageExt>)request).ConfigureAwait(false);
        if (ctx.ConsumerCtx is { } msgCtx)
        {
            msgCtx.Success = holder.ConsumeResult == ConsumeResult.ConsumeSuccess;
            msgCtx.Properties[ConsumeReturnTypeExtensions.PropCtxType] = (msgCtx.Success ? ConsumeReturnType.SuccessReturn : ConsumeReturnType.FailedReturn).ToWireString();
        }
    }
}
