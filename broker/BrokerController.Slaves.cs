using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Broker;

/// <summary>The slave role (Java: BrokerRole.SLAVE): a slave shares its master's store and is told of every arrival.</summary>
internal sealed partial class BrokerController
{
    /// <summary>
    /// A slave of <paramref name="master"/> (Java: brokerRole SLAVE): <paramref name="config"/> names the same cluster
    /// and broker name with a broker id above 0. It shares the master's store, so it reads every message the master
    /// committed and the consumer offsets committed to it; it refuses sends, serves pulls and queries, and keeps
    /// serving while the master is down.
    /// </summary>
    public static BrokerController SlaveOf(BrokerController master, BrokerConfig config)
    {
        ArgumentNullException.ThrowIfNull(master);
        ArgumentNullException.ThrowIfNull(config);
        if (master.IsSlave || config.BrokerId <= 0 || config.BrokerName != master.Config.BrokerName || config.BrokerClusterName != master.Config.BrokerClusterName)
        {
            throw new ArgumentException($"a slave of {master.Config.BrokerName} needs a broker id above 0, broker name {master.Config.BrokerName} and cluster {master.Config.BrokerClusterName}", nameof(config));
        }

        return new BrokerController(config, master.StoreConfig, master.Time, master.LoggerFactory, master);
    }

    /// <inheritdoc />
    public void Arriving(string topic, int queueId, long maxOffset, long tagsCode, long commitLogOffset, int size)
    {
        HoldService.Arriving(topic, queueId, maxOffset, tagsCode, commitLogOffset, size);
        BrokerController[] slaves;
        lock (_slaves)
        {
            slaves = _slaves.Count == 0 ? [] : [.. _slaves];
        }

        // The slave's copy is the same store: its long polls learn of the message at once (a Java slave finds it
        // at its hold service's next 5 s check, as its store does not notify).
        foreach (var slave in slaves)
        {
            slave.HoldService.Arriving(topic, queueId, maxOffset, tagsCode, commitLogOffset, size);
        }

        if (topic == Constants.ScheduleTopic)
        {
            Schedule.OnArrival(queueId);
        }
    }
}
