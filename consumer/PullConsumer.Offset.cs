using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Offsets, seeking and pausing (Go: <c>SeekOffset</c>, <c>OffsetForTimestamp</c>, <c>UpdateOffset</c>,
/// <c>PersistOffset</c>, <c>CurrentOffset</c>; and the seed API Go left commented out: <c>Lookup</c>,
/// <c>Commit</c>, <c>CommittedOffset</c>, <c>Seek</c>, <c>Pause</c>, <c>Resume</c>).
/// </summary>
internal sealed partial class PullConsumer
{
    // Queues whose offsets the application set directly (Pull, UpdateOffset, Commit, seeks): persisted with the
    // owned ones even when not owned, instead of being forgotten by the next persist.
    private readonly ConcurrentDictionary<MessageQueue, byte> _directQueues = new();

    /// <summary>
    /// Makes <paramref name="queue"/> continue from <paramref name="offset"/> (Go: <c>SeekOffset</c>). Messages of
    /// the queue buffered but not polled yet are dropped, so the next <see cref="Poll"/> of it returns the message at
    /// <paramref name="offset"/>; the consumed offset becomes <paramref name="offset"/>. For a queue not owned yet
    /// (Go's examples seek before assigning) it applies when the queue is taken. Not checked against the queue's
    /// range: <see cref="Seek"/> is.
    /// </summary>
    /// <exception cref="MQClientException">Negative offset (<see cref="ClientErrors.ErrOffset"/>).</exception>
    public void SeekOffset(MessageQueue queue, long offset)
    {
        if (offset < 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrOffset);
        }

        var mq = Wrap(queue);
        Logger.LogInformation("pull consumer seek offset: group={Group} mq={MessageQueue} offset={Offset}", ConsumerGroup, mq, offset);
        _directQueues.TryAdd(mq, 0);
        _states.Get(mq).SetPullPosition(offset);
        if (IsRunning && TryReseek(mq, offset))
        {
            return;
        }

        _pendingSeeks[mq] = offset;
        if (IsRunning && Options.AutoCommit)
        {
            // Pull reads a queue not owned yet from memory too.
            Storage.Update(mq, offset, increaseOnly: false);
        }

        // The rebalance may have taken the queue meanwhile, past the dispatcher's look at the pending seeks.
        if (IsRunning && ProcessQueueTable.ContainsKey(mq) && _pendingSeeks.TryRemove(mq, out var pending))
        {
            TryReseek(mq, pending);
        }
    }

    /// <summary>
    /// The seed API's <c>Seek</c> (Java: <c>seek</c>): as <see cref="SeekOffset"/>, for a queue this consumer owns
    /// (or is assigned) and an offset within the queue's range on the broker (min..max, max being where the next
    /// message will go).
    /// </summary>
    /// <exception cref="MQClientException">Not running, the queue is not owned or assigned, or the offset is out of range.</exception>
    public async Task Seek(MessageQueue queue, long offset, CancellationToken cancellationToken = default)
    {
        var mq = EnsureSeekable(queue);
        var min = await QueryMinOffset(mq, cancellationToken).ConfigureAwait(false);
        var max = await QueryMaxOffset(mq, cancellationToken).ConfigureAwait(false);
        if (offset < min || offset > max)
        {
            throw new MQClientException(ClientErrors.ErrOffset, $"seek offset illegal, seek offset = {offset}, min offset = {min}, max offset = {max}");
        }

        SeekOffset(mq, offset);
    }

    /// <summary>
    /// The offset of the first message of <paramref name="queue"/> stored at or after <paramref name="timestampMs"/>
    /// (Unix ms; Go: <c>OffsetForTimestamp</c>). 0 gives the queue's first offset, <see cref="long.MaxValue"/> its
    /// end. Seek to it to consume from a point in time.
    /// </summary>
    public Task<long> OffsetForTimestamp(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        return SearchOffsetByTimestamp(Wrap(queue), timestampMs, cancellationToken);
    }

    /// <summary>The seed API's name of <see cref="OffsetForTimestamp"/>.</summary>
    public Task<long> Lookup(MessageQueue queue, long timestampMs, CancellationToken cancellationToken = default)
        => OffsetForTimestamp(queue, timestampMs, cancellationToken);

    /// <summary>As <see cref="Lookup(MessageQueue, long, CancellationToken)"/> with a point in time.</summary>
    public Task<long> Lookup(MessageQueue queue, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
        => OffsetForTimestamp(queue, timestamp.ToUnixTimeMilliseconds(), cancellationToken);

    /// <summary>
    /// Moves the queue's consumed offset in memory forward to <paramref name="offset"/> (Go: <c>UpdateOffset</c>);
    /// the next persist writes it to the broker, whether auto commit is on or not: this is an explicit commit.
    /// <b>Difference:</b> an offset behind the current one is ignored (Go sets it), so a puller that finishes after
    /// another never rewinds the queue under it and makes it re-read; go back with <see cref="SeekOffset"/>.
    /// </summary>
    public void UpdateOffset(MessageQueue queue, long offset)
    {
        EnsureRunning();
        var mq = Wrap(queue);
        _directQueues.TryAdd(mq, 0);
        Storage.Update(mq, offset, increaseOnly: true);
        var state = _states.Get(mq);
        state.RaiseConsumed(offset);
        state.RaisePullPosition(offset);
    }

    /// <summary>
    /// Writes the in-memory offsets of <paramref name="topic"/>'s queues now, or of every queue when null
    /// (Go: <c>PersistOffset</c>, which ignores the topic), waiting for the broker's answers.
    /// </summary>
    public async Task PersistOffset(string? topic = null, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        if (string.IsNullOrEmpty(topic))
        {
            await PersistAll(cancellationToken).ConfigureAwait(false);
            return;
        }

        var offsets = Storage.GetMQOffsetMap(Internal.Utils.Namespace.WrapNamespace(Options.Namespace, topic));
        var writes = new List<Task>(offsets.Count);
        foreach (var mq in offsets.Keys)
        {
            writes.Add(Storage.Persist(mq, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>
    /// Where consumption of <paramref name="queue"/> stands (Go: <c>CurrentOffset</c>): the next offset to consume.
    /// With auto commit off this includes what was ACKed but not committed. -1 when unknown.
    /// </summary>
    public Task<long> CurrentOffset(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        var mq = Wrap(queue);
        if (!Options.AutoCommit && _states.TryGet(mq, out var state) && state.Consumed >= 0)
        {
            return Task.FromResult(state.Consumed);
        }

        return QueryOffset(mq, cancellationToken);
    }

    /// <summary>
    /// The committed offset of <paramref name="queue"/> (the seed API's <c>CommittedOffset</c>; Java:
    /// <c>committed</c>): this consumer's in-memory committed value, else the broker's; -1 when the group has none.
    /// </summary>
    /// <exception cref="MQBrokerException">The broker could not be asked.</exception>
    public Task<long> CommittedOffset(MessageQueue queue, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        return QueryOffset(Wrap(queue), cancellationToken);
    }

    /// <summary>
    /// Commits the consumed offsets of <paramref name="queues"/> (every owned queue when null) to the broker and
    /// waits for its answers (the seed API's <c>Commit</c>). Needed with auto commit off
    /// (<see cref="ConsumerOptions.WithAutoCommit"/>): ACK then only moves the consumed offset. With it on, writes
    /// the offsets now instead of at the next persist. Returns the committed offset of each queue that had one.
    /// </summary>
    /// <exception cref="MQBrokerException">A broker refused.</exception>
    /// <exception cref="RemotingException">A broker could not be reached.</exception>
    public async Task<IReadOnlyDictionary<MessageQueue, long>> Commit(IEnumerable<MessageQueue>? queues = null, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        var committed = new Dictionary<MessageQueue, long>();
        foreach (var queue in queues ?? ProcessQueueTable.Keys)
        {
            var mq = Wrap(queue);
            long offset;
            if (Options.AutoCommit)
            {
                offset = Storage.ReadFromMemory(mq);
            }
            else
            {
                offset = _states.TryGet(mq, out var state) ? state.Consumed : -1;
                if (offset >= 0)
                {
                    Storage.Update(mq, offset, increaseOnly: false);
                }
            }

            if (offset < 0)
            {
                Logger.LogWarning("nothing to commit: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                continue;
            }

            _directQueues.TryAdd(mq, 0);
            committed[mq] = offset;
        }

        var writes = new List<Task>(committed.Count);
        foreach (var (mq, offset) in committed)
        {
            writes.Add(Storage is RemoteBrokerOffsetStore remote
                ? remote.UpdateConsumeOffsetToBroker(mq, offset, cancellationToken)
                : Storage.Persist(mq, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
        return committed;
    }

    /// <summary>
    /// Stops fetching from <paramref name="queues"/> without a rebalance (the seed API's <c>Pause</c>): the pull in
    /// flight is abandoned and <see cref="Poll"/> returns none of their messages, buffered ones included, until
    /// <see cref="Resume"/>. The queues stay owned. A pause outlives the queue leaving and coming back.
    /// </summary>
    /// <exception cref="MQClientException">A queue's topic is neither subscribed nor assigned; nothing was paused.</exception>
    public void Pause(params MessageQueue[] queues)
    {
        var mqs = WrapKnown(queues);
        foreach (var mq in mqs)
        {
            _states.Get(mq).Pause();
        }

        Logger.LogInformation("pull consumer paused {Count} queues: group={Group}", mqs.Length, ConsumerGroup);
    }

    /// <summary>
    /// Fetches from <paramref name="queues"/> again (the seed API's <c>Resume</c>): what Poll held back comes first,
    /// in order. Queues not paused are ignored.
    /// </summary>
    /// <exception cref="MQClientException">A queue's topic is neither subscribed nor assigned; nothing was resumed.</exception>
    public void Resume(params MessageQueue[] queues)
    {
        var mqs = WrapKnown(queues);
        foreach (var mq in mqs)
        {
            if (_states.TryGet(mq, out var state))
            {
                state.Resume();
            }
        }

        Logger.LogInformation("pull consumer resumed {Count} queues: group={Group}", mqs.Length, ConsumerGroup);
    }

    /// <summary>The periodic persist writes the offsets the application set directly too.</summary>
    protected override Task PersistOffsetsPeriodically(CancellationToken cancellationToken) => PersistAll(cancellationToken);

    // Writes the owned queues' offsets and those the application set directly; forgets the rest.
    private Task PersistAll(CancellationToken cancellationToken)
    {
        if (Storage is null)
        {
            return Task.CompletedTask;
        }

        var mqs = new HashSet<MessageQueue>(ProcessQueueTable.Keys);
        mqs.UnionWith(_directQueues.Keys);
        return Storage.Persist(mqs, cancellationToken);
    }

    private MessageQueue[] WrapKnown(MessageQueue[] queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var mqs = new MessageQueue[queues.Length];
        for (var i = 0; i < queues.Length; i++)
        {
            mqs[i] = Wrap(queues[i]);
            if (!_topics.ContainsKey(mqs[i].Topic))
            {
                throw new MQClientException($"the topic of {mqs[i]} is neither subscribed nor assigned");
            }
        }

        return mqs;
    }

    private bool IsAssigned(MessageQueue mq)
        => _assigned.TryGetValue(mq.Topic, out var mqs) && Array.IndexOf(mqs, mq) >= 0;

    // Replaces the queue's process queue: the old one's buffered requests are skipped by Poll and ignored by ACK,
    // its loop ends, and a new loop pulls from the offset.
    private bool TryReseek(MessageQueue mq, long offset)
    {
        while (ProcessQueueTable.TryGetValue(mq, out var old))
        {
            var pq = new ProcessQueue(false, TopicCounters(mq.Topic));
            if (!ProcessQueueTable.TryUpdate(mq, pq, old))
            {
                continue;
            }

            old.Drop();
            old.Clear();
            _states.Get(mq).ClearParked();
            if (Options.AutoCommit)
            {
                Storage.Update(mq, offset, increaseOnly: false);
            }

            StartQueueLoop(new PullRequest(ConsumerGroup, mq, pq, offset));
            return true;
        }

        return false;
    }
}
