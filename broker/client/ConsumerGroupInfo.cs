using System.Collections.Concurrent;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>A consumer group's connections and subscriptions (Java: ConsumerGroupInfo).</summary>
internal sealed class ConsumerGroupInfo(string groupName)
{
    public string GroupName { get; } = groupName;

    public ConcurrentDictionary<string, SubscriptionData> Subscriptions { get; } = new();

    public ConcurrentDictionary<IClientChannel, ClientChannelInfo> Channels { get; } = new();

    public string ConsumeType { get; set; } = "CONSUME_PASSIVELY";

    public string MessageModel { get; set; } = "CLUSTERING";

    public string ConsumeFromWhere { get; set; } = "CONSUME_FROM_LAST_OFFSET";

    public long LastUpdateTimestamp { get; set; }

    public SubscriptionData? FindSubscription(string topic) => Subscriptions.TryGetValue(topic, out var data) ? data : null;

    /// <summary>Client ids of the live connections.</summary>
    public List<string> ClientIds()
    {
        var ids = new List<string>();
        foreach (var info in Channels.Values)
        {
            ids.Add(info.ClientId);
        }

        return ids;
    }

    /// <summary>Adds or refreshes a connection; true when it is new (or its client id changed).</summary>
    public bool UpdateChannel(ClientChannelInfo info, string consumeType, string messageModel, string consumeFromWhere, long now)
    {
        ConsumeType = consumeType;
        MessageModel = messageModel;
        ConsumeFromWhere = consumeFromWhere;
        LastUpdateTimestamp = now;
        var updated = false;
        if (!Channels.TryGetValue(info.Channel, out var old))
        {
            Channels[info.Channel] = info;
            updated = true;
        }
        else if (old.ClientId != info.ClientId)
        {
            Channels[info.Channel] = info;
            updated = true;
        }
        else
        {
            old.LastUpdateTimestamp = now;
        }

        return updated;
    }

    /// <summary>
    /// Java's updateSubscription: new topics are added, a newer subVersion replaces, topics no longer listed are
    /// dropped. True when anything changed.
    /// </summary>
    public bool UpdateSubscription(IReadOnlyCollection<SubscriptionData> subscriptions)
    {
        var updated = false;
        foreach (var sub in subscriptions)
        {
            if (!Subscriptions.TryGetValue(sub.Topic, out var old))
            {
                Subscriptions[sub.Topic] = sub;
                updated = true;
            }
            else if (sub.SubVersion > old.SubVersion)
            {
                Subscriptions[sub.Topic] = sub;
            }
        }

        foreach (var topic in Subscriptions.Keys)
        {
            var listed = false;
            foreach (var sub in subscriptions)
            {
                if (sub.Topic == topic)
                {
                    listed = true;
                    break;
                }
            }

            if (!listed)
            {
                Subscriptions.TryRemove(topic, out _);
                updated = true;
            }
        }

        return updated;
    }
}
