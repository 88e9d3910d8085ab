using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Broker.Acl;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.LongPolling;
using RocketMQ.Go.Port.Broker.Offset;
using RocketMQ.Go.Port.Broker.Processor;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Broker.Schedule;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Subscription;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Broker.Transaction;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// One embedded broker (Java: BrokerController): the store and managers, the request processors on a remoting
/// server, registration with every name server (at start, every <see cref="BrokerConfig.RegisterInterval"/> and at
/// once when topics change), client housekeeping, offset persistence and transaction check-backs. Its state
/// survives <see cref="StopServingAsync"/> / <see cref="StartServing"/>, which is how a restart is simulated in
/// memory mode.
/// </summary>
internal sealed partial class BrokerController : IAsyncDisposable, IMessageArrivingListener
{
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<RemotingChannel, ServerChannel> _channels = new(ReferenceEqualityComparer.Instance);
    private readonly PlainAccessValidator _acl;
    private RemotingClient _namesrvClient;
    private readonly SendMessageProcessor _send;
    private readonly PullMessageProcessor _pull;
    private readonly TransactionalMessageCheckService _transactionCheck;
    private readonly SemaphoreSlim _registerSignal = new(0, 1);
    private readonly List<BrokerController> _slaves = [];
    private CancellationTokenSource _running = new();
    private RemotingServer? _server;
    private RemotingServer? _vipServer;
    private List<Task> _loops = [];
    private TaskCompletionSource? _stall;
    private int _port;

