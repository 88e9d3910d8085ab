using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Gets the outcome of Go's callback form of SendAsync (Go: <c>func(ctx, *SendResult, error)</c>): a result, or
/// the error after every retry failed. Runs on the thread pool; exceptions it throws are logged and dropped.
/// </summary>
public delegate void SendCallback(CallContext ctx, SendResult? result, Exception? error);

internal sealed partial class DefaultProducer
{
    /// <summary>
    /// Sends one message, or several as one batch, and completes with the broker's answer (Go: <c>SendSync</c>).
    /// Failed attempts are retried at once on another broker, up to <see cref="ProducerOptions.RetryTimes"/> times,
    /// all within <see cref="ProducerOptions.SendMsgTimeout"/>.
    /// </summary>
    /// <param name="ctx">Cancellation and values for interceptors (Go: <c>ctx</c>); <see cref="CallContext.Background"/> for none.</param>
    /// <param name="msgs">One message, or the messages of a batch (same topic, no delay).</param>
    /// <exception cref="ArgumentException">An invalid message, named by <see cref="ArgumentException.ParamName"/>; thrown before any network call.</exception>
    /// <exception cref="MQClientException">Not started (<see cref="ClientErrors.ErrNotRunning"/>), or no route for the topic.</exception>
    /// <exception cref="MQBrokerException">The broker refused the message.</exception>
    /// <exception cref="SendTimeoutException">The send timeout ran out.</exception>
    /// <exception cref="RemotingException">Every attempt failed in transport.</exception>
    public Task<SendResult> SendSync(CallContext ctx, params Message[] msgs)
        => (SendObserved ? SendObservedAsync(ctx, msgs, CommunicationMode.SendSync) : SendPooled(ctx, msgs, CommunicationMode.SendSync))!;

    /// <summary>As <see cref="SendSync(CallContext, Message[])"/> with no context.</summary>
    public Task<SendResult> SendSync(params Message[] msgs) => SendSync(CallContext.Background, msgs);

    /// <summary>
    /// Go's callback form of SendAsync: returns once the message is validated and handed over, then calls
    /// <paramref name="callback"/> with the result or the final error. Unlike Go, failed attempts are retried on
    /// another broker, and the send timeout bounds the whole send.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid message; thrown at once and the callback is not called.</exception>
    /// <exception cref="MQClientException">Not started; thrown at once.</exception>
    public Task SendAsync(CallContext ctx, SendCallback callback, params Message[] msgs)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (SendObserved)
        {
            SendObservedWithCallback(ctx, callback, msgs);
            return Task.CompletedTask;
        }

