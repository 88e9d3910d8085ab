namespace RocketMQ.Go.Port.Consumer;

/// <summary>Reading queues directly (Go: <c>Pull</c>, <c>PullFrom</c>, consumer.go <c>pullInner</c>).</summary>
internal sealed partial class PullConsumer
{
    /// <summary>Pulls up to <paramref name="numbers"/> messages of the last subscribed or assigned topic (Go master: <c>Pull</c>).</summary>
    /// <exception cref="MQClientException">As <see cref="Pull(string, int, CancellationToken)"/>.</exception>
    public Task<PullResult> Pull(int numbers, CancellationToken cancellationToken = default)
        => Pull(Volatile.Read(ref _lastTopic) ?? throw ClientErrors.Create(ClientErrors.ErrBlankSubType, "nothing subscribed or assigned"), numbers, cancellationToken);

    /// <summary>
    /// Pulls up to <paramref name="numbers"/> messages of <paramref name="topic"/> from the next of its queues in
    /// turn (owned ones first, else every readable one), at the queue's consumed offset (Go: <c>Pull</c>; the seed API's
    /// <c>Pull(topic, n)</c>). With auto commit on the consumed offset then moves past what was returned, as the
    /// seed API documents; with it off the caller moves it (<see cref="UpdateOffset"/>, as Go's example always does).
    /// Calls on one queue run one at a time, so with auto commit two callers never get the same messages, from the
    /// first call on: a call made before the first rebalance took this member's queues waits for it, and the position
    /// Pull reached survives the queue being taken by a rebalance. Does not wait for new messages: an empty queue
    /// answers <see cref="PullStatus.PullNoNewMsg"/> at once (Go sets the long-poll flag and waits up to 20 s).
    /// </summary>
    /// <exception cref="MQClientException">Not running, <paramref name="numbers"/> not positive
    /// (<see cref="ClientErrors.ErrNumbers"/>), no queue, or the broker refused.</exception>
    public async Task<PullResult> Pull(string topic, int numbers, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        if (numbers <= 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNumbers);
        }

        var started = DateTimeOffset.UtcNow;

        // Until the first rebalance has taken this member's queues, a Pull would read queues that the rebalance is
        // about to (re)start from the broker's offset, so it waits for it.
        await _firstRebalance.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        EnsureRunning();
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        var mq = await NextQueueOf(topic, cancellationToken).ConfigureAwait(false);
        var state = _states.Get(mq);
        var gate = state.PullGate;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var offset = PullStart(mq, state);
            if (offset < 0)
            {
                offset = await ComputePullFromWhereWithException(mq, cancellationToken).ConfigureAwait(false);
            }

            var data = SubscriptionOf(topic);
            var result = await PullInner(mq, data, offset, numbers, suspend: false, cancellationToken).ConfigureAwait(false);
            ProcessPullResult(mq, result, data);
            if (Options.AutoCommit && result.Status is PullStatus.PullFound or PullStatus.PullNoNewMsg or PullStatus.PullNoMsgMatched)
            {
                state.RaisePullPosition(result.NextBeginOffset);
                Storage.Update(mq, result.NextBeginOffset, increaseOnly: true);
                _directQueues.TryAdd(mq, 0);
            }

            await AfterDirectPull(mq, result, cancellationToken).ConfigureAwait(false);
            ObserveReceived(result, started);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Pulls up to <paramref name="numbers"/> messages of <paramref name="queue"/> starting exactly at
    /// <paramref name="offset"/> (Go: <c>PullFrom</c>). Touches no offset; the caller keeps its own position (Go's
    /// example stores it in Redis). Does not wait for new messages. Go also subscribes the topic as a side effect,
    /// which would make a subscribing consumer rebalance it; here the pull carries its own subscription.
    /// </summary>
    /// <exception cref="MQClientException">Not running, no queue (<see cref="ClientErrors.ErrMQEmpty"/>), negative
    /// offset (<see cref="ClientErrors.ErrOffset"/>), <paramref name="numbers"/> not positive
    /// (<see cref="ClientErrors.ErrNumbers"/>), or the broker refused.</exception>
    public async Task<PullResult> PullFrom(MessageQueue queue, long offset, int numbers, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        if (queue is null)
        {
            throw ClientErrors.Create(ClientErrors.ErrMQEmpty);
        }

        if (offset < 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrOffset);
        }

