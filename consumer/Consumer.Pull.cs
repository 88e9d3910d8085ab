namespace RocketMQ.Go.Port.Consumer;

/// <summary>What every consumer does with a pull answer (Go: consumer.go <c>processPullResult</c>).</summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>
    /// Records the suggested broker, then for FOUND filters the messages by tag again (the broker filters by tag hash
    /// only), runs the filter hooks and stamps each message with its queue, transaction id and the queue's
    /// MIN_OFFSET / MAX_OFFSET (Go: <c>processPullResult</c>; the two offsets are kept as numbers shared by the
    /// pull's messages and become properties only when read, see <see cref="MessageExt.SetQueueBounds"/>).
    /// </summary>
    public void ProcessPullResult(MessageQueue mq, PullResult result, SubscriptionData data)
    {
        UpdatePullFromWhichNode(mq, result.SuggestWhichBrokerId);
        if (result.Status != PullStatus.PullFound)
        {
            return;
        }

        var msgs = result.GetMessageExts();
        if (data.Tags.Count > 0 && !data.ClassFilterMode)
        {
            var kept = new List<MessageExt>(msgs.Count);
            foreach (var msg in msgs)
            {
                if (data.Tags.Contains(msg.GetTags()))
                {
                    kept.Add(msg);
                }
            }

            msgs = kept;
        }

        if (Options.FilterMessageHooks.Count > 0)
        {
            msgs = RunFilterHooks(mq, msgs);
        }

        var bounds = new QueueOffsetBounds(result.MinOffset, result.MaxOffset);
        foreach (var msg in msgs)
        {
            msg.Queue = mq;
            if (msg.GetProperty(PropertyKeys.TransactionPrepared) == "true")
            {
                msg.TransactionId = msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
            }

            msg.SetQueueBounds(bounds);
        }

        result.SetMessageExts(msgs);
    }

    /// <summary>
    /// <see cref="ProcessPullResult(MessageQueue, PullResult, SubscriptionData)"/> for a pull loop's answer, which also
    /// tells the request's process queue the queue's max offset (its backlog).
    /// </summary>
    public void ProcessPullResult(PullRequest request, PullResult result, SubscriptionData data)
    {
        ProcessPullResult(request.MessageQueue, result, data);
        var pq = request.ProcessQueue;
        if (result.MaxOffset > pq.MaxOffsetInQueue)
        {
            pq.MaxOffsetInQueue = result.MaxOffset;
        }
    }

    /// <summary>The pull RPC timeout: <see cref="ConsumerOptions.ConsumerPullTimeout"/>, never below the long poll's floor.</summary>
    public TimeSpan PullTimeout
        => Options.ConsumerPullTimeout > ConsumerTimeoutWhenSuspend ? Options.ConsumerPullTimeout : ConsumerTimeoutWhenSuspend;

    /// <summary>
    /// Sends PULL_MESSAGE for up to <paramref name="numbers"/> messages of <paramref name="mq"/> from
    /// <paramref name="offset"/> to <paramref name="broker"/> (Go: the request pushConsumer.pullMessage builds, and
    /// pullInner). A <paramref name="commitOffset"/> above 0 has the broker commit it too, never on a slave;
    /// <paramref name="suspend"/> lets the broker hold the pull up to <see cref="BrokerSuspendMaxTime"/> (RPC timeout
    /// <see cref="PullTimeout"/>, else <see cref="BrokerQueryTimeout"/>); a <paramref name="subExpression"/> travels
    /// with the pull, null leaves the broker the heartbeat's subscription. <paramref name="begin"/> is the
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp the pull left at, for the callers' round-trip figures.
    /// </summary>
    public Task<PullResult> PullMessage(FindBrokerResult broker, MessageQueue mq, SubscriptionData data, long offset, int numbers, long commitOffset, bool suspend, string? subExpression, long subVersion, out long begin, CancellationToken cancellationToken)
    {
        var sysFlag = BuildSysFlag(commitOffset > 0, suspend, subExpression is not null, data.ClassFilterMode);
        if (broker.Slave)
        {
            sysFlag = ClearCommitOffsetFlag(sysFlag);
        }

        var header = new PullMessageRequestHeader
        {
            ConsumerGroup = ConsumerGroup,
            Topic = mq.Topic,
            QueueId = mq.QueueId,
            QueueOffset = offset,
            MaxMsgNums = numbers,
            SysFlag = sysFlag,
            CommitOffset = commitOffset,
            SuspendTimeoutMillis = (long)BrokerSuspendMaxTime.TotalMilliseconds,
            SubExpression = subExpression,
            SubVersion = subVersion,
            ExpressionType = data.ExpType,
            BrokerName = mq.BrokerName,
        };
        begin = System.Diagnostics.Stopwatch.GetTimestamp();
        return Client.PullMessage(broker.BrokerAddr, header, suspend ? PullTimeout : BrokerQueryTimeout, cancellationToken);
    }

    /// <summary>
    /// For a queue taken over from another member (<see cref="PullRequest.RecheckOffset"/>): waits
    /// <see cref="HandoverGrace"/>, reads the committed offset again and moves the request to it when the previous
    /// owner committed more. Returns the new offset when it moved, else null. The previous owner drops the queue and
    /// commits its offset when the broker's notification reaches it, which may be just after the rebalance here read it.
    /// </summary>
    public async Task<long?> RecheckHandoverOffset(PullRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(HandoverGrace, cancellationToken).ConfigureAwait(false);
        var committed = await Storage.ReadWithException(request.MessageQueue, ReadType.ReadFromStore, cancellationToken).ConfigureAwait(false);
        request.RecheckOffset = false;
        if (committed <= request.NextOffset)
        {
            return null;
        }

        request.NextOffset = committed;
        return committed;
    }

    /// <summary>
    /// How long a pull loop waits after a failed pull of <paramref name="request"/>. A broker that does not know the
    /// group's subscription (it restarted and lost its consumer table) gets a heartbeat at once and the pull is
    /// retried; a broker that failed to connect is waited for until it answers again, at most the ordinary 3 s
    /// (Go and Java wait 3 s either way, and a restarted broker refuses pulls until the next 30 s heartbeat).
    /// </summary>
    public async Task<TimeSpan> DelayAfterPullError(PullRequest request, Exception error, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case MQBrokerException { BrokerAddress: { } addr } refused when IsStaleSubscription(refused.ResponseCode):
                // A second refusal soon after a heartbeat means the heartbeat did not help: back to the ordinary pace.
                var now = Environment.TickCount64;
                var helped = now - request.StaleSubscriptionHeartbeatAt > (long)PullDelayTimeWhenError.TotalMilliseconds;
                request.StaleSubscriptionHeartbeatAt = now;
                var answered = await Client.HeartbeatBroker(addr, cancellationToken).ConfigureAwait(false);
                Logger.Log(SelectorInDoubt(request.MessageQueue.Topic) ? LogLevel.Debug : LogLevel.Information,
                    "the broker does not know the subscription, heartbeat sent: {PullRequest} broker={Broker} code={Code} answered={Answered}",
                    request, addr, refused.ResponseCode, answered);
                return answered && helped ? TimeSpan.Zero : PullDelayTimeWhenError;
            case RemotingConnectException { Address: { } addr }:
                await WaitForBrokerOrMove(request.MessageQueue, addr, cancellationToken).ConfigureAwait(false);
                return TimeSpan.Zero;
            default:
                return PullDelayTimeWhenError;
        }
    }

    // After a pull failed to connect to addr: until the broker answers again (at most the ordinary 3 s), or, sooner,
    // until the refreshed route gives the queue another address - its slave, when the name servers dropped a dead
    // master - so the queue is read from there at once (Go and Java retry the dead master every 3 s until the 30 s
    // route poll).
    private async Task WaitForBrokerOrMove(MessageQueue mq, string addr, CancellationToken cancellationToken)
    {
        var refreshed = Client.BrokerUnreachable(mq.Topic, addr);
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answered = Client.WaitForBroker(addr, PullDelayTimeWhenError, stopWaiting.Token);
        if (await Task.WhenAny(answered, refreshed).ConfigureAwait(false) == refreshed && PullAddressMoved(mq, addr))
        {
            await stopWaiting.CancelAsync().ConfigureAwait(false);
            try
            {
                await answered.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // the wait we cancelled
            }

            return;
        }

        await answered.ConfigureAwait(false);
    }

    private bool PullAddressMoved(MessageQueue mq, string addr)
        => Client.GetNameSrv().FindBrokerAddressInSubscribe(mq.BrokerName, RecalculatePullFromWhichNode(mq), false) is { } now && now.BrokerAddr != addr;

    // The broker refuses the pull until it hears the group's heartbeat again.
    private static bool IsStaleSubscription(int code)
        => code is Internal.ResponseCode.SUBSCRIPTION_NOT_EXIST or Internal.ResponseCode.SUBSCRIPTION_NOT_LATEST or Internal.ResponseCode.FILTER_DATA_NOT_EXIST;

    private List<MessageExt> RunFilterHooks(MessageQueue mq, List<MessageExt> msgs)
    {
        IReadOnlyList<MessageExt> current = msgs;
        foreach (var hook in Options.FilterMessageHooks)
        {
            try
            {
                current = hook(new FilterMessageContext { ConsumerGroup = ConsumerGroup, Msg = current, MQ = mq, UnitMode = Options.Client.UnitMode }) ?? [];
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "filter message hook failed, keeping its input: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            }
        }

        return current as List<MessageExt> ?? [.. current];
    }
}
