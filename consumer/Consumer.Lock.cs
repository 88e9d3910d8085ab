using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>Broker-side queue locks of orderly consumers (Go: consumer.go <c>lock</c>, <c>unlock</c>, <c>lockAll</c>, <c>unlockAll</c>).</summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>LOCK_BATCH_MQ for one queue; true when the broker granted it (Go: <c>lock</c>).</summary>
    public async Task<bool> Lock(MessageQueue mq, CancellationToken cancellationToken = default)
    {
        var broker = Client.GetNameSrv().FindBrokerAddressInSubscribe(mq.BrokerName, Constants.MasterId, true);
        if (broker is null)
        {
            return false;
        }

        var locked = await DoLock(broker.BrokerAddr, [mq], cancellationToken).ConfigureAwait(false);
        var lockOK = false;
        foreach (var lockedMq in locked)
        {
            if (ProcessQueueTable.TryGetValue(lockedMq, out var pq))
            {
                pq.SetLocked(true);
                pq.UpdateLastLockTime();
                pq.UpdateLastConsumeTime();
            }

            lockOK |= lockedMq == mq;
        }

        Logger.LogDebug("lock MessageQueue: lockOK={LockOK} group={Group} mq={MessageQueue}", lockOK, ConsumerGroup, mq);
        return lockOK;
    }

    /// <summary>UNLOCK_BATCH_MQ for one queue (Go: <c>unlock</c>).</summary>
    public async Task Unlock(MessageQueue mq, bool oneway, CancellationToken cancellationToken = default)
    {
        var broker = Client.GetNameSrv().FindBrokerAddressInSubscribe(mq.BrokerName, Constants.MasterId, true);
        if (broker is null)
        {
            return;
        }

        await DoUnlock(broker.BrokerAddr, [mq], oneway, cancellationToken).ConfigureAwait(false);
        Logger.LogInformation("unlock MessageQueue: group={Group} clientID={ClientID} mq={MessageQueue}", ConsumerGroup, Client.ClientID(), mq);
    }

    /// <summary>Renews the locks of every owned queue, broker by broker (Go: <c>lockAll</c>).</summary>
    public async Task LockAll(CancellationToken cancellationToken = default)
    {
        foreach (var (brokerName, mqs) in BuildProcessQueueTableByBrokerName())
        {
            var broker = Client.GetNameSrv().FindBrokerAddressInSubscribe(brokerName, Constants.MasterId, true);
            if (broker is null)
            {
                continue;
            }

            var locked = new HashSet<MessageQueue>(await DoLock(broker.BrokerAddr, mqs, cancellationToken).ConfigureAwait(false));
            foreach (var mq in mqs)
            {
                if (!ProcessQueueTable.TryGetValue(mq, out var pq))
                {
                    continue;
                }

                if (locked.Contains(mq))
                {
                    pq.SetLocked(true);
                    pq.UpdateLastLockTime();
                }
                else
                {
                    pq.SetLocked(false);
                    Logger.LogInformation("lock MessageQueue failed: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
                }
            }
        }
    }

    /// <summary>Releases the locks of every owned queue (Go: <c>unlockAll</c>).</summary>
    public async Task UnlockAll(bool oneway, CancellationToken cancellationToken = default)
    {
        foreach (var (brokerName, mqs) in BuildProcessQueueTableByBrokerName())
        {
            var broker = Client.GetNameSrv().FindBrokerAddressInSubscribe(brokerName, Constants.MasterId, true);
            if (broker is null)
            {
                continue;
            }

            await DoUnlock(broker.BrokerAddr, mqs, oneway, cancellationToken).ConfigureAwait(false);
            foreach (var mq in mqs)
            {
                if (ProcessQueueTable.TryGetValue(mq, out var pq))
                {
                    pq.SetLocked(false);
                }
            }
        }
    }

    private Dictionary<string, List<MessageQueue>> BuildProcessQueueTableByBrokerName()
    {
        var result = new Dictionary<string, List<MessageQueue>>(StringComparer.Ordinal);
        foreach (var mq in ProcessQueueTable.Keys)
        {
            if (!result.TryGetValue(mq.BrokerName, out var list))
            {
                result[mq.BrokerName] = list = [];
            }

            list.Add(mq);
        }

        return result;
    }

    private async Task<List<MessageQueue>> DoLock(string addr, List<MessageQueue> mqs, CancellationToken cancellationToken)
    {
        var body = new LockBatchRequestBody { ConsumerGroup = ConsumerGroup, ClientId = Client.ClientID(), MqSet = mqs };
        try
        {
            var response = await Client.InvokeSync(Client.ForVipCall(addr), RemotingCommand.CreateRequest(RequestCode.LOCK_BATCH_MQ, null, body.Encode()), BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS || response.Body.IsEmpty)
            {
                Logger.LogWarning("lock MessageQueue refused: broker={Broker} code={Code} remark={Remark}", addr, response.Code, response.Remark);
                return [];
            }

            return LockBatchResponseBody.Decode(response.Body.Span).LockOKMQSet;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogError(e, "lock MessageQueue to broker invoke error: broker={Broker}", addr);
            return [];
        }
    }

    private async Task DoUnlock(string addr, List<MessageQueue> mqs, bool oneway, CancellationToken cancellationToken)
    {
        var body = new UnlockBatchRequestBody { ConsumerGroup = ConsumerGroup, ClientId = Client.ClientID(), MqSet = mqs };
        var request = RemotingCommand.CreateRequest(RequestCode.UNLOCK_BATCH_MQ, null, body.Encode());
        try
        {
            if (oneway)
            {
                await Client.InvokeOneWay(Client.ForVipCall(addr), request, BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
                return;
            }

            var response = await Client.InvokeSync(Client.ForVipCall(addr), request, BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS)
            {
                Logger.LogWarning("unlock MessageQueue refused: broker={Broker} code={Code} remark={Remark}", addr, response.Code, response.Remark);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogError(e, "unlock MessageQueue to broker invoke error: broker={Broker}", addr);
        }
    }
}
