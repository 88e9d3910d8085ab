using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Sends whose queue a selector picks from an argument given per call (Java: <c>send(msg, selector, arg)</c> and its
/// async and oneway forms; Go has only the producer-wide <see cref="ProducerOptions.WithQueueSelector"/>). As in Java,
/// the selector's queue gets one attempt, within <see cref="ProducerOptions.SendMsgTimeout"/>: a retry elsewhere would
/// break the order the selector exists for, so a failure reaches the caller.
/// </summary>
internal sealed partial class DefaultProducer
{
    /// <summary>Sends <paramref name="msg"/> to the queue <paramref name="selector"/> picks for <paramref name="arg"/> and waits for the broker's answer.</summary>
    /// <exception cref="ArgumentException">An invalid message; thrown before any network call.</exception>
    /// <exception cref="MQClientException">Not started; no route for the topic; the selector returned null or threw (inner exception).</exception>
    /// <exception cref="MQBrokerException">The broker refused the message.</exception>
    /// <exception cref="SendTimeoutException">The send timeout ran out.</exception>
    /// <exception cref="RemotingException">The attempt failed in transport.</exception>
    public Task<SendResult> SendSync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg)
        => SendSelected(ctx, msg, selector, arg, CommunicationMode.SendSync)!;

    /// <summary>The awaitable async form of <see cref="SendSync(CallContext, Message, MessageQueueSelector, object?)"/>.</summary>
    public Task<SendResult> SendAsync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg)
        => SendSelected(ctx, msg, selector, arg, CommunicationMode.SendAsync)!;

    /// <summary>
    /// The callback form (Java: <c>send(msg, selector, arg, sendCallback)</c>): returns once the message is validated
    /// and handed over; <paramref name="callback"/> gets the result or the error.
    /// </summary>
    public Task SendAsync(CallContext ctx, SendCallback callback, Message msg, MessageQueueSelector selector, object? arg)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var op = PrepareSelected(ctx, msg, selector, arg, CommunicationMode.SendAsync);
        op.Callback = callback;
        _ = SendWithCallback(op);
        return Task.CompletedTask;
    }

    /// <summary>Sends to the selected queue without waiting for the broker's answer (Java: <c>sendOneway(msg, selector, arg)</c>).</summary>
    public Task SendOneWay(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg)
        => SendSelected(ctx, msg, selector, arg, CommunicationMode.SendOneway);

    private Task<SendResult?> SendSelected(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg, CommunicationMode mode)
        => Send(PrepareSelected(ctx, msg, selector, arg, mode));

    private SendOperation PrepareSelected(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg, CommunicationMode mode)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(selector);
        var op = Prepare(ctx, [msg], mode);
        op.QueueSelector = selector;
        op.SelectorArg = arg;
        return op;
    }

    /// <summary>Java's <c>sendSelectImpl</c> choice: the caller's selector over the topic's queues, seen without the namespace.</summary>
    private MessageQueue SelectByCaller(SendOperation op, IReadOnlyList<MessageQueue> queues)
    {
        var ns = Options.Namespace;
        MessageQueue? chosen;
        try
        {
            if (string.IsNullOrEmpty(ns))
            {
                chosen = op.QueueSelector!(queues, op.Msg, op.SelectorArg);
            }
            else
            {
                // As Java: the selector sees the topic the caller named; the chosen queue goes back into the namespace.
                var userTopic = Internal.Utils.Namespace.WithoutNamespace(op.Msg.Topic, ns);
                var userQueues = queues.Select(q => q with { Topic = userTopic }).ToList();
                var wrapped = op.Msg.Topic;
                op.Msg.Topic = userTopic;
                try
                {
                    chosen = op.QueueSelector!(userQueues, op.Msg, op.SelectorArg);
                }
                finally
                {
                    op.Msg.Topic = wrapped;
                }

                chosen = chosen is null ? null : chosen with { Topic = Internal.Utils.Namespace.WrapNamespace(ns, chosen.Topic) };
            }
        }
        catch (Exception e)
        {
            throw RememberError(op, new MQClientException($"the message queue selector threw for topic={op.Msg.Topic}: {e.Message}", e));
        }

        return chosen ?? throw RememberError(op, new MQClientException($"the message queue selector returned no queue for topic={op.Msg.Topic}"));
    }
}
