using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Broker.Namesrv;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// An in-process development cluster: M name servers and N brokers speaking RocketMQ 4.9's protocol, for the
/// quickstart, examples and tests. <c>await using var cluster = await EmbeddedCluster.StartAsync(options);</c>
/// then point clients at <see cref="NameServerAddress"/>. Faults can be injected for reliability tests.
/// </summary>
public sealed partial class EmbeddedCluster : IAsyncDisposable
{
    private readonly EmbeddedClusterOptions _options;
    private readonly List<NamesrvController?> _nameServers = [];
    private readonly List<int> _nameServerPorts = [];
    private readonly List<BrokerController> _brokers = [];

    private EmbeddedCluster(EmbeddedClusterOptions options) => _options = options;

    /// <summary>Every name server address, "host:port".</summary>
    public IReadOnlyList<string> NameServerAddresses => _nameServerPorts.Select(p => $"{_options.Host}:{p}").ToList();

    /// <summary>The name server list as clients take it: addresses joined with ';'.</summary>
    public string NameServerAddress => string.Join(';', NameServerAddresses);

    /// <summary>Every broker address, "host:port", in broker order.</summary>
    public IReadOnlyList<string> BrokerAddresses => _brokers.Select(b => b.Address).ToList();

    /// <summary>Broker names in order: broker-a, broker-b, ...</summary>
    public IReadOnlyList<string> BrokerNames => _brokers.Select(b => b.Config.BrokerName).ToList();

    internal IReadOnlyList<BrokerController> Brokers => _brokers;

    internal NamesrvController? NameServer(int index) => _nameServers[index];

    /// <summary>Starts the name servers, then the brokers, and waits until every broker registered everywhere.</summary>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmbeddedClusterOptions();
        if (options.BrokerCount < 1 || options.BrokerCount > 26 || options.NameServerCount < 1)
        {
            throw new ArgumentException("an embedded cluster has 1-26 brokers and at least one name server", nameof(options));
        }

        if (options.SlavesPerBroker is < 0 or > MaxSlavesPerBroker)
        {
            throw new ArgumentException($"an embedded broker has 0-{MaxSlavesPerBroker} slaves, not {options.SlavesPerBroker}", nameof(options));
        }

