namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// Slaves (<see cref="EmbeddedClusterOptions.SlavesPerBroker"/>) and killing a master, for tests of what clients do
/// when a master dies and returns.
/// </summary>
public sealed partial class EmbeddedCluster
{
    private const int MaxSlavesPerBroker = 8;

    // Slaves by their master's index; a slave's broker id is its place in the list + 1.
    private readonly Dictionary<int, List<BrokerController>> _slaves = [];

    /// <summary>
    /// The slave addresses ("host:port") of broker <paramref name="index"/>, by broker id (1, 2, ...); empty without
    /// <see cref="EmbeddedClusterOptions.SlavesPerBroker"/>.
    /// </summary>
    public IReadOnlyList<string> SlaveAddressesOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _brokers.Count);
        return SlavesOf(index).Select(s => s.Address).ToList();
    }

    /// <summary>
    /// Kills broker <paramref name="index"/>'s master as SIGKILL looks on the wire: its ports close and every
    /// connection drops at once, with no unregistration; the name servers drop it from the routes when its connection
    /// to them closes (Java: onChannelDestroy), leaving its slaves in the route. The store its slaves share stays open.
    /// <see cref="RestartBrokerAsync"/> brings it back.
    /// </summary>
    public Task KillBrokerAsync(int index) => _brokers[index].StopServingAsync();

    internal IReadOnlyList<BrokerController> SlavesOf(int index)
        => _slaves.TryGetValue(index, out var slaves) ? slaves : [];

    private IEnumerable<BrokerController> AllSlaves => _slaves.OrderBy(p => p.Key).SelectMany(p => p.Value);

    private void StartSlaves(int index)
    {
        var master = _brokers[index];
        for (var id = 1; id <= _options.SlavesPerBroker; id++)
        {
            // Slaves listen on free ports, also when BrokerPort fixes the masters'.
            var slave = BrokerController.SlaveOf(master, CreateBrokerConfig(master.Config.BrokerName, port: 0, brokerId: id));
            if (!_slaves.TryGetValue(index, out var slaves))
            {
                _slaves[index] = slaves = [];
            }

            slaves.Add(slave); // disposed with the cluster if it fails to start
            slave.Start();
        }
    }

    private async Task DisposeSlavesAsync()
    {
        foreach (var slave in AllSlaves)
        {
            await slave.DisposeAsync().ConfigureAwait(false);
        }

        _slaves.Clear();
    }
}
