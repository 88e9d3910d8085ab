using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

public sealed partial class DefaultProducer
{
    /// <summary>
    /// The topic's publish info (Go: <c>tryToFindTopicPublishInfo</c>): the cached one, else the route from the name
    /// server, else the template topic's route (<see cref="ProducerOptions.CreateTopicKey"/>) so the broker creates
    /// the topic on first send. Concurrent first sends to a topic share one lookup. Null when no route exists.
    /// </summary>
    internal ValueTask<TopicPublishInfo?> TryToFindTopicPublishInfo(string topic, CancellationToken cancellationToken)
    {
        if (_publishInfo.TryGetValue(topic, out var info) && info.IsOK)
        {
            return new ValueTask<TopicPublishInfo?>(info);
        }

        return new ValueTask<TopicPublishInfo?>(LookUpShared(topic, cancellationToken));
    }

    /// <summary>
    /// Joins the lookup in progress for <paramref name="topic"/>, or starts one. The starter takes its entry out
    /// before completing it, so a finished lookup (a failure in particular) is never reused.
    /// </summary>
    private async Task<TopicPublishInfo?> LookUpShared(string topic, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<TopicPublishInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lookup = _routeLookups.GetOrAdd(topic, mine.Task);
        if (ReferenceEquals(lookup, mine.Task))
        {
            _ = RunLookUp(topic, mine);
        }

        return await lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunLookUp(string topic, TaskCompletionSource<TopicPublishInfo?> lookup)
    {
        TopicPublishInfo? info = null;
        Exception? error = null;
        try
        {
            info = await LookUp(topic).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        _routeLookups.TryRemove(new KeyValuePair<string, Task<TopicPublishInfo?>>(topic, lookup.Task));
        if (error is null)
        {
            lookup.TrySetResult(info);
        }
        else
        {
            lookup.TrySetException(error);
        }
    }

    private async Task<TopicPublishInfo?> LookUp(string topic)
    {
        try
        {
            var namesrv = Client.GetNameSrv();
            TopicRouteData? route = null;
            var changed = false;
            try
            {
                (route, changed) = await namesrv.UpdateTopicRouteInfo(topic).ConfigureAwait(false);
            }
            catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist)
            {
                _logger.LogDebug("topic {Topic} has no route yet; using the route of {DefaultTopic}", topic, Options.CreateTopicKey);
            }
            catch (MQBrokerException e) when (e.ResponseCode == ResponseCode.TOPIC_NOT_EXIST)
            {
                _logger.LogDebug("topic {Topic} has no route yet; using the route of {DefaultTopic}", topic, Options.CreateTopicKey);
            }

            var info = Store(topic, route, changed);
            if (info is null)
            {
                (route, changed) = await namesrv.UpdateTopicRouteInfoWithDefault(topic, Options.CreateTopicKey, Options.DefaultTopicQueueNums).ConfigureAwait(false);
                info = Store(topic, route, changed);
            }

            if (info is null)
            {
                _logger.LogWarning("no writeable queue found for topic {Topic}", topic);
            }

            return info;
        }
        catch (Exception e) when (e is RocketMQException)
        {
            _logger.LogWarning("route lookup of topic {Topic} failed: {Error}", topic, e.Message);
            return null;
        }
    }

    private TopicPublishInfo? Store(string topic, TopicRouteData? route, bool changed)
    {
        if (route is null)
        {
            return null;
        }

        Client.UpdatePublishInfo(topic, route, changed);
        if (!_publishInfo.TryGetValue(topic, out var info) || !info.IsOK)
        {
            info = TopicPublishInfo.FromRouteData(topic, route);
            info.HaveTopicRouterInfo = true;
            if (!info.IsOK)
            {
                return null;
            }

            _publishInfo[topic] = info;
        }

        return info;
    }

    /// <summary>The address of a broker's master, through its VIP port when that option is on (Go: <c>brokerVIPChannel</c>).</summary>
    internal string? FindBrokerAddress(string brokerName)
    {
        var addr = Client.GetNameSrv().FindBrokerAddrByName(brokerName);
        if (addr is null || !Options.VIPChannelEnabled)
        {
            return addr;
        }

        var colon = addr.LastIndexOf(':');
        return colon > 0 && int.TryParse(addr.AsSpan(colon + 1), out var port)
            ? string.Concat(addr.AsSpan(0, colon + 1), (port - 2).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : addr;
    }
}
