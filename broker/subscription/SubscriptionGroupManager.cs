using System.Collections.Concurrent;

namespace RocketMQ.Go.Port.Broker.Subscription;

/// <summary>A consumer group's settings on the broker (Java: SubscriptionGroupConfig).</summary>
internal sealed class SubscriptionGroupConfig
{
    public string GroupName { get; set; } = "";

    public bool ConsumeEnable { get; set; } = true;

    public bool ConsumeFromMinEnable { get; set; } = true;

    public bool ConsumeBroadcastEnable { get; set; } = true;

    public int RetryQueueNums { get; set; } = 1;

    public int RetryMaxTimes { get; set; } = 16;

    public long BrokerId { get; set; }

    public long WhichBrokerWhenConsumeSlowly { get; set; } = 1;

    public bool NotifyConsumerIdsChangedEnable { get; set; } = true;
}

/// <summary>Consumer groups known to the broker (Java: SubscriptionGroupManager), auto-created on first use.</summary>
internal sealed class SubscriptionGroupManager(bool autoCreate)
{
    private readonly ConcurrentDictionary<string, SubscriptionGroupConfig> _table = new();

    /// <summary>Every group.</summary>
    public ICollection<SubscriptionGroupConfig> All => _table.Values;

    /// <summary>The group's config; created with defaults when auto-creation is on, else null.</summary>
    public SubscriptionGroupConfig? Find(string group)
    {
        if (_table.TryGetValue(group, out var config))
        {
            return config;
        }

        return autoCreate ? _table.GetOrAdd(group, g => new SubscriptionGroupConfig { GroupName = g }) : null;
    }

    /// <summary>Creates or replaces a group (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP).</summary>
    public void Update(SubscriptionGroupConfig config) => _table[config.GroupName] = config;

    /// <summary>Deletes a group.</summary>
    public bool Delete(string group) => _table.TryRemove(group, out _);
}
