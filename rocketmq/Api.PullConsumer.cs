using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port;

/// <summary>
/// A lite pull consumer (Go: api.go <c>rocketmq.PullConsumer</c>, plus the seed API Go left commented out). Get one
/// from <see cref="Rocketmq.NewPullConsumer"/>, <see cref="Subscribe(string, MessageSelector)"/> or <see cref="Assign"/>, <see cref="Start()"/>,
/// then <see cref="Poll"/> and <see cref="ACK"/> (or <see cref="Pull(int, CancellationToken)"/> /
/// <see cref="PullFrom"/>), and <see cref="Shutdown()"/> (or dispose).
/// </summary>
public interface IPullConsumer : IAsyncDisposable
{
    /// <summary>Go: <c>Start</c>.</summary>
    Task Start();

    /// <summary>Go: <c>Start</c>, stopped by <paramref name="cancellationToken"/>; the start timeout bounds it too.</summary>
    Task Start(CancellationToken cancellationToken);

    /// <summary>Go: <c>Shutdown</c>: stop the pull loops, persist offsets (awaited), unregister.</summary>
    Task Shutdown();

    /// <summary>As <see cref="Shutdown()"/>; when <paramref name="cancellationToken"/> fires it stops waiting and releases everything at once.</summary>
    Task Shutdown(CancellationToken cancellationToken);

