using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>Rebalance (Go: consumer.go doBalance, updateProcessQueueTable): which queues this member owns.</summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>Go: <c>doBalanceIfNotPaused</c>.</summary>
    public Task DoBalanceIfNotPaused(CancellationToken cancellationToken = default)
    {
        if (Paused)
        {
            Logger.LogInformation("[BALANCE-SKIP] since consumer paused: group={Group}", ConsumerGroup);
            return Task.CompletedTask;
        }

        return DoBalance(cancellationToken);
    }

    /// <summary>
    /// Reassigns the queues of every subscribed topic (Go: <c>doBalance</c>): allocates with the strategy over the
    /// group's sorted client ids and the topic's sorted queues, drops what is no longer owned, adds what is new.
    /// Runs one at a time; when an orderly queue could not be locked, another rebalance follows in 500 ms (Java),
    /// not 20 s later. Shutdown cancels a running one and waits for it (<see cref="WaitForRebalance"/>); once
    /// shutdown began, no rebalance changes the owned queues, so Shutdown persists exactly the queues it held.
    /// </summary>
    public async Task DoBalance(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
        {
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, StoppingToken);
        try
        {
            await DoBalanceLocked(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (StoppingToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // cancelled by Shutdown, which waits for this to end: nothing for the caller to report
        }
    }

    private async Task DoBalanceLocked(CancellationToken token)
    {
        await _rebalanceLock.WaitAsync(token).ConfigureAwait(false);
        var balanced = true;
        try
        {
            foreach (var (topic, _) in SubscriptionDataTable)
            {
                if (!IsRunning)
                {
                    return;
                }

                try
                {
                    balanced &= await BalanceTopic(topic, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    balanced = false;
                    Logger.Log(WhileRunning(LogLevel.Warning), e, "rebalance of topic {Topic} failed: group={Group}", topic, ConsumerGroup);
                }
            }

            if (IsRunning)
            {
                await TruncateMessageQueueNotMyTopic().ConfigureAwait(false);
            }
        }
        finally
        {
            _rebalanceLock.Release();
        }

        if (!balanced && IsRunning)
        {
            ScheduleRebalance(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// Waits until no rebalance runs, at most <paramref name="bound"/>; false when one still runs then. Called after
    /// <see cref="BeginShutdown"/>: a rebalance that starts later returns at once. False too when
    /// <paramref name="cancellationToken"/> fires first.
    /// </summary>
    public async Task<bool> WaitForRebalance(TimeSpan bound, CancellationToken cancellationToken)
    {
        try
        {
            if (!await _rebalanceLock.WaitAsync(bound, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        _rebalanceLock.Release();
        return true;
    }

    /// <summary>A rebalance in <paramref name="delay"/>, at most one pending.</summary>
    public void ScheduleRebalance(TimeSpan delay)
    {
        if (Interlocked.Exchange(ref _retryScheduled, 1) == 1)
        {
            return;
        }

        _ = RebalanceLater(delay);
    }

    private async Task RebalanceLater(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, StoppingToken).ConfigureAwait(false);
            Volatile.Write(ref _retryScheduled, 0);
            await DoBalanceIfNotPaused(StoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (Exception e)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), e, "delayed rebalance failed: group={Group}", ConsumerGroup);
        }
        finally
        {
            Volatile.Write(ref _retryScheduled, 0);
        }
    }

    private async Task<bool> BalanceTopic(string topic, CancellationToken cancellationToken)
    {
        if (!TopicSubscribeInfoTable.TryGetValue(topic, out var mqs))
        {
            // The retry topic appears only once the broker has seen the group's first heartbeat (Java stays quiet too),
            // and a topic subscribed while running has no queues until its route was looked up.
            Logger.Log(
                topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal) || RoutePending(topic) ? LogLevel.Debug : LogLevel.Warning,
                "do balance in group failed, the topic does not exist: group={Group} topic={Topic}", ConsumerGroup, topic);
            return true;
        }

        if (Model == MessageModel.BroadCasting)
        {
            var (changed, balanced) = await UpdateProcessQueueTable(topic, mqs, false, cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                await OnMessageQueueChanged(topic, mqs, mqs).ConfigureAwait(false);
            }

            return balanced;
        }

        var cidAll = await FindConsumerList(topic, cancellationToken).ConfigureAwait(false);
        if (cidAll is null)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), "do balance in group failed, get consumer id list failed: group={Group} topic={Topic}", ConsumerGroup, topic);
            return false;
        }

        if (await ReadRouteIfAMemberJoined(topic, cidAll, cancellationToken).ConfigureAwait(false)
            && TopicSubscribeInfoTable.TryGetValue(topic, out var fresh))
        {
            mqs = fresh;
        }

        var sortedCids = cidAll.ToArray();
        Array.Sort(sortedCids, StringComparer.Ordinal);
        var mqAll = mqs.ToArray();
        Array.Sort(mqAll, CompareQueues);
        var allocated = Options.Strategy(ConsumerGroup, Client.ClientID(), mqAll, sortedCids);
        if (!IsRunning)
        {
            return true; // shutting down: the owned queues stay as Shutdown found them
        }

        // Go: pull TPS = 1 s / PullInterval * PullBatchSize * queues.
        if (Options.ConsumeTPS > 0 && allocated.Count > 0)
        {
            var pullsPerSecond = (double)Options.ConsumeTPS / (Options.PullBatchSize * allocated.Count);
            EffectivePullInterval = TimeSpan.FromSeconds(1 / pullsPerSecond);
        }

        var (queuesChanged, ok) = await UpdateProcessQueueTable(topic, allocated, sortedCids.Length > 1, cancellationToken).ConfigureAwait(false);
        if (queuesChanged)
        {
            Logger.LogDebug(
                "MessageQueue do balance done: group={Group} topic={Topic} clientID={ClientID} mqAllSize={MqAllSize} cidAllSize={CidAllSize} rebalanceResultSize={ResultSize}",
                ConsumerGroup, topic, Client.ClientID(), mqAll.Length, sortedCids.Length, allocated.Count);
            await OnMessageQueueChanged(topic, mqAll, allocated).ConfigureAwait(false);
        }

        return ok;
    }

    /// <summary>The pull interval after <see cref="ConsumerOptions.ConsumeTPS"/> is applied (Go stores it back into the option).</summary>
    public TimeSpan EffectivePullInterval { get; private set; }

    /// <summary>Queue order of every member's allocation: topic, broker name, queue id.</summary>
    public static int CompareQueues(MessageQueue a, MessageQueue b)
    {
        var c = string.CompareOrdinal(a.Topic, b.Topic);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.BrokerName, b.BrokerName);
        return c != 0 ? c : a.QueueId.CompareTo(b.QueueId);
    }

    /// <summary>Called after a rebalance changed the owned queues of a topic (Go: <c>messageQueueChanged</c>).</summary>
    protected abstract Task MessageQueueChanged(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided);

    /// <summary>
    /// Where a newly owned queue starts, given the offset store's answer: that answer, unless the owner knows better
    /// (the lite pull consumer's own Pull calls may have moved further while the queue was not owned).
    /// </summary>
    protected virtual long NewQueueOffset(MessageQueue mq, long fromStore) => fromStore;

    private async Task OnMessageQueueChanged(string topic, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<MessageQueue> mqDivided)
    {
        try
        {
            await MessageQueueChanged(topic, mqAll, mqDivided).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), e, "message queue change handling failed: group={Group} topic={Topic}", ConsumerGroup, topic);
        }
    }

    /// <summary>
    /// Makes the owned queues of <paramref name="topic"/> equal <paramref name="mqs"/> (Go: <c>updateProcessQueueTable</c>).
    /// Returns whether anything changed and whether every wanted queue is now owned. With
    /// <paramref name="handedOver"/> (other members exist) a new queue's first pull re-reads its offset after a short
    /// grace, so the previous owner's last commit is seen.
    /// </summary>
    public async Task<(bool Changed, bool Balanced)> UpdateProcessQueueTable(string topic, IReadOnlyList<MessageQueue> mqs, bool handedOver, CancellationToken cancellationToken)
    {
        var changed = false;
        var balanced = true;
        var wanted = new HashSet<MessageQueue>(mqs);
        foreach (var (mq, pq) in ProcessQueueTable)
        {
            if (mq.Topic != topic)
            {
                continue;
            }

            var expired = ConsumeType == ConsumePassively && pq.IsPullExpired;
            if (wanted.Contains(mq) && !expired)
            {
                continue;
            }

            if (expired && wanted.Contains(mq))
            {
                Logger.LogWarning("remove unnecessary mq because pull was expired, prepare to fix it: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            }

            pq.Drop();
            if (await RemoveUnnecessaryMessageQueue(mq, pq).ConfigureAwait(false))
            {
                ProcessQueueTable.TryRemove(new KeyValuePair<MessageQueue, ProcessQueue>(mq, pq));
                changed = true;
                Logger.LogInformation("remove unnecessary mq when updateProcessQueueTable: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            }
            else
            {
                balanced = false;
            }
        }

        foreach (var mq in mqs)
        {
            if (ProcessQueueTable.ContainsKey(mq))
            {
                continue;
            }

            if (ConsumeOrderly && Model == MessageModel.Clustering && !await Lock(mq, cancellationToken).ConfigureAwait(false))
            {
                Logger.Log(WhileRunning(LogLevel.Warning), "add a new mq failed, because lock failed: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                balanced = false;
                continue;
            }

            Storage.Remove(mq);
            long nextOffset;
            try
            {
                nextOffset = await ComputePullFromWhereWithException(mq, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Logger.Log(WhileRunning(LogLevel.Warning), e, "add a new mq failed, compute offset failed: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                balanced = false;
                continue;
            }

            if (nextOffset < 0)
            {
                Logger.Log(WhileRunning(LogLevel.Warning), "add a new mq failed: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                balanced = false;
                continue;
            }

            nextOffset = NewQueueOffset(mq, nextOffset);

            var pq = new ProcessQueue(ConsumeOrderly, TopicCounters(mq.Topic));
            pq.SetLocked(true);
            if (!ProcessQueueTable.TryAdd(mq, pq))
            {
                continue;
            }

            Logger.LogDebug("add a new mq: group={Group} mq={MessageQueue} nextOffset={Offset}", ConsumerGroup, mq, nextOffset);
            changed = true;
            var request = new PullRequest(ConsumerGroup, mq, pq, nextOffset) { RecheckOffset = handedOver && !ConsumeOrderly };
            try
            {
                await PullRequests.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException) when (!IsRunning)
            {
                break; // shutting down: the pull loops are gone; the queue's offset is persisted with the others
            }
        }

        return (changed, balanced);
    }

    /// <summary>
    /// Releases a queue no longer owned (Go: <c>removeUnnecessaryMessageQueue</c>): persists its offset and forgets
    /// it; false keeps it for the next rebalance.
    /// </summary>
    protected virtual async Task<bool> RemoveUnnecessaryMessageQueue(MessageQueue mq, ProcessQueue pq)
    {
        await Storage.Persist(mq).ConfigureAwait(false);
        Storage.Remove(mq);
        return true;
    }

    private async Task TruncateMessageQueueNotMyTopic()
    {
        foreach (var (mq, pq) in ProcessQueueTable)
        {
            if (SubscriptionDataTable.ContainsKey(mq.Topic))
            {
                continue;
            }

            pq.Drop();
            if (await RemoveUnnecessaryMessageQueue(mq, pq).ConfigureAwait(false))
            {
                ProcessQueueTable.TryRemove(new KeyValuePair<MessageQueue, ProcessQueue>(mq, pq));
                Logger.LogInformation("remove unnecessary mq because unsubscribed: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            }
        }
    }
}