        if (numbers <= 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNumbers);
        }

        var started = DateTimeOffset.UtcNow;
        var mq = Wrap(queue);
        var data = SubscriptionOf(mq.Topic);
        var result = await PullInner(mq, data, offset, numbers, suspend: false, cancellationToken).ConfigureAwait(false);
        ProcessPullResult(mq, result, data);
        await AfterDirectPull(mq, result, cancellationToken).ConfigureAwait(false);
        ObserveReceived(result, started);
        return result;
    }

    // Where Pull reads: the position this consumer moved, which a rebalance taking the queue does not forget, else
    // the in-memory offset. With auto commit Poll/ACK move the in-memory offset too, so the further of the two; with
    // it off the offset stays where the caller last put it (Go's model: Pull repeats until UpdateOffset).
    private long PullStart(MessageQueue mq, PullConsumerQueueState state)
    {
        var position = state.PullPosition;
        var memory = Storage.ReadFromMemory(mq);
        return Options.AutoCommit ? Math.Max(position, memory) : position >= 0 ? position : memory;
    }

    // A queue the rebalance takes starts where the broker says, unless this consumer's own Pull, UpdateOffset or seek
    // moved it further while it was not owned (before the first rebalance, or through an assignment change): the
    // rebalance forgets the in-memory offset, and restarting from the broker's would hand those messages out again.
    protected override long NewQueueOffset(MessageQueue mq, long fromStore)
    {
        if (!_states.TryGet(mq, out var state) || state.PullPosition <= fromStore)
        {
            return fromStore;
        }

        var position = state.PullPosition;
        Storage.Update(mq, position, increaseOnly: true);
        return position;
    }

    // PULL_MESSAGE to the queue's broker (Go: pullInner). Without suspend the broker answers at once.
    private async Task<PullResult> PullInner(MessageQueue mq, SubscriptionData data, long offset, int numbers, bool suspend, CancellationToken cancellationToken)
    {
        var broker = await TryFindBroker(mq, cancellationToken).ConfigureAwait(false)
            ?? throw ClientErrors.Create(ClientErrors.ErrBrokerNotFound, mq.ToString());
        var (commitOffset, subExpression, subVersion) = PullArguments(mq, data);
        var result = await PullMessage(broker, mq, data, offset, numbers, commitOffset, suspend, subExpression, subVersion, out var begin, cancellationToken).ConfigureAwait(false);
        Stats.IncreasePullRT(ConsumerGroup, mq.Topic, (long)System.Diagnostics.Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        if (ConsumerTelemetry.PullObserved)
        {
            ConsumerTelemetry.RecordPull(ConsumerGroup, mq.Topic, begin, result.Status);
        }

        return result;
    }

    /// <summary>The receive span and consumed count of a direct pull that found messages, while someone listens.</summary>
    private void ObserveReceived(PullResult result, DateTimeOffset started)
    {
        if (ConsumerTelemetry.ReceiveObserved && result.Status == PullStatus.PullFound && result.GetMessageExts() is { Count: > 0 } msgs)
        {
            ConsumerTelemetry.Received(this, msgs[0].Topic, msgs, started);
        }
    }

    private SubscriptionData SubscriptionOf(string topic)
        => SubscriptionDataTable.TryGetValue(topic, out var data) ? data : SubscriptionData.Build(topic, SubscriptionData.SubAll);

    // Go: getNextQueueOf: round robin over the owned queues of the topic, else over all its readable queues.
    private async Task<MessageQueue> NextQueueOf(string topic, CancellationToken cancellationToken)
    {
        var owned = new List<MessageQueue>();
        foreach (var mq in ProcessQueueTable.Keys)
        {
            if (mq.Topic == topic)
            {
                owned.Add(mq);
            }
        }

        IReadOnlyList<MessageQueue> queues = owned;
        if (owned.Count == 0)
        {
            queues = TopicSubscribeInfoTable.TryGetValue(topic, out var known)
                ? known
                : await Client.GetNameSrv().FetchSubscribeMessageQueues(topic, cancellationToken).ConfigureAwait(false);
        }

        if (queues.Count == 0)
        {
            throw new MQClientException(ClientErrors.ErrTopicNotExist, $"prepare to pull topic: {topic}, but no queue is found");
        }

        var sorted = new MessageQueue[queues.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = queues[i];
        }

        Array.Sort(sorted, DefaultConsumer.CompareQueues);
        var index = (int)((ulong)(Interlocked.Increment(ref _nextQueueSequence) - 1) % (ulong)sorted.Length);
        return sorted[index];
    }

    // Namespace off the topics, as Java's pull does, and the interceptors Go runs after Pull.
    private async Task AfterDirectPull(MessageQueue mq, PullResult result, CancellationToken cancellationToken)
    {
        var msgs = result.GetMessageExts();
        if (msgs.Count == 0)
        {
            return;
        }

        var ns = Options.Namespace;
        if (ns.Length > 0)
        {
            foreach (var msg in msgs)
            {
                msg.Topic = Namespace.WithoutNamespace(msg.Topic, ns);
            }
        }

        Stats.IncreasePullTPS(ConsumerGroup, mq.Topic, msgs.Count);
        await RunInterceptors(mq, msgs, true, cancellationToken).ConfigureAwait(false);
    }
}
