using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>
/// Consumer groups and their connections (Java: ConsumerManager + DefaultConsumerIdsChangeListener): registration by
/// heartbeat, removal on unregister, close or 120 s of silence, and NOTIFY_CONSUMER_IDS_CHANGED to every member of a
/// group whose membership changed, so clients rebalance at once instead of at their next 20 s rebalance.
/// </summary>
internal sealed class ConsumerManager(TimeProvider time, TimeSpan channelExpiredTimeout, ILogger logger)
{
    private readonly ConcurrentDictionary<string, ConsumerGroupInfo> _groups = new();

    /// <summary>Raised for every group whose subscriptions changed (filters are rebuilt).</summary>
    public event Action<string>? SubscriptionsChanged;

    public ICollection<ConsumerGroupInfo> Groups => _groups.Values;

    public ConsumerGroupInfo? GetGroup(string group) => _groups.TryGetValue(group, out var info) ? info : null;

    /// <summary>Finds a client's connection in a group.</summary>
    public ClientChannelInfo? FindChannel(string group, string clientId)
    {
        if (GetGroup(group) is { } info)
        {
            foreach (var channel in info.Channels.Values)
            {
                if (channel.ClientId == clientId)
                {
                    return channel;
                }
            }
        }

        return null;
    }

    /// <summary>Registers a heartbeat's consumer data; returns true when membership or subscriptions changed.</summary>
    public bool Register(string group, ClientChannelInfo channel, string consumeType, string messageModel, string consumeFromWhere,
        IReadOnlyCollection<SubscriptionData> subscriptions, bool notifyEnabled)
    {
        var info = _groups.GetOrAdd(group, g => new ConsumerGroupInfo(g));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var channelChanged = info.UpdateChannel(channel, consumeType, messageModel, consumeFromWhere, now);
        var subscriptionChanged = info.UpdateSubscription(subscriptions);
        if (channelChanged && notifyEnabled)
        {
            Notify(info);
        }

        if (subscriptionChanged)
        {
            SubscriptionsChanged?.Invoke(group);
        }

        return channelChanged || subscriptionChanged;
    }

    /// <summary>Removes a client from a group (UNREGISTER_CLIENT).</summary>
    public void Unregister(string group, IClientChannel channel, bool notifyEnabled)
    {
        if (!_groups.TryGetValue(group, out var info) || !info.Channels.TryRemove(channel, out var removed))
        {
            return;
        }

        logger.LogInformation("consumer {ClientId} left group {Group}", removed.ClientId, group);
        if (info.Channels.IsEmpty)
        {
            _groups.TryRemove(new KeyValuePair<string, ConsumerGroupInfo>(group, info));
        }
        else if (notifyEnabled)
        {
            Notify(info);
        }
    }

    /// <summary>A connection closed: remove it everywhere and tell the remaining members.</summary>
    public void ChannelClosed(IClientChannel channel)
    {
        foreach (var info in _groups.Values)
        {
            if (info.Channels.TryRemove(channel, out var removed))
            {
                logger.LogInformation("consumer {ClientId} of {Group} disconnected ({Remote})", removed.ClientId, info.GroupName, channel.RemoteAddress);
                if (info.Channels.IsEmpty)
                {
                    _groups.TryRemove(new KeyValuePair<string, ConsumerGroupInfo>(info.GroupName, info));
                }
                else
                {
                    Notify(info);
                }
            }
        }
    }

    /// <summary>Drops connections silent for longer than the expiry (Java: scanNotActiveChannel).</summary>
    public void ScanNotActiveChannels()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var info in _groups.Values)
        {
            foreach (var pair in info.Channels)
            {
                if (now - pair.Value.LastUpdateTimestamp > (long)channelExpiredTimeout.TotalMilliseconds)
                {
                    logger.LogWarning("consumer {ClientId} of {Group} silent for {Ms} ms: dropped", pair.Value.ClientId, info.GroupName, now - pair.Value.LastUpdateTimestamp);
                    pair.Key.Close();
                    if (info.Channels.TryRemove(pair.Key, out _) && !info.Channels.IsEmpty)
                    {
                        Notify(info);
                    }
                }
            }

            if (info.Channels.IsEmpty)
            {
                _groups.TryRemove(new KeyValuePair<string, ConsumerGroupInfo>(info.GroupName, info));
            }
        }
    }

    /// <summary>Groups subscribed to a topic (Java: queryTopicConsumeByWho).</summary>
    public HashSet<string> GroupsSubscribing(string topic)
    {
        var groups = new HashSet<string>();
        foreach (var info in _groups.Values)
        {
            if (info.Subscriptions.ContainsKey(topic))
            {
                groups.Add(info.GroupName);
            }
        }

        return groups;
    }

    private void Notify(ConsumerGroupInfo info)
    {
        foreach (var channel in info.Channels.Keys)
        {
            var request = Internal.CommandHeaders.CreateRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, new Internal.NotifyConsumerIdsChangedRequestHeader { ConsumerGroup = info.GroupName });
            request.MarkOneWay();
            _ = SendQuietly(channel, request, info.GroupName);
        }
    }

    private async Task SendQuietly(IClientChannel channel, RemotingCommand request, string group)
    {
        try
        {
            await channel.InvokeOneWay(request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "NOTIFY_CONSUMER_IDS_CHANGED for {Group} to {Remote} failed", group, channel.RemoteAddress);
        }
    }
}