        var cluster = new EmbeddedCluster(options);
        try
        {
            for (var i = 0; i < options.NameServerCount; i++)
            {
                var port = options.NameServerPort == 0 ? 0 : options.NameServerPort + i;
                var namesrv = cluster.CreateNameServer(port);
                Listen(namesrv.Start, PortInUseException.NameServerRole, options.Host, port);
                cluster._nameServers.Add(namesrv);
                cluster._nameServerPorts.Add(int.Parse(namesrv.Address[(namesrv.Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            }

            for (var i = 0; i < options.BrokerCount; i++)
            {
                var port = options.BrokerPort == 0 ? 0 : options.BrokerPort + i;
                var broker = cluster.CreateBroker(i, port);
                cluster._brokers.Add(broker); // disposed with the cluster if it fails to start (its store and schedule run)
                Listen(broker.Start, PortInUseException.BrokerRole, options.Host, port);
                cluster.StartSlaves(i);
            }

            await cluster.WaitForRegistrationAsync(ct).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A taken port is the one start failure a user fixes with an option: say which server and port.
    private static void Listen(Action start, string role, string host, int port)
    {
        try
        {
            start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new PortInUseException(role, host, port, e);
        }
    }

    /// <summary>
    /// Creates (or updates) <paramref name="topic"/> on every broker with <paramref name="queueNums"/> read and write
    /// queues, and returns once every name server serves its route - what <c>mqadmin updateTopic</c> does. Clients
    /// that do not auto-create topics through TBW102 (ali-ons, for one) need the topic to exist first.
    /// </summary>
    public async Task CreateTopicAsync(string topic, int queueNums = 4, CancellationToken ct = default)
    {
        if (TopicValidator.ValidateTopic(topic) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(topic));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(queueNums, 1);
        foreach (var broker in _brokers)
        {
            broker.Topics.Update(new Topic.TopicConfig(topic, queueNums, queueNums));
            await broker.RegisterAllAsync(ct).ConfigureAwait(false);
        }

        foreach (var slave in AllSlaves.Where(s => s.IsServing))
        {
            await slave.RegisterAllAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Stops a broker: connections dropped, new ones refused, registration stops. State is kept.</summary>
    public async Task StopBrokerAsync(int index)
    {
        var broker = _brokers[index];
        await broker.StopServingAsync().ConfigureAwait(false);
        foreach (var namesrv in _nameServers)
        {
            namesrv?.Routes.Unregister(broker.Address);
        }
    }

    /// <summary>
    /// Restarts a stopped or killed broker on the same port. In memory mode its state was kept; with a store
    /// directory the broker is rebuilt from disk, as a real restart recovers, unless it has slaves: they share its
    /// open store, so it serves that store again.
    /// </summary>
    public async Task RestartBrokerAsync(int index, CancellationToken ct = default)
    {
        var broker = _brokers[index];
        if (_options.StoreDirectory is not null && SlavesOf(index).Count == 0)
        {
            var port = int.Parse(broker.Address[(broker.Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            await broker.DisposeAsync().ConfigureAwait(false);
            broker = CreateBroker(index, port);
            _brokers[index] = broker;
            broker.Start();
        }
        else
        {
            broker.StartServing();
        }

        await broker.RegisterAllAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stops a name server (its routes are lost, as in Java).</summary>
    public async Task StopNameServerAsync(int index)
    {
        if (_nameServers[index] is { } namesrv)
        {
            _nameServers[index] = null;
            await namesrv.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Restarts a name server on its port; brokers register with it again at once.</summary>
    public async Task RestartNameServerAsync(int index, CancellationToken ct = default)
    {
        if (_nameServers[index] is null)
        {
            var namesrv = CreateNameServer(_nameServerPorts[index]);
            namesrv.Start();
            _nameServers[index] = namesrv;
        }

        foreach (var broker in _brokers.Concat(AllSlaves))
        {
            if (broker.IsServing)
            {
                await broker.RegisterAllAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Holds every answer of a broker until <see cref="ResumeBroker"/> (requests time out meanwhile).</summary>
    public void StallBroker(int index) => _brokers[index].StallAnswers();

    /// <summary>Lets a stalled broker answer again (held requests are answered now).</summary>
    public void ResumeBroker(int index) => _brokers[index].ResumeAnswers();

    /// <summary>Drops every connection of a client (by client id or "host:port") on every broker; returns how many.</summary>
    public int DropClientConnections(string clientIdOrAddress) => _brokers.Concat(AllSlaves).Sum(b => b.DropClient(clientIdOrAddress));

    /// <summary>Stops everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeSlavesAsync().ConfigureAwait(false);
        foreach (var broker in _brokers)
        {
            await broker.DisposeAsync().ConfigureAwait(false);
        }

        _brokers.Clear();
        foreach (var namesrv in _nameServers)
        {
            if (namesrv is not null)
            {
                await namesrv.DisposeAsync().ConfigureAwait(false);
            }
        }

        _nameServers.Clear();
    }

    private NamesrvController CreateNameServer(int port)
        => new(new NamesrvConfig { ListenHost = _options.Host, ListenPort = port, BrokerExpiry = _options.BrokerExpiry,
                ScanInterval = TimeSpan.FromMilliseconds(Math.Min(5000, Math.Max(50, _options.BrokerExpiry.TotalMilliseconds / 4))), Tls = TlsConfig() },
            _options.TimeProvider, _options.LoggerFactory ?? NullLoggerFactory.Instance);

    private Tls.ServerTlsConfig TlsConfig() => new()
    {
        Certificate = _options.TlsCertificate,
        Mode = _options.TlsMode,
        ClientAuth = _options.TlsClientAuth,
        TrustedClientCertificates = _options.TlsTrustedClientCertificates,
    };

    private BrokerController CreateBroker(int index, int port)
    {
        var name = _options.BrokerNamePrefix + (char)('a' + index);
        var storeConfig = new MessageStoreConfig
        {
            StoreDirectory = _options.StoreDirectory is null ? null : Path.Combine(_options.StoreDirectory, name),
            FlushDiskType = _options.FlushDiskType,
            MaxMessageSize = _options.MaxMessageSize,
            MessageDelayLevel = _options.MessageDelayLevel,
        };
        return new BrokerController(CreateBrokerConfig(name, port, brokerId: 0), storeConfig, _options.TimeProvider, _options.LoggerFactory);
    }

    private BrokerConfig CreateBrokerConfig(string name, int port, long brokerId)
    {
        var config = new BrokerConfig
        {
            BrokerId = brokerId,
            BrokerName = name,
            BrokerClusterName = _options.ClusterName,
            ListenHost = _options.Host,
            ListenPort = port,
            NamesrvAddresses = NameServerAddresses.ToList(),
            RegisterInterval = _options.RegisterInterval,
            DefaultTopicQueueNums = _options.DefaultTopicQueueNums,
            ChannelExpiredTimeout = _options.ClientExpiry,
            TransactionTimeout = _options.TransactionTimeout,
            TransactionCheckInterval = _options.TransactionCheckInterval,
            VipChannelEnabled = _options.VipChannelEnabled,
            Tls = TlsConfig(),
        };
        if (_options.AclAccessKey is { } ak && _options.AclSecretKey is { } sk)
        {
            config.AclAccounts[ak] = sk;
        }

        return config;
    }

    private async Task WaitForRegistrationAsync(CancellationToken ct)
    {
        foreach (var broker in _brokers.Concat(AllSlaves))
        {
            await broker.RegisterAllAsync(ct).ConfigureAwait(false);
        }

        foreach (var namesrv in _nameServers)
        {
            var live = namesrv!.Routes.LiveBrokerAddresses();
            var missing = _brokers.Concat(AllSlaves).Where(b => !live.Contains(b.Address)).Select(b => b.Address).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"brokers {string.Join(", ", missing)} could not register with name server {namesrv.Address}");
            }
        }
    }
}