    public BrokerController(BrokerConfig config, MessageStoreConfig storeConfig, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(config, storeConfig, time ?? TimeProvider.System, loggerFactory ?? NullLoggerFactory.Instance, master: null)
    {
    }

    // A slave (master != null) shares its master's store and the tables that store describes (topics, subscription
    // groups, consumer offsets, delay offsets, half messages): synchronous replication without a wire. Connections,
    // clients, locks and long polls are its own.
    private BrokerController(BrokerConfig config, MessageStoreConfig storeConfig, TimeProvider time, ILoggerFactory loggerFactory, BrokerController? master)
    {
        Config = config;
        StoreConfig = storeConfig;
        Time = time;
        LoggerFactory = loggerFactory;
        Master = master;
        _logger = LoggerFactory.CreateLogger("RocketMQ.Broker");
        var configDir = storeConfig.StoreDirectory is { } dir ? Path.Combine(dir, "config") : null;
        StatsManager = new BrokerStatsManager(Time);
        Consumers = new ConsumerManager(Time, config.ChannelExpiredTimeout, _logger);
        Producers = new ProducerManager(Time, config.ChannelExpiredTimeout, _logger);
        Locks = new RebalanceLockManager(Time, config.RebalanceLockMaxLiveTime);
        if (master is null)
        {
            Store = new MessageStore(storeConfig, Time, LoggerFactory) { ArrivingListener = this };
            Topics = new TopicConfigManager(config, Time, _logger, configDir);
            Offsets = new ConsumerOffsetManager(_logger, configDir);
            Groups = new SubscriptionGroupManager(config.AutoCreateSubscriptionGroup, Time, _logger, configDir);
            Schedule = new ScheduleMessageService(Store, Time, _logger, configDir);
            Transactions = new TransactionalMessageService(Store, Topics, _logger);
        }
        else
        {
            (Store, Topics, Offsets, Groups, Schedule, Transactions) = (master.Store, master.Topics, master.Offsets, master.Groups, master.Schedule, master.Transactions);
            lock (master._slaves)
            {
                master._slaves.Add(this);
            }
        }

        _send = new SendMessageProcessor(this);
        _pull = new PullMessageProcessor(this);
        HoldService = new PullRequestHoldService(Store, Time, _pull.Wakeup, _logger);
        _transactionCheck = new TransactionalMessageCheckService(this);
        _acl = new PlainAccessValidator(config.AclAccounts);
        _namesrvClient = NewNamesrvClient();
        Topics.Changed += () => TriggerRegister();
        _port = config.ListenPort;
    }

    /// <summary>The master whose store this slave shares; null on a master.</summary>
    public BrokerController? Master { get; }

    /// <summary>True for a slave (Java: BrokerRole.SLAVE): sends are refused, pulls and queries served.</summary>
    public bool IsSlave => Master is not null;

    public BrokerConfig Config { get; }

    public MessageStoreConfig StoreConfig { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    public MessageStore Store { get; }

    /// <summary>Per-topic and per-group message counts (Java: BrokerStatsManager).</summary>
    public BrokerStatsManager StatsManager { get; }

    public TopicConfigManager Topics { get; }

    public ConsumerOffsetManager Offsets { get; }

    public SubscriptionGroupManager Groups { get; }

    public ConsumerManager Consumers { get; }

    public ProducerManager Producers { get; }

    public RebalanceLockManager Locks { get; }

    public ScheduleMessageService Schedule { get; }

    public TransactionalMessageService Transactions { get; }

    public PullRequestHoldService HoldService { get; }

    /// <summary>The address stored in messages and registered with name servers.</summary>
    public IPEndPoint StoreHost { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>"host:port" clients connect to.</summary>
    public string Address => $"{Config.ListenHost}:{_port}";

    /// <summary>True while the broker accepts connections.</summary>
    public bool IsServing => _server is not null;

    /// <summary>Loads persisted state and starts serving.</summary>
    public void Start()
    {
        if (IsSlave)
        {
            StartServing(); // the master loaded the shared state
            return;
        }

        Topics.Load();
        Groups.Load();
        Offsets.Load();
        Store.Load();
        Schedule.Start();
        StartServing();
    }

    /// <summary>Opens the port (the same one after a restart) and starts the background loops.</summary>
    public void StartServing()
    {
        if (_server is not null)
        {
            return;
        }

        var (server, vip) = OpenServers();
        _vipServer = vip;
        _port = server.LocalEndPoint.Port;
        StoreHost = new IPEndPoint(IPAddress.Parse(Config.ListenHost), _port);
        _server = server;
        _running = new CancellationTokenSource();
        _namesrvClient = NewNamesrvClient();
        // As Java, a slave does not check transactions back: the master owns the half messages.
        _loops = IsSlave
            ? [Task.Run(RegisterLoopAsync), Task.Run(HousekeepingLoopAsync)]
            : [Task.Run(RegisterLoopAsync), Task.Run(HousekeepingLoopAsync), Task.Run(_transactionCheck.RunAsync)];
        _logger.LogInformation("broker {Name} of {Cluster} serving on {Address}", Config.BrokerName, Config.BrokerClusterName, Address);
    }

    /// <summary>
    /// Stops serving: every connection is dropped, new ones are refused and registration stops (the name servers
    /// forget the broker when its connection closes or its registration expires). State is kept.
    /// </summary>
    public async Task StopServingAsync()
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        _server = null;
        await _running.CancelAsync().ConfigureAwait(false);
        ResumeAnswers();
        HoldService.ReleaseAll();
        var vip = Interlocked.Exchange(ref _vipServer, null);
        server.StopAccepting();
        vip?.StopAccepting();
        foreach (var channel in server.Channels.Concat(vip?.Channels ?? []))
        {
            channel.Close();
        }

        await server.StopAsync().ConfigureAwait(false);
        if (vip is not null)
        {
            await vip.StopAsync().ConfigureAwait(false);
        }
        await _namesrvClient.ShutdownAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        if (!IsSlave)
        {
            Offsets.Persist();
        }

        _logger.LogInformation("broker {Name} ({Id}) stopped serving", Config.BrokerName, Config.BrokerId);
    }


    public async ValueTask DisposeAsync()
    {
        await StopServingAsync().ConfigureAwait(false);
        if (Master is { } master)
        {
            lock (master._slaves)
            {
                master._slaves.Remove(this);
            }

            return; // the store and its tables are the master's
        }

        await Schedule.DisposeAsync().ConfigureAwait(false);
        Offsets.Persist(force: true);
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    internal IEnumerable<ServerChannel> Channels => _channels.Values;

    private async Task HousekeepingLoopAsync()
    {
        var token = _running.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), Time, token).ConfigureAwait(false);
                Consumers.ScanNotActiveChannels();
                Producers.ScanNotActiveChannels();
                if (!IsSlave)
                {
                    Offsets.Persist();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "broker housekeeping failed");
            }
        }
    }

    internal CancellationToken RunningToken => _running.Token;

    /// <summary>Told of every pull this broker answers at once or after a hold (for fault scenarios that time who served what).</summary>
    internal Action<PullServed>? PullObserved { get; set; }
}
