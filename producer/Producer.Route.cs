using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

internal sealed partial class DefaultProducer
{
    /// <summary>
    /// The topic's publish info (Go: <c>tryToFindTopicPublishInfo</c>): the cached one, else the route from the name
    /// server, else the template topic's route (<see cref="ProducerOptions.CreateTopicKey"/>) so the broker creates
    /// the topic on first send. Waits at most <paramref name="timeout"/>: concurrent lookups of a topic are one shared
    /// name server query (see <see cref="INamesrvs"/>), which goes on for the others when this caller gives up.
    /// </summary>
    /// <exception cref="RemotingTimeoutException">No answer within <paramref name="timeout"/>, naming the name server asked.</exception>
    /// <exception cref="MQClientException">No usable route: <see cref="ClientErrors.ErrRouteNotFound"/> saying why (no name
    /// server answered, the topic does not exist, no writeable queue), the cause as inner exception; or
    /// <see cref="ClientErrors.ErrNoNameserver"/> naming the sources of name server addresses tried.</exception>
    internal ValueTask<TopicPublishInfo> TryToFindTopicPublishInfo(string topic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_publishInfo.TryGetValue(topic, out var info) && info.IsOK)
        {
            return new ValueTask<TopicPublishInfo>(info);
        }

        return new ValueTask<TopicPublishInfo>(LookUp(topic, timeout, cancellationToken));
    }

    private async Task<TopicPublishInfo> LookUp(string topic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var namesrv = Client.GetNameSrv();
        TopicRouteData route;
        bool changed;
        MQClientException? notExist = null;
        try
        {
            (route, changed) = await namesrv.UpdateTopicRouteInfo(topic, timeout, cancellationToken).ConfigureAwait(false);
            if (Store(topic, route, changed) is { } found)
            {
                return found;
            }

            _logger.LogDebug("topic {Topic} has no writeable queue; using the route of {DefaultTopic}", topic, Options.CreateTopicKey);
        }
        catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist)
        {
            notExist = e;
            _logger.LogDebug("topic {Topic} has no route yet; using the route of {DefaultTopic}", topic, Options.CreateTopicKey);
        }
        catch (RemotingException e) when (e is not RemotingTimeoutException)
        {
            throw new MQClientException(ClientErrors.ErrRouteNotFound, e.Message, e);
        }

        try
        {
            var left = timeout == Timeout.InfiniteTimeSpan ? timeout : timeout - Stopwatch.GetElapsedTime(started);
            (route, changed) = await namesrv.UpdateTopicRouteInfoWithDefault(topic, Options.CreateTopicKey, Options.DefaultTopicQueueNums, left < TimeSpan.Zero ? TimeSpan.Zero : left, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist)
        {
            throw new MQClientException(ClientErrors.ErrRouteNotFound,
                $"{notExist?.Description ?? $"topic {topic} has no writeable queue"}; nor is there a route for the auto-create topic {Options.CreateTopicKey}: "
                + "create the topic, or enable autoCreateTopicEnable on the broker", e);
        }
        catch (RemotingException e) when (e is not RemotingTimeoutException)
        {
            throw new MQClientException(ClientErrors.ErrRouteNotFound, e.Message, e);
        }

        return Store(topic, route, changed) ?? throw new MQClientException(ClientErrors.ErrRouteNotFound,
            $"topic {topic} has no writeable queue in its route, nor in the route of the auto-create topic {Options.CreateTopicKey}", notExist);
    }

    private TopicPublishInfo? Store(string topic, TopicRouteData? route, bool changed)
    {
        if (route is null)
        {
            return null;
        }

        // A changed route reached every producer of the client already, through the name server view's RouteChanged
        // callback; an unchanged one goes to those still missing it.
        if (!changed)
        {
            Client.UpdatePublishInfo(topic, route, changed: false);
        }

        if (!_publishInfo.TryGetValue(topic, out var info))
        {
            // Only a producer the client does not know (shut down meanwhile) misses the hand-out.
            info = TopicPublishInfo.FromRouteData(topic, route);
            info.HaveTopicRouterInfo = true;
            if (info.IsOK)
            {
                _publishInfo[topic] = info;
            }
        }

        return info.IsOK ? info : null;
    }

    /// <summary>The address of a broker's master, through its VIP port when that option is on (Go: <c>brokerVIPChannel</c>).</summary>
    internal string? FindBrokerAddress(string brokerName)
    {
        var addr = Client.GetNameSrv().FindBrokerAddrByName(brokerName);
        return addr is null || !Options.VIPChannelEnabled ? addr : BrokerAddresses.VipChannel(addr);
    }
}
