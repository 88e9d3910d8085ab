using System.Collections;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The push consumer's consume request (Go: push_consumer.go <c>ConsumeRequest</c>): one queue's messages on their
/// way through the bounded consume channel to a worker, and what makes the call's contexts when the handler or an
/// interceptor first reads them (<see cref="CallContext.ForConsume"/>). A one-message batch is itself the list the
/// handler gets, so a message costs one object here. For an orderly consumer the list is empty: the worker takes the
/// queue's messages itself, in order.
/// </summary>
internal sealed class ConsumeBatch : IReadOnlyList<MessageExt>, IConsumeCallContexts
{
    private static readonly MessageExt[] None = [];

    // The one message, or the list of several.
    private readonly object _messages;
    private readonly string _consumerGroup;

    private ConsumeBatch(MessageQueue messageQueue, ProcessQueue processQueue, object messages, string consumerGroup)
    {
        MessageQueue = messageQueue;
        ProcessQueue = processQueue;
        _messages = messages;
        _consumerGroup = consumerGroup;
    }

    /// <summary>The queue.</summary>
    public MessageQueue MessageQueue { get; }

    /// <summary>The queue's cache.</summary>
    public ProcessQueue ProcessQueue { get; }

    /// <summary>The messages, smallest offset first: this batch when it holds one, else the list it was given.</summary>
    public IReadOnlyList<MessageExt> Messages => _messages as IReadOnlyList<MessageExt> ?? this;

    /// <inheritdoc />
    public int Count => _messages is MessageExt ? 1 : ((IReadOnlyList<MessageExt>)_messages).Count;

    /// <inheritdoc />
    public MessageExt this[int index]
        => _messages is MessageExt one
            ? index == 0 ? one : throw new ArgumentOutOfRangeException(nameof(index))
            : ((IReadOnlyList<MessageExt>)_messages)[index];

    /// <summary>A request for the messages of <paramref name="msgs"/>.</summary>
    public static ConsumeBatch Of(MessageQueue mq, ProcessQueue pq, IReadOnlyList<MessageExt> msgs, string consumerGroup)
        => new(mq, pq, msgs, consumerGroup);

    /// <summary>A request for one message: the batch is its list.</summary>
    public static ConsumeBatch Single(MessageQueue mq, ProcessQueue pq, MessageExt msg, string consumerGroup)
        => new(mq, pq, msg, consumerGroup);

    /// <summary>An orderly queue to consume: no messages.</summary>
    public static ConsumeBatch Orderly(MessageQueue mq, ProcessQueue pq, string consumerGroup)
        => new(mq, pq, None, consumerGroup);

    /// <inheritdoc />
    public IEnumerator<MessageExt> GetEnumerator()
    {
        if (_messages is MessageExt one)
        {
            yield return one;
            yield break;
        }

        foreach (var msg in (IReadOnlyList<MessageExt>)_messages)
        {
            yield return msg;
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    ConsumeMessageContext IConsumeCallContexts.CreateConsumerCtx()
        => new() { ConsumerGroup = _consumerGroup, MQ = MessageQueue, Msgs = Messages };

    /// <inheritdoc />
    ConsumeConcurrentlyContext IConsumeCallContexts.CreateConcurrentlyCtx() => new() { MQ = MessageQueue };
}
