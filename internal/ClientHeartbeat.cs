using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Heartbeats, unregistering and shutdown of the shared client (Go: client.go; UNREGISTER_CLIENT as Java's MQClientInstance).</summary>
internal sealed partial class RMQClient
{
    private readonly SemaphoreSlim _hbLock = new(1, 1);
    private readonly ConcurrentDictionary<Task, byte> _pendingUnregisters = new();

    /// <inheritdoc />
    public async Task SendHeartbeatToAllBrokerWithLock(CancellationToken cancellationToken = default)
    {
        await _hbLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var heartbeat = BuildHeartbeatData();
            if (heartbeat.ProducerDataSet.Count == 0 && heartbeat.ConsumerDataSet.Count == 0)
            {
                _logger.LogDebug("sending heartbeat, but no producer and no consumer in client {ClientId}", heartbeat.ClientID);
                return;
            }

            var body = heartbeat.Encode();
            var onlyMasters = heartbeat.ConsumerDataSet.Count == 0;
            var sends = new List<Task>();
            foreach (var broker in _namesrv.GetBrokerDataList())
            {
                foreach (var (id, addr) in broker.BrokerAddresses)
                {
                    // Producers only write to masters; consumers may pull from slaves, which must know them too.
                    if (onlyMasters && id != Constants.MasterId)
                    {
                        continue;
                    }

                    sends.Add(SendHeartbeat(broker.BrokerName, id, addr, body, cancellationToken));
                }
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        finally
        {
            _hbLock.Release();
        }
    }

    /// <summary>The heartbeat body: every producer group, every consumer group with its subscriptions (Go: inside <c>SendHeartbeatToAllBrokerWithLock</c>).</summary>
    internal HeartbeatData BuildHeartbeatData()
    {
        var heartbeat = HeartbeatData.Create(ClientID());
        foreach (var group in _producerMap.Keys)
        {
            heartbeat.ProducerDataSet.Add(new ProducerData(group));
        }

        foreach (var (group, consumer) in _consumerMap)
        {
            heartbeat.ConsumerDataSet.Add(new ConsumerData
            {
                GroupName = group,
                ConsumeType = consumer.GetCType(),
                MessageModel = consumer.GetModel().ToUpperInvariant(),
                ConsumeFromWhere = consumer.GetWhere(),
                UnitMode = consumer.IsUnitMode(),
                SubscriptionDataSet = [.. consumer.SubscriptionDataList()],
            });
        }

        return heartbeat;
    }

    private async Task SendHeartbeat(string brokerName, long brokerId, string addr, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            var request = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: body);
            var response = await _remotingClient.InvokeSync(addr, request, _options.Intervals.BrokerRequestTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code == ResponseCode.SUCCESS)
            {
                _namesrv.AddBrokerVersion(brokerName, addr, response.Version);
                _logger.LogDebug("heartbeat to broker {BrokerName}[{BrokerId}] {BrokerAddr} succeeded", brokerName, brokerId, addr);
            }
            else
            {
                _logger.LogWarning("heartbeat to broker {BrokerName}[{BrokerId}] {BrokerAddr} failed: code {Code}, {Remark}", brokerName, brokerId, addr, response.Code, response.Remark);
            }
        }
        catch (Exception e) when (e is Primitive.RemotingException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("heartbeat to broker {BrokerName}[{BrokerId}] {BrokerAddr} failed: {Reason}", brokerName, brokerId, addr, e.Message);
        }
    }

    private async Task CleanOfflineBrokerAndHeartbeat(CancellationToken cancellationToken)
    {
        _namesrv.CleanOfflineBroker();
        await SendHeartbeatToAllBrokerWithLock(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// UNREGISTER_CLIENT for one group to every known broker address, waiting for each answer (Java:
    /// unregisterClient; Go never unregisters, leaving brokers to expire the client after 120 s).
    /// </summary>
    private async Task UnregisterClientAsync(string? producerGroup, string? consumerGroup, CancellationToken cancellationToken)
    {
        var header = new UnregisterClientRequestHeader { ClientID = ClientID(), ProducerGroup = producerGroup, ConsumerGroup = consumerGroup };
        var sends = new List<Task>();
        foreach (var broker in _namesrv.GetBrokerDataList())
        {
            foreach (var addr in broker.BrokerAddresses.Values)
            {
                sends.Add(UnregisterFrom(addr, header, cancellationToken));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task UnregisterFrom(string addr, UnregisterClientRequestHeader header, CancellationToken cancellationToken)
    {
        try
        {
            var request = CommandHeaders.CreateRequest(RequestCode.UNREGISTER_CLIENT, header);
            var response = await _remotingClient.InvokeSync(addr, request, _options.Intervals.BrokerRequestTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS)
            {
                _logger.LogWarning("unregister client {ClientId} from {BrokerAddr} failed: code {Code}, {Remark}", header.ClientID, addr, response.Code, response.Remark);
            }
        }
        catch (Exception e) when (e is Primitive.RemotingException or OperationCanceledException)
        {
            _logger.LogWarning("unregister client {ClientId} from {BrokerAddr} failed: {Reason}", header.ClientID, addr, e.Message);
        }
    }

    private void TrackUnregister(Task unregister)
    {
        if (unregister.IsCompleted)
        {
            return;
        }

        _pendingUnregisters.TryAdd(unregister, 0);
        unregister.ContinueWith(static (t, s) => ((ConcurrentDictionary<Task, byte>)s!).TryRemove(t, out _), _pendingUnregisters,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// The last user left: stop the loops, persist the offsets of consumers still registered, unregister every
    /// group from every broker (waiting for the answers), then close the transport. Every wait is bounded.
    /// </summary>
    private async Task ShutdownCoreAsync(CancellationToken hurry)
    {
        var bound = _options.Intervals.ShutdownTimeout;
        RMQClientFactory.Remove(this);
        _stop.Cancel();
        var loops = _loops;
        if (loops is not null)
        {
            var stopped = new Task[loops.Count];
            for (var i = 0; i < loops.Count; i++)
            {
                stopped[i] = loops[i].Completion;
            }

            await Bounded(Task.WhenAll(stopped), bound, "stopping the loops", hurry).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(hurry);
        deadline.CancelAfter(bound);
        var finals = new List<Task>();
        foreach (var (group, consumer) in _consumerMap)
        {
            finals.Add(PersistThenUnregister(group, consumer, deadline.Token));
        }

        foreach (var group in _producerMap.Keys)
        {
            finals.Add(UnregisterClientAsync(group, null, deadline.Token));
        }

        finals.AddRange(_pendingUnregisters.Keys);
        await Bounded(Task.WhenAll(finals), bound, "persisting offsets and unregistering", hurry).ConfigureAwait(false);

        _closed = true;
        RequestFutures.Dispose();

        // Route lookups still in flight (a loop's last refresh) end as cancelled before their connections close, so a
        // clean shutdown does not report them as name server failures.
        await _namesrv.DisposeAsync().ConfigureAwait(false);
        await Bounded(_remotingClient.ShutdownAsync(), bound, "closing the connections", hurry).ConfigureAwait(false);
        _logger.LogDebug("client {ClientId} shut down", ClientID());
    }

    private async Task PersistThenUnregister(string group, IInnerConsumer consumer, CancellationToken cancellationToken)
    {
        try
        {
            await consumer.PersistConsumerOffset(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "persist offsets of consumer group {Group} at shutdown failed", group);
        }

        await UnregisterClientAsync(null, group, cancellationToken).ConfigureAwait(false);
    }

    private async Task Bounded(Task task, TimeSpan bound, string what, CancellationToken hurry)
    {
        try
        {
            await task.WaitAsync(bound, hurry).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("client {ClientId}: {What} did not finish within {Bound}", ClientID(), what, bound);
        }
        catch (OperationCanceledException) when (hurry.IsCancellationRequested)
        {
            _logger.LogWarning("client {ClientId}: stopped waiting for {What}: the caller's shutdown bound ran out", ClientID(), what);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "client {ClientId}: {What} failed", ClientID(), what);
            return;
        }

        // Abandoned, not awaited: its outcome is observed so that a late failure is not an unobserved exception.
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
