using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Gets the outcome of <see cref="DefaultProducer.RequestAsync"/> (Go: <c>internal.RequestCallback</c>): the reply,
/// or the error (send failure, timeout, shutdown). Runs on the thread pool; exceptions it throws are logged and dropped.
/// </summary>
public delegate void RequestCallback(CallContext ctx, Message? reply, Exception? error);

internal sealed partial class DefaultProducer
{
    /// <summary>
    /// Sends a request message and waits for its reply (Go: <c>Request</c>; Java: <c>request</c>). The message gets
    /// CORRELATION_ID, REPLY_TO_CLIENT (this client's id) and TTL; a consumer answers with a message made by
    /// the consumer package's <c>MessageUtil.CreateReplyMessage</c>, which the broker pushes back to this client.
    /// </summary>
    /// <param name="ctx">Cancellation and interceptor values.</param>
    /// <param name="ttl">How long the send and the wait for the reply may take together.</param>
    /// <param name="msg">The request.</param>
    /// <exception cref="MQClientException">No reply within <paramref name="ttl"/> (<see cref="ClientErrors.ErrRequestTimeout"/>).</exception>
    public async Task<Message> Request(CallContext ctx, TimeSpan ttl, Message msg)
    {
        ctx ??= CallContext.Background;
        var observed = ObserveSend(msg, CommunicationMode.SendSync);
        SendOperation op;
        RequestResponseFuture future;
        try
        {
            (op, future) = await PrepareRequest(ctx, ttl, msg, null, observed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed?.End(null, e);
            throw;
        }

        var requests = Client.RequestFutures;
        try
        {
            await SendRequestMessage(op, observed).ConfigureAwait(false);
            future.SendRequestOk = true;

            // Go returns as soon as an interceptor is configured, without waiting for the reply; this always waits.
            return await future.WaitResponseMessage(msg, ctx.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            requests.RemoveRequestResponseFuture(future.CorrelationId);
        }
    }

    /// <summary>
    /// Sends a request message and returns once it is handed over; <paramref name="callback"/> gets the reply or the
    /// error (Go: <c>RequestAsync</c>).
    /// </summary>
    public async Task RequestAsync(CallContext ctx, TimeSpan ttl, RequestCallback callback, Message msg)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ctx ??= CallContext.Background;
        var observed = ObserveSend(msg, CommunicationMode.SendAsync);
        SendOperation op;
        RequestResponseFuture future;
        try
        {
            (op, future) = await PrepareRequest(ctx, ttl, msg, (reply, error) =>
            {
                try
                {
                    callback(ctx, reply, error);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "the RequestAsync callback of producer {Group} threw", Group);
                }
            }, observed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            observed?.End(null, e);
            throw;
        }

        _ = SendRequestInBackground(op, future, observed);
    }

    /// <summary>Sends the request message; its send span (when observed) ends with the send, not with the reply.</summary>
    private async Task SendRequestMessage(SendOperation op, ObservedSend? observed)
    {
        if (observed is null)
        {
            await Send(op).ConfigureAwait(false);
            return;
        }

        await observed.Await(Send(op)).ConfigureAwait(false);
    }

    private async Task SendRequestInBackground(SendOperation op, RequestResponseFuture future, ObservedSend? observed)
    {
        try
        {
            await SendRequestMessage(op, observed).ConfigureAwait(false);
            future.SendRequestOk = true;
        }
        catch (Exception e)
        {
            Client.RequestFutures.RemoveRequestResponseFuture(future.CorrelationId);
            future.Fail(e);
        }
    }

    /// <summary>Go: <c>prepareSendRequest</c>, plus the checks and the future registration both request forms share.</summary>
    private async Task<(SendOperation Op, RequestResponseFuture Future)> PrepareRequest(
        CallContext ctx, TimeSpan ttl, Message msg, Action<Message?, Exception?>? callback, ObservedSend? observed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero, nameof(ttl));
        CheckRunning();
        Message[] msgs = [msg];
        Validation.CheckMessages(msgs, Options.MaxMessageSize);
        SendRequest.WrapNamespace(msgs, Options.Namespace);

        var client = Client;
        var correlationId = Guid.NewGuid().ToString();
        msg.WithProperty(PropertyKeys.CorrelationId, correlationId);
        observed?.SetTag(RocketMQTelemetry.Tags.ConversationId, correlationId);
        msg.WithProperty(PropertyKeys.MessageReplyToClient, client.ClientID());

        // Java writes the TTL in milliseconds; Go writes seconds.
        msg.WithProperty(PropertyKeys.MessageTtl, ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));

        // The broker pushes the reply over this client's registered channel: make sure the broker knows it.
        if (!_publishInfo.ContainsKey(msg.Topic))
        {
            await TryToFindTopicPublishInfo(msg.Topic, ttl, ctx.CancellationToken).ConfigureAwait(false);
            await client.SendHeartbeatToAllBrokerWithLock(ctx.CancellationToken).ConfigureAwait(false);
        }

        var future = new RequestResponseFuture(correlationId, ttl, callback);
        client.RequestFutures.SetRequestResponseFuture(future);
        var wire = SendRequest.EncodeBatch(msgs, Options.MaxMessageSize);
        var op = new SendOperation(this, ctx, wire, msgs, CommunicationMode.SendAsync, ttl);
        return (op, future);
    }
}
