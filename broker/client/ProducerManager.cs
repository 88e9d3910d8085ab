using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>Producer groups and their connections (Java: ProducerManager), used for transaction check-backs.</summary>
internal sealed class ProducerManager(TimeProvider time, TimeSpan channelExpiredTimeout, ILogger logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<IClientChannel, ClientChannelInfo>> _groups = new();

    public IReadOnlyDictionary<string, ConcurrentDictionary<IClientChannel, ClientChannelInfo>> Groups => _groups;

    /// <summary>Registers or refreshes a producer from a heartbeat.</summary>
    public void Register(string group, ClientChannelInfo info)
    {
        var channels = _groups.GetOrAdd(group, _ => new ConcurrentDictionary<IClientChannel, ClientChannelInfo>());
        if (channels.TryGetValue(info.Channel, out var existing))
        {
            existing.LastUpdateTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        }
        else
        {
            channels[info.Channel] = info;
        }
    }

    /// <summary>Removes a producer (UNREGISTER_CLIENT).</summary>
    public void Unregister(string group, IClientChannel channel)
    {
        if (_groups.TryGetValue(group, out var channels))
        {
            channels.TryRemove(channel, out _);
            if (channels.IsEmpty)
            {
                _groups.TryRemove(new KeyValuePair<string, ConcurrentDictionary<IClientChannel, ClientChannelInfo>>(group, channels));
            }
        }
    }

    /// <summary>A connection closed.</summary>
    public void ChannelClosed(IClientChannel channel)
    {
        foreach (var group in _groups.Keys)
        {
            Unregister(group, channel);
        }
    }

    /// <summary>A live connection of the group, or null (Java: getAvailableChannel).</summary>
    public IClientChannel? AvailableChannel(string group)
    {
        if (!_groups.TryGetValue(group, out var channels))
        {
            return null;
        }

        IClientChannel? fallback = null;
        foreach (var channel in channels.Keys)
        {
            if (channel.IsActive)
            {
                return channel;
            }

            fallback ??= channel;
        }

        return fallback;
    }

    /// <summary>Drops producers silent for longer than the expiry.</summary>
    public void ScanNotActiveChannels()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (group, channels) in _groups)
        {
            foreach (var pair in channels)
            {
                if (now - pair.Value.LastUpdateTimestamp > (long)channelExpiredTimeout.TotalMilliseconds)
                {
                    logger.LogWarning("producer {ClientId} of {Group} silent: dropped", pair.Value.ClientId, group);
                    channels.TryRemove(pair.Key, out _);
                    pair.Key.Close();
                }
            }
        }
    }
}
