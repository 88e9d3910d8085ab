using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Route queries and the route and broker caches (Go: route.go, the <c>namesrvs</c> methods).</summary>
internal sealed partial class Namesrvs
{
    /// <inheritdoc />
    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, CancellationToken cancellationToken = default)
        => UpdateTopicRouteInfoWithDefault(topic, string.Empty, 0, cancellationToken);

    /// <inheritdoc />
    public async Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, CancellationToken cancellationToken = default)
    {
        // One query per client at a time, as Go's lockNamesrv: compare-and-store must not interleave.
        await _routeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var useDefault = !string.IsNullOrEmpty(defaultTopic);
            var routeData = await QueryTopicRouteInfoFromServer(useDefault ? defaultTopic : topic, cancellationToken).ConfigureAwait(false);
            if (useDefault)
            {
                foreach (var queue in routeData.QueueDataList)
                {
                    if (queue.ReadQueueNums > defaultQueueNum)
                    {
                        queue.ReadQueueNums = defaultQueueNum;
                        queue.WriteQueueNums = defaultQueueNum;
                    }
                }
            }

            var changed = !_routeDataMap.TryGetValue(topic, out var old) || !old.SameRouteAs(routeData);
            if (changed)
            {
                _logger.LogInformation("the topic route info of {Topic} changed from {Old} to {New}", topic, old?.ToString() ?? "nil", routeData);
                StoreRoute(topic, routeData);
                RouteChanged?.Invoke(topic, routeData.Clone());
            }

            return (routeData.Clone(), changed);
        }
        finally
        {
            _routeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> CheckTopicRouteHasTopic(string topic, CancellationToken cancellationToken = default)
    {
        try
        {
            await QueryTopicRouteInfoFromServer(topic, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RocketMQException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void AddBroker(TopicRouteData routeData)
    {
        lock (_brokerLock)
        {
            foreach (var broker in routeData.BrokerDataList)
            {
                _brokerAddressesMap[broker.BrokerName] = broker.Clone();
            }
        }
    }

    /// <inheritdoc />
    public void CleanOfflineBroker()
    {
        lock (_brokerLock)
        {
            var live = new HashSet<string>(StringComparer.Ordinal);
            foreach (var route in _routeDataMap.Values)
            {
                foreach (var broker in route.BrokerDataList)
                {
                    live.UnionWith(broker.BrokerAddresses.Values);
                }
            }

            foreach (var (brokerName, data) in _brokerAddressesMap)
            {
                var kept = new Dictionary<long, string>();
                foreach (var (id, addr) in data.BrokerAddresses)
                {
                    if (live.Contains(addr))
                    {
                        kept[id] = addr;
                    }
                    else
                    {
                        _logger.LogInformation("the broker [name={BrokerName}, id={BrokerId}, addr={BrokerAddr}] is offline, remove it", brokerName, id, addr);
                    }
                }

                if (kept.Count == 0)
                {
                    _brokerAddressesMap.TryRemove(brokerName, out _);
                    _logger.LogInformation("the broker name {BrokerName} has no host online, remove it", brokerName);
                }
                else if (kept.Count != data.BrokerAddresses.Count)
                {
                    _brokerAddressesMap[brokerName] = new BrokerData { BrokerName = data.BrokerName, Cluster = data.Cluster, BrokerAddresses = kept };
                }
            }
        }
    }

    /// <inheritdoc />
    public string? FindBrokerAddrByTopic(string topic)
    {
        if (!_routeDataMap.TryGetValue(topic, out var route) || route.BrokerDataList.Count == 0)
        {
            return null;
        }

        return route.BrokerDataList[Random.Shared.Next(route.BrokerDataList.Count)].SelectBrokerAddr();
    }

    /// <inheritdoc />
    public string? FindBrokerAddrByName(string brokerName)
        => _brokerAddressesMap.TryGetValue(brokerName, out var data) ? data.MasterAddress : null;

    /// <inheritdoc />
    public FindBrokerResult? FindBrokerAddressInSubscribe(string brokerName, long brokerId, bool onlyThisBroker)
    {
        if (!_brokerAddressesMap.TryGetValue(brokerName, out var data) || data.BrokerAddresses.Count == 0)
        {
            return null;
        }

        var slave = brokerId != Constants.MasterId;
        var found = data.BrokerAddresses.TryGetValue(brokerId, out var addr) && !string.IsNullOrEmpty(addr);

        // A missing slave: try the next id, as Java does for a suggestion pointing at a removed slave.
        if (!found && slave)
        {
            found = data.BrokerAddresses.TryGetValue(brokerId + 1, out addr) && !string.IsNullOrEmpty(addr);
        }

        if (!found && !onlyThisBroker)
        {
            foreach (var (id, candidate) in data.BrokerAddresses)
            {
                if (!string.IsNullOrEmpty(candidate))
                {
                    addr = candidate;
                    slave = id != Constants.MasterId;
                    found = true;
                    break;
                }
            }
        }

        return found ? new FindBrokerResult(addr!, slave, FindBrokerVersion(brokerName, addr!)) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageQueue>> FetchSubscribeMessageQueues(string topic, CancellationToken cancellationToken = default)
    {
        var route = await QueryTopicRouteInfoFromServer(topic, cancellationToken).ConfigureAwait(false);
        return route.ToSubscribeQueues(topic);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(string topic, CancellationToken cancellationToken = default)
    {
        if (!_routeDataMap.TryGetValue(topic, out var route))
        {
            route = await QueryTopicRouteInfoFromServer(topic, cancellationToken).ConfigureAwait(false);
            StoreRoute(topic, route);
        }

        return TopicPublishInfo.FromRouteData(topic, route).MqList;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken cancellationToken = default)
    {
        var route = await QueryTopicRouteInfoFromServer(topic, cancellationToken).ConfigureAwait(false);
        var clusters = new List<string>();
        foreach (var broker in route.BrokerDataList)
        {
            if (!clusters.Contains(broker.Cluster))
            {
                clusters.Add(broker.Cluster);
            }
        }

        return clusters;
    }

    /// <inheritdoc />
    public void AddBrokerVersion(string brokerName, string brokerAddr, int version)
        => _brokerVersionMap.GetOrAdd(brokerName, static _ => new(StringComparer.Ordinal))[brokerAddr] = version;

    /// <inheritdoc />
    public int FindBrokerVersion(string brokerName, string brokerAddr)
        => _brokerVersionMap.TryGetValue(brokerName, out var versions) && versions.TryGetValue(brokerAddr, out var version) ? version : 0;

    /// <inheritdoc />
    public TopicRouteData? GetTopicRouteData(string topic) => _routeDataMap.TryGetValue(topic, out var route) ? route.Clone() : null;

    /// <inheritdoc />
    public IReadOnlyList<BrokerData> GetBrokerDataList()
    {
        var list = new List<BrokerData>(_brokerAddressesMap.Count);
        foreach (var data in _brokerAddressesMap.Values)
        {
            list.Add(data.Clone());
        }

        return list;
    }

    /// <summary>
    /// GET_ROUTEINFO_BY_TOPIC, trying each name server once, round robin, until one answers (Go:
    /// <c>queryTopicRouteInfoFromServer</c>). A name server that cannot be reached or times out is skipped.
    /// </summary>
    internal async Task<TopicRouteData> QueryTopicRouteInfoFromServer(string topic, CancellationToken cancellationToken)
    {
        var srvs = Volatile.Read(ref _srvs);
        if (srvs.Length == 0)
        {
            await UpdateNameServerAddress(cancellationToken).ConfigureAwait(false);
            srvs = Volatile.Read(ref _srvs);
            if (srvs.Length == 0)
            {
                throw ClientErrors.Create(ClientErrors.ErrNoNameserver, $"no name server address for topic {topic} from {_resolver.Description}");
            }
        }

        var header = new GetRouteInfoRequestHeader { Topic = topic };
        RemotingCommand? response = null;
        string? addr = null;
        RemotingException? lastError = null;
        for (var i = 0; i < srvs.Length && response is null; i++)
        {
            addr = NextAddress(srvs);
            try
            {
                response = await _remotingClient.InvokeSync(addr, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, header.Encode()), _intervals.NameServerRequestTimeout, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (RemotingException e)
            {
                lastError = e;
                _logger.LogWarning("query route of {Topic} from name server {Addr} failed, trying the next: {Reason}", topic, addr, e.Message);
            }
        }

        if (response is null)
        {
            throw new RemotingConnectException(string.Join(';', srvs), $"no name server answered the route query of topic {topic}", lastError);
        }

        switch (response.Code)
        {
            case ResponseCode.SUCCESS when !response.Body.IsEmpty:
                return TopicRouteData.Decode(response.Body.Span);
            case ResponseCode.TOPIC_NOT_EXIST:
                throw ClientErrors.Create(ClientErrors.ErrTopicNotExist, $"no route info of topic {topic} on name server {addr}: {response.Remark}");
            default:
                throw new MQBrokerException(response.Code, response.Remark ?? $"no route body for topic {topic}", addr);
        }
    }

    private void StoreRoute(string topic, TopicRouteData route)
    {
        lock (_brokerLock)
        {
            _routeDataMap[topic] = route;
            foreach (var broker in route.BrokerDataList)
            {
                _brokerAddressesMap[broker.BrokerName] = broker.Clone();
            }
        }
    }
}