        var op = Prepare(ctx, msgs, CommunicationMode.SendAsync);
        op.Callback = callback;
        _ = SendWithCallback(op);
        return Task.CompletedTask;
    }

    /// <summary>The awaitable form of SendAsync: completes with the result, as <see cref="SendSync(CallContext, Message[])"/>.</summary>
    public Task<SendResult> SendAsync(CallContext ctx, params Message[] msgs)
        => (SendObserved ? SendObservedAsync(ctx, msgs, CommunicationMode.SendAsync) : SendPooled(ctx, msgs, CommunicationMode.SendAsync))!;

    /// <summary>
    /// Sends without waiting for the broker's answer (Go: <c>SendOneWay</c>): completes once the request is queued
    /// on a connection. Retried on another broker when no connection could take it.
    /// </summary>
    public Task SendOneWay(CallContext ctx, params Message[] msgs)
        => SendObserved ? SendObservedAsync(ctx, msgs, CommunicationMode.SendOneway) : SendPooled(ctx, msgs, CommunicationMode.SendOneway);

    /// <summary>As <see cref="SendOneWay(CallContext, Message[])"/> with no context.</summary>
    public Task SendOneWay(params Message[] msgs) => SendOneWay(CallContext.Background, msgs);

    /// <summary>Validation and preparation, all before any network call (Go: <c>checkMsg</c>, namespace, <c>encodeBatch</c>).</summary>
    internal SendOperation Prepare(CallContext? ctx, Message[] msgs, CommunicationMode mode, bool pooled = false)
    {
        CheckRunning();
        Validation.CheckMessages(msgs, Options.MaxMessageSize);
        SendRequest.WrapNamespace(msgs, Options.Namespace);
        var wire = SendRequest.EncodeBatch(msgs, Options.MaxMessageSize);
        return pooled
            ? SendOperation.Rent(this, ctx ?? CallContext.Background, wire, msgs, mode, Options.SendMsgTimeout)
            : new SendOperation(this, ctx ?? CallContext.Background, wire, msgs, mode, Options.SendMsgTimeout);
    }

    /// <summary>A send whose operation nobody sees after it ends (no interceptor): the operation comes from a pool.</summary>
    private Task<SendResult?> SendPooled(CallContext ctx, Message[] msgs, CommunicationMode mode)
        => _interceptor is null ? Execute(Prepare(ctx, msgs, mode, pooled: true)).AsTask() : Send(Prepare(ctx, msgs, mode));

    /// <summary>Runs a prepared send through the interceptors (if any) and the retry pipeline.</summary>
    internal Task<SendResult?> Send(SendOperation op) => _interceptor is null ? Execute(op).AsTask() : ExecuteIntercepted(op);

    private async Task SendWithCallback(SendOperation op)
    {
        SendResult? result = null;
        Exception? error = null;
        try
        {
            result = await Send(op).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        try
        {
            op.Callback!(op.Ctx, result, error);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "the SendAsync callback of producer {Group} threw", Group);
        }
    }

    /// <summary>
    /// The first attempt runs directly; only a retryable failure hands the send to the Polly retry pipeline for the
    /// remaining <see cref="ProducerOptions.RetryTimes"/> attempts. The happy path thus costs no pipeline state, and
    /// its state machine is pooled: the caller's Task is the one allocation (AsTask) left for this layer's await.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SendResult?> Execute(SendOperation op)
    {
        try
        {
            try
            {
                return await SendOnce(op, op.Ctx.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Options.RetryTimes > 0 && op.QueueSelector is null && SendRetry.IsRetryable(e) && !op.Ctx.CancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("send to topic {Topic} failed ({Error}); retrying at once, on another broker when there is one", op.Msg.Topic, e.Message);
            }

            var context = ResilienceContextPool.Shared.Get(op.Ctx.CancellationToken);
            try
            {
                return await _retryPipeline.ExecuteAsync(
                    static (context, op) => op.Producer.SendOnce(op, context.CancellationToken),
                    context,
                    op).ConfigureAwait(false);
            }
            catch (RemotingTimeoutException e) when (e is not SendTimeoutException && op.BudgetSpent)
            {
                // The last attempt started with (nearly) nothing left of the budget and its transport timed out:
                // the send as a whole ran out of time, so the caller gets the one timeout type the option promises.
                op.LastError = e;
                throw op.BudgetExceeded();
            }
            catch (Exception e) when (e is not SendTimeoutException)
            {
                _logger.LogWarning("send to topic {Topic} failed {Attempts} times (brokers: {Brokers}) in {Elapsed} ms: {Error}",
                    op.Msg.Topic, op.Attempts, op.BrokersSent is null ? op.LastBrokerName : string.Join(", ", op.BrokersSent),
                    (long)Stopwatch.GetElapsedTime(op.Start).TotalMilliseconds, e.Message);
                throw;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
        finally
        {
            if (op.Pooled)
            {
                SendOperation.Return(op); // nobody looks at it once the send is over
            }
        }
    }

    /// <summary>
    /// One attempt (the body of Go's retry loop; Java's <c>sendKernelImpl</c> with its fault bookkeeping): pick a
    /// queue avoiding the last broker and brokers in backoff, send with what is left of the budget, record latency.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SendResult?> SendOnce(SendOperation op, CancellationToken cancellationToken)
    {
        if (op.BudgetSpent)
        {
            throw op.BudgetExceeded();
        }

        op.Attempts++;
        var msg = op.Msg;
        TopicPublishInfo info;
        try
        {
            info = await TryToFindTopicPublishInfo(msg.Topic, op.Remaining(), cancellationToken).ConfigureAwait(false);
        }
        catch (RemotingTimeoutException e) when (op.BudgetSpent)
        {
            // The route lookup outlived the send timeout (it goes on for later sends): the send as a whole timed out.
            op.LastError = e;
            throw op.BudgetExceeded();
        }
        catch (RocketMQException e)
        {
            throw RememberError(op, e);
        }

        var mq = op.QueueSelector is not null
            ? SelectByCaller(op, info.MqList)
            : FaultStrategy.SelectOneMessageQueue(Options.Selector, msg, info.MqList, op.LastBrokerName)
                ?? throw RememberError(op, ClientErrors.Create(ClientErrors.ErrRouteNotFound, $"no queue selected for topic={msg.Topic}"));
        op.RecordBroker(mq.BrokerName);
        var addr = FindBrokerAddress(mq.BrokerName)
            ?? throw RememberError(op, ClientErrors.Create(ClientErrors.ErrBrokerNotFound, $"broker {mq.BrokerName} of topic={msg.Topic}"));
        if (op.ProducerCtx is { } producerCtx)
        {
            producerCtx.BrokerAddr = addr;
            producerCtx.MQ = mq;
        }

        var remaining = op.Remaining();
        if (remaining <= TimeSpan.Zero)
        {
            throw op.BudgetExceeded();
        }

        // The request belongs to the transport from here on, and the response is lent to the reader only.
        var request = SendRequest.Build(msg, mq, Group, Options);
        var begin = Stopwatch.GetTimestamp();
        try
        {
            if (op.Mode == CommunicationMode.SendOneway)
            {
                await Client.InvokeOneWay(addr, request, remaining, cancellationToken).ConfigureAwait(false);
                FaultStrategy.UpdateFaultItem(mq.BrokerName, ElapsedMs(begin), isolation: false, reachable: true);
                return null;
            }

            var result = await Client.InvokeAsync(addr, request, remaining, static (response, s) =>
            {
                s.Client.ProcessSendResponse(s.Queue.BrokerName, response, s.Result, s.Messages, s.Queue);
                return s.Result;
            }, (Client, Result: op.Result ?? new SendResult(), op.Messages, Queue: mq), cancellationToken).ConfigureAwait(false);

            FaultStrategy.UpdateFaultItem(mq.BrokerName, ElapsedMs(begin), isolation: false, reachable: true);
            if (!string.IsNullOrEmpty(Options.Namespace) && result.MessageQueue is { } queue)
            {
                // As Java: the caller sees the topic it named, without the namespace.
                result.MessageQueue = queue with { Topic = Internal.Utils.Namespace.WithoutNamespace(queue.Topic, Options.Namespace) };
            }

            return result;
        }
        catch (RemotingException e)
        {
            FaultStrategy.UpdateFaultItem(mq.BrokerName, ElapsedMs(begin), isolation: true, reachable: true);
            if (e is RemotingConnectException)
            {
                _ = Client.BrokerUnreachable(mq.Topic, addr);
            }

            op.LastError = e;
            throw;
        }
        catch (MQBrokerException e)
        {
            // Java isolates the broker for any refusal; a refusal of this message (illegal, too big, ...) says nothing
            // about the broker, so only the codes worth a retry elsewhere count as a broker fault here.
            var brokerFault = SendRetry.IsRetryCode(e.ResponseCode);
            FaultStrategy.UpdateFaultItem(mq.BrokerName, ElapsedMs(begin), isolation: brokerFault, reachable: !brokerFault);
            op.LastError = e;
            throw;
        }
    }

    private async Task<SendResult?> ExecuteIntercepted(SendOperation op)
    {
        var result = op.Result ?? new SendResult();
        op.Result = result;
        var producerCtx = new ProducerCtx
        {
            ProducerGroup = Group,
            CommunicationMode = op.Mode,
            BornHost = NetUtils.LocalIP,
            Message = op.Msg,
            SendResult = result,
            Namespace = Options.Namespace,
            MsgType = MessageTypeOf(op.Msg),
        };
        op.ProducerCtx = producerCtx;
        op.Ctx = op.Ctx.WithMethod(op.Mode).WithProducerCtx(producerCtx);
        var reply = op.Mode == CommunicationMode.SendOneway ? null : result;

        // One closure per send, only when interceptors are configured: the invoker must reach this operation.
        await _interceptor!(op.Ctx, op.Msg, reply, async (ctx, request, _) =>
        {
            op.Ctx = ctx;
            op.Msg = request as Message ?? op.Msg;
            await Execute(op).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return op.Mode == CommunicationMode.SendOneway ? null : result;
    }

    private static MessageType MessageTypeOf(Message msg)
    {
        if (msg.GetProperty(PropertyKeys.TransactionPrepared).Length > 0)
        {
            return MessageType.TransMsgHalf;
        }

        return msg.GetProperty(PropertyKeys.DelayTimeLevel).Length > 0 || msg.GetProperty(PropertyKeys.TimerDeliverMs).Length > 0
            ? MessageType.DelayMsg
            : MessageType.NormalMsg;
    }

    private static Exception RememberError(SendOperation op, Exception e)
    {
        op.LastError = e;
        return e;
    }

    private static long ElapsedMs(long begin) => (long)Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
}
