using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Route queries and the route and broker caches (Go: route.go, the <c>namesrvs</c> methods).</summary>
internal sealed partial class Namesrvs
{
    /// <inheritdoc />
    public async Task<bool> CheckTopicRouteHasTopic(string topic, CancellationToken cancellationToken = default)
    {
        try
        {
            await Query(topic, null, cancellationToken).ConfigureAwait(false);
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
        var route = (await Query(topic, null, cancellationToken).ConfigureAwait(false)).Route;
        return route.ToSubscribeQueues(topic);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(string topic, CancellationToken cancellationToken = default)
    {
        if (!_routeDataMap.TryGetValue(topic, out var route))
        {
            route = (await UpdateTopicRouteInfo(topic, cancellationToken).ConfigureAwait(false)).RouteData;
        }

        return TopicPublishInfo.FromRouteData(topic, route).MqList;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken cancellationToken = default)
    {
        var route = (await Query(topic, null, cancellationToken).ConfigureAwait(false)).Route;
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