    /// <summary>Go: <c>GetTopicRouteInfo</c>: the readable queues of a topic.</summary>
    Task<IReadOnlyList<MessageQueue>> GetTopicRouteInfo(string topic, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>Subscribe</c>: queues from the group's rebalance.</summary>
    void Subscribe(string topic, MessageSelector selector);

    /// <summary>Go: <c>Unsubscribe</c>.</summary>
    void Unsubscribe(string topic);

    /// <summary>Go: <c>Assign</c>: exactly these queues, no rebalance.</summary>
    void Assign(string topic, IReadOnlyCollection<MessageQueue>? queues, MessageSelector? selector = null);

    /// <summary>Go: <c>Poll</c>: one queue's messages, or null when none came within <paramref name="timeout"/> (Go's ErrNoNewMsg).</summary>
    Task<ConsumeRequest?> Poll(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>ACK</c>: success moves the consumed offset; failure sends the messages back for a retry.</summary>
    Task ACK(ConsumeRequest request, ConsumeResult result, CancellationToken cancellationToken = default);

    /// <summary>Go master's <c>Pull(numbers)</c>: the next queue of the last subscribed or assigned topic.</summary>
    Task<PullResult> Pull(int numbers, CancellationToken cancellationToken = default);

    /// <summary>The seed API's <c>Pull(topic, numbers)</c>.</summary>
    Task<PullResult> Pull(string topic, int numbers, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>PullFrom</c>: exactly from <paramref name="offset"/>, touching no offset.</summary>
    Task<PullResult> PullFrom(MessageQueue queue, long offset, int numbers, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>SeekOffset</c>: continue the queue from <paramref name="offset"/>, dropping what is buffered.</summary>
    void SeekOffset(MessageQueue queue, long offset);

    /// <summary>Go: <c>OffsetForTimestamp</c>: the first offset stored at or after a Unix-ms timestamp.</summary>
    Task<long> OffsetForTimestamp(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>UpdateOffset</c>: set the consumed offset in memory (persisted with the next persist).</summary>
    void UpdateOffset(MessageQueue queue, long offset);

    /// <summary>Go: <c>PersistOffset</c>: write the topic's (or every) in-memory offset now.</summary>
    Task PersistOffset(string? topic = null, CancellationToken cancellationToken = default);

    /// <summary>Go: <c>CurrentOffset</c>: the next offset to consume.</summary>
    Task<long> CurrentOffset(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Seed API <c>Lookup</c>: as <see cref="OffsetForTimestamp"/>.</summary>
    Task<long> Lookup(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default);

    /// <summary>Seed API <c>Commit</c>: write the consumed offsets of the queues (all owned when null) and wait.</summary>
    Task<IReadOnlyDictionary<MessageQueue, long>> Commit(IEnumerable<MessageQueue>? queues = null, CancellationToken cancellationToken = default);

    /// <summary>Seed API <c>CommittedOffset</c>.</summary>
    Task<long> CommittedOffset(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Seed API <c>Seek</c>: <see cref="SeekOffset"/> checked against ownership and the queue's range.</summary>
    Task Seek(MessageQueue queue, long offset, CancellationToken cancellationToken = default);

    /// <summary>Seed API <c>Pause</c>: no more messages from these queues until resumed; no rebalance.</summary>
    void Pause(params MessageQueue[] queues);

    /// <summary>Seed API <c>Resume</c>.</summary>
    void Resume(params MessageQueue[] queues);

    /// <summary>The queues owned now, with the namespace: assigned ones, or this member's share after the last rebalance.</summary>
    IReadOnlyCollection<MessageQueue> OwnedQueues { get; }

    /// <summary>Java's <c>assignment()</c>: <see cref="OwnedQueues"/> without the namespace.</summary>
    IReadOnlyCollection<MessageQueue> Assignment();

    /// <summary>Java's <c>subscribe(topic, expression, MessageQueueListener)</c>: <paramref name="listener"/> hears of each change of this member's share.</summary>
    void Subscribe(string topic, MessageSelector selector, MessageQueueListener listener);

    /// <summary>Java's <c>registerTopicMessageQueueChangeListener</c>: <paramref name="listener"/> hears when the topic's queues change.</summary>
    Task RegisterTopicMessageQueueChangeListener(string topic, TopicMessageQueueChangeListener listener, CancellationToken cancellationToken = default);

    /// <summary>Java's <c>seekToBegin</c>: continue the queue from its first stored message.</summary>
    Task SeekToBegin(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Java's <c>seekToEnd</c>: continue the queue after its last message.</summary>
    Task SeekToEnd(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Java's <c>minOffset</c>: the queue's first stored offset.</summary>
    Task<long> MinOffset(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Java's <c>maxOffset</c>: the offset the queue's next message will get.</summary>
    Task<long> MaxOffset(MessageQueue queue, CancellationToken cancellationToken = default);

    /// <summary>Java's <c>earliestMsgStoreTime</c>: when the queue's first stored message was stored, Unix ms.</summary>
    Task<long> EarliestMsgStoreTime(MessageQueue queue, CancellationToken cancellationToken = default);
}

/// <summary>Go's package <c>rocketmq</c> (api.go): the pull consumer constructor.</summary>
public static partial class Rocketmq
{
    /// <summary>A lite pull consumer with Go's defaults and <paramref name="opts"/> applied (Go: <c>NewPullConsumer</c>).</summary>
    public static IPullConsumer NewPullConsumer(params ConsumerOption[] opts) => new PullConsumerApi(PullConsumer.NewPullConsumer(opts));

    private sealed class PullConsumerApi(PullConsumer consumer) : IPullConsumer
    {
        public Task Start() => consumer.Start();

        public Task Start(CancellationToken cancellationToken) => consumer.Start(cancellationToken);

        public Task Shutdown() => consumer.Shutdown();

        public Task Shutdown(CancellationToken cancellationToken) => consumer.Shutdown(cancellationToken);

        public Task<IReadOnlyList<MessageQueue>> GetTopicRouteInfo(string topic, CancellationToken cancellationToken = default)
            => consumer.GetTopicRouteInfo(topic, cancellationToken);

        public void Subscribe(string topic, MessageSelector selector) => consumer.Subscribe(topic, selector);

        public void Unsubscribe(string topic) => consumer.Unsubscribe(topic);

        public void Assign(string topic, IReadOnlyCollection<MessageQueue>? queues, MessageSelector? selector = null)
            => consumer.Assign(topic, queues, selector);

        public Task<ConsumeRequest?> Poll(TimeSpan timeout, CancellationToken cancellationToken = default) => consumer.Poll(timeout, cancellationToken);

        public Task ACK(ConsumeRequest request, ConsumeResult result, CancellationToken cancellationToken = default)
            => consumer.ACK(request, result, cancellationToken);

        public Task<PullResult> Pull(int numbers, CancellationToken cancellationToken = default) => consumer.Pull(numbers, cancellationToken);

        public Task<PullResult> Pull(string topic, int numbers, CancellationToken cancellationToken = default)
            => consumer.Pull(topic, numbers, cancellationToken);

        public Task<PullResult> PullFrom(MessageQueue queue, long offset, int numbers, CancellationToken cancellationToken = default)
            => consumer.PullFrom(queue, offset, numbers, cancellationToken);

        public void SeekOffset(MessageQueue queue, long offset) => consumer.SeekOffset(queue, offset);

        public Task<long> OffsetForTimestamp(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default)
            => consumer.OffsetForTimestamp(queue, timestampMs, cancellationToken);

        public void UpdateOffset(MessageQueue queue, long offset) => consumer.UpdateOffset(queue, offset);

        public Task PersistOffset(string? topic = null, CancellationToken cancellationToken = default) => consumer.PersistOffset(topic, cancellationToken);

        public Task<long> CurrentOffset(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.CurrentOffset(queue, cancellationToken);

        public Task<long> Lookup(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default)
            => consumer.Lookup(queue, timestampMs, cancellationToken);

        public Task<IReadOnlyDictionary<MessageQueue, long>> Commit(IEnumerable<MessageQueue>? queues = null, CancellationToken cancellationToken = default)
            => consumer.Commit(queues, cancellationToken);

        public Task<long> CommittedOffset(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.CommittedOffset(queue, cancellationToken);

        public Task Seek(MessageQueue queue, long offset, CancellationToken cancellationToken = default) => consumer.Seek(queue, offset, cancellationToken);

        public void Pause(params MessageQueue[] queues) => consumer.Pause(queues);

        public void Resume(params MessageQueue[] queues) => consumer.Resume(queues);

        public IReadOnlyCollection<MessageQueue> OwnedQueues => consumer.OwnedQueues;

        public IReadOnlyCollection<MessageQueue> Assignment() => consumer.Assignment();

        public void Subscribe(string topic, MessageSelector selector, MessageQueueListener listener) => consumer.Subscribe(topic, selector, listener);

        public Task RegisterTopicMessageQueueChangeListener(string topic, TopicMessageQueueChangeListener listener, CancellationToken cancellationToken = default)
            => consumer.RegisterTopicMessageQueueChangeListener(topic, listener, cancellationToken);

        public Task SeekToBegin(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.SeekToBegin(queue, cancellationToken);

        public Task SeekToEnd(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.SeekToEnd(queue, cancellationToken);

        public Task<long> MinOffset(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.MinOffset(queue, cancellationToken);

        public Task<long> MaxOffset(MessageQueue queue, CancellationToken cancellationToken = default) => consumer.MaxOffset(queue, cancellationToken);

        public Task<long> EarliestMsgStoreTime(MessageQueue queue, CancellationToken cancellationToken = default)
            => consumer.EarliestMsgStoreTime(queue, cancellationToken);

        public ValueTask DisposeAsync() => consumer.DisposeAsync();

        public override string ToString() => $"PullConsumer[{consumer.ConsumerGroup}]";
    }
}
