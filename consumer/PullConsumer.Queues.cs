using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Called when a rebalance changed which queues of a subscribed topic this member owns (Java:
/// <c>MessageQueueListener.messageQueueChanged</c>). Topics and queues are given without the namespace.
/// </summary>
/// <param name="topic">The topic.</param>
/// <param name="mqAll">Every queue of the topic.</param>
/// <param name="mqDivided">The queues this member owns now.</param>
public delegate void MessageQueueListener(string topic, IReadOnlyCollection<MessageQueue> mqAll, IReadOnlyCollection<MessageQueue> mqDivided);

/// <summary>
/// Called when the queues of a watched topic changed on the brokers: added, removed, or a broker came or went (Java:
/// <c>TopicMessageQueueChangeListener.onChanged</c>). Typical in assign mode, to assign the new queues.
/// </summary>
/// <param name="topic">The topic, without the namespace.</param>
/// <param name="messageQueues">Its readable queues now.</param>
public delegate void TopicMessageQueueChangeListener(string topic, IReadOnlyCollection<MessageQueue> messageQueues);

/// <summary>
/// What Java's lite pull consumer offers beyond Go's: queue-change listeners, the owned queues, seeking to either end
/// and a queue's offset range and first store time.
/// </summary>
internal sealed partial class PullConsumer
{
    private readonly ConcurrentDictionary<string, MessageQueueListener> _queueListeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TopicWatch> _topicWatches = new(StringComparer.Ordinal);
    private ClientLoop? _topicWatchLoop;

    /// <summary>
    /// As <see cref="Subscribe(string, MessageSelector)"/>, and <paramref name="listener"/> hears of every change in
    /// this member's share of the topic's queues after a rebalance (Java: <c>subscribe(topic, expression,
    /// MessageQueueListener)</c>). It runs on the rebalance's thread after the consumer took the queues; an exception
    /// it throws is logged.
    /// </summary>
    /// <exception cref="ArgumentNullException">No listener.</exception>
    public void Subscribe(string topic, MessageSelector selector, MessageQueueListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Validators.ValidateTopic(topic);
        _queueListeners[Namespace.WrapNamespace(Options.Namespace, topic)] = listener;
        try
        {
            Subscribe(topic, selector);
        }
        catch
        {
            _queueListeners.TryRemove(Namespace.WrapNamespace(Options.Namespace, topic), out _);
            throw;
        }
    }

    /// <summary>
    /// Watches the queues of <paramref name="topic"/> (Java: <c>registerTopicMessageQueueChangeListener</c>): the
    /// name server is asked every route-refresh period (30 s, Java's topicMetadataCheckIntervalMillis) and whenever
    /// a route change of a subscribed or assigned topic is seen, and <paramref name="listener"/> gets the new queues
    /// when they differ from the last ones seen. Registering again replaces the listener. When running, the current
    /// queues are read now (the listener is not called for them).
    /// </summary>
    /// <exception cref="ArgumentNullException">No listener.</exception>
    /// <exception cref="MQClientException">The topic has no route (when running).</exception>
    public async Task RegisterTopicMessageQueueChangeListener(string topic, TopicMessageQueueChangeListener listener, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Validators.ValidateTopic(topic);
        var wrapped = Namespace.WrapNamespace(Options.Namespace, topic);
        var watch = _topicWatches.AddOrUpdate(wrapped, _ => new TopicWatch(listener), (_, old) => old.With(listener));
        if (IsRunning)
        {
            watch.Known = await FetchQueues(wrapped, cancellationToken).ConfigureAwait(false);
            StartTopicWatch();
        }
    }

    /// <summary>
    /// The queues this consumer owns now (Java: <c>assignment()</c>): the assigned ones, or its share after the last
    /// rebalance, without the namespace. The same as <see cref="DefaultConsumer.OwnedQueues"/>, which keeps the namespace.
    /// </summary>
    public IReadOnlyCollection<MessageQueue> Assignment()
    {
        var owned = new List<MessageQueue>();
        foreach (var mq in ProcessQueueTable.Keys)
        {
            owned.Add(Unwrap(mq));
        }

        return owned;
    }

    /// <summary>
    /// Continues <paramref name="queue"/> from its first message still stored (Java: <c>seekToBegin</c>): as
    /// <see cref="SeekOffset"/> with the broker's minimum offset.
    /// </summary>
    /// <exception cref="MQClientException">Not running, or the queue is neither owned nor assigned.</exception>
    public async Task SeekToBegin(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        var mq = EnsureSeekable(queue);
        SeekOffset(mq, await QueryMinOffset(mq, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Continues <paramref name="queue"/> after its last message (Java: <c>seekToEnd</c>): only messages stored from
    /// now on are polled; as <see cref="SeekOffset"/> with the broker's maximum offset.
    /// </summary>
    /// <exception cref="MQClientException">Not running, or the queue is neither owned nor assigned.</exception>
    public async Task SeekToEnd(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        var mq = EnsureSeekable(queue);
        SeekOffset(mq, await QueryMaxOffset(mq, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The offset of the first message <paramref name="queue"/> still stores (Java: <c>minOffset</c>; GET_MIN_OFFSET).</summary>
    /// <exception cref="MQBrokerException">The broker refused.</exception>
    public Task<long> MinOffset(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        return QueryMinOffset(Wrap(queue), cancellationToken);
    }

    /// <summary>The offset the next message of <paramref name="queue"/> will get (Java: <c>maxOffset</c>; GET_MAX_OFFSET).</summary>
    /// <exception cref="MQBrokerException">The broker refused.</exception>
    public Task<long> MaxOffset(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        return QueryMaxOffset(Wrap(queue), cancellationToken);
    }

    /// <summary>
    /// When the first message <paramref name="queue"/> still stores was stored, Unix ms (Java:
    /// <c>earliestMsgStoreTime</c>; GET_EARLIEST_MSG_STORETIME); what the broker answers for an empty queue (Java's
    /// broker: -1 or 0).
    /// </summary>
    /// <exception cref="MQBrokerException">The broker refused.</exception>
    public async Task<long> EarliestMsgStoreTime(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        var mq = Wrap(queue);
        var header = new GetMaxOffsetRequestHeader { Topic = mq.Topic, QueueId = mq.QueueId, BrokerName = mq.BrokerName };
        return await QueryQueueValue(mq, RequestCode.GET_EARLIEST_MSG_STORETIME, header, "timestamp", cancellationToken).ConfigureAwait(false);
    }

    private MessageQueue EnsureSeekable(MessageQueue queue)
    {
        EnsureRunning();
        var mq = Wrap(queue);
        if (!ProcessQueueTable.ContainsKey(mq) && !IsAssigned(mq))
        {
            throw new MQClientException(SubType == SubscriptionType.Subscribe
                ? $"the message queue is not in the assigned list, maybe rebalancing: {mq}"
                : $"the message queue is not in the assigned list: {mq}");
        }

        return mq;
    }

    // GET_MIN_OFFSET (Java: MQAdminImpl.minOffset).
    private Task<long> QueryMinOffset(MessageQueue mq, CancellationToken cancellationToken)
    {
        var header = new GetMaxOffsetRequestHeader { Topic = mq.Topic, QueueId = mq.QueueId, BrokerName = mq.BrokerName };
        return QueryQueueValue(mq, RequestCode.GET_MIN_OFFSET, header, "offset", cancellationToken);
    }

    // One number from the master of the queue's broker.
    private async Task<long> QueryQueueValue(MessageQueue mq, int code, ICommandHeader header, string field, CancellationToken cancellationToken)
    {
        var addr = await FindBrokerAddrByName(mq.BrokerName, mq.Topic, cancellationToken).ConfigureAwait(false)
            ?? throw new MQClientException(ClientErrors.ErrBrokerNotFound, $"the broker [{mq.BrokerName}] does not exist");
        var response = await Client.InvokeSync(Client.ForVipCall(addr), CommandHeaders.CreateRequest(code, header), DefaultConsumer.BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Code != ResponseCode.SUCCESS)
        {
            throw new MQBrokerException(response.Code, response.Remark, addr);
        }

        var text = response.GetExtField(field);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MQBrokerException(response.Code, $"bad {field} '{text}' for {mq}", addr);
    }

    // After a rebalance changed this member's share of a topic.
    private void NotifyQueueListener(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided)
    {
        if (!_queueListeners.TryGetValue(topic, out var listener))
        {
            return;
        }

        try
        {
            listener(Namespace.WithoutNamespace(topic, Options.Namespace), UnwrapAll(mqAll), UnwrapAll(mqDivided));
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "the message queue listener of topic {Topic} threw: group={Group}", topic, ConsumerGroup);
        }
    }

    // At Start: the queues of the watched topics as they are now; then the watch loop.
    private async Task StartTopicWatches()
    {
        foreach (var (topic, watch) in _topicWatches)
        {
            try
            {
                watch.Known = await FetchQueues(topic, StoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "reading the queues of watched topic {Topic} failed: group={Group}", topic, ConsumerGroup);
            }
        }

        if (!_topicWatches.IsEmpty)
        {
            StartTopicWatch();
        }
    }

    private void StartTopicWatch()
    {
        var period = Options.Client.Intervals.PullNameServer;
        var loop = new ClientLoop("topic-queue-watch", period, period, CheckWatchedTopics, Logger);
        if (Interlocked.CompareExchange(ref _topicWatchLoop, loop, null) is null)
        {
            loop.Start(StoppingToken);
        }
    }

    // Java: fetchTopicMessageQueuesAndCompare.
    private async Task CheckWatchedTopics(CancellationToken cancellationToken)
    {
        foreach (var (topic, watch) in _topicWatches)
        {
            IReadOnlyCollection<MessageQueue> now;
            try
            {
                now = await FetchQueues(topic, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning(e, "reading the queues of watched topic {Topic} failed: group={Group}", topic, ConsumerGroup);
                continue;
            }

            var before = watch.Known;
            if (before is not null && new HashSet<MessageQueue>(before).SetEquals(now))
            {
                continue;
            }

            watch.Known = now;
            try
            {
                watch.Listener(Namespace.WithoutNamespace(topic, Options.Namespace), now);
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "the queue change listener of topic {Topic} threw: group={Group}", topic, ConsumerGroup);
            }
        }
    }

    // A route change of a subscribed or assigned topic: look at the watched topics now instead of at the next tick.
    private void OnRouteChanged(string topic)
    {
        if (_topicWatches.ContainsKey(topic))
        {
            _topicWatchLoop?.Trigger();
        }
    }

    private async Task<IReadOnlyCollection<MessageQueue>> FetchQueues(string topic, CancellationToken cancellationToken)
        => UnwrapAll(await Client.GetNameSrv().FetchSubscribeMessageQueues(topic, cancellationToken).ConfigureAwait(false));

    private MessageQueue Unwrap(MessageQueue mq)
    {
        if (Options.Namespace.Length == 0)
        {
            return mq;
        }

        var topic = Namespace.WithoutNamespace(mq.Topic, Options.Namespace);
        return topic == mq.Topic ? mq : mq with { Topic = topic };
    }

    private List<MessageQueue> UnwrapAll(IReadOnlyList<MessageQueue> mqs)
    {
        var list = new List<MessageQueue>(mqs.Count);
        foreach (var mq in mqs)
        {
            list.Add(Unwrap(mq));
        }

        return list;
    }

    private sealed class TopicWatch(TopicMessageQueueChangeListener listener)
    {
        public TopicMessageQueueChangeListener Listener { get; private set; } = listener;

        public volatile IReadOnlyCollection<MessageQueue>? Known;

        public TopicWatch With(TopicMessageQueueChangeListener listener)
        {
            Listener = listener;
            return this;
        }
    }
}
