using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Broker.Acl;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.LongPolling;
using RocketMQ.Go.Port.Broker.Offset;
using RocketMQ.Go.Port.Broker.Processor;
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

    /// <summary>Holds every answer until <see cref="ResumeAnswers"/> (a stalled broker for reliability tests).</summary>
    public void StallAnswers() => Interlocked.CompareExchange(ref _stall, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Releases answers held by <see cref="StallAnswers"/>.</summary>
    public void ResumeAnswers() => Interlocked.Exchange(ref _stall, null)?.TrySetResult();

    /// <summary>Drops the connections of a client id (or remote address); returns how many were dropped.</summary>
    public int DropClient(string clientIdOrAddress)
    {
        var dropped = 0;
        foreach (var channel in _channels.Values)
        {
            var match = channel.RemoteAddress == clientIdOrAddress;
            foreach (var group in Consumers.Groups)
            {
                match |= group.Channels.TryGetValue(channel, out var info) && info.ClientId == clientIdOrAddress;
            }

            foreach (var channels in Producers.Groups.Values)
            {
                match |= channels.TryGetValue(channel, out var info) && info.ClientId == clientIdOrAddress;
            }

            if (match)
            {
                channel.Close();
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Registers with every name server now (Java: registerBrokerAll).</summary>
    public async Task RegisterAllAsync(CancellationToken ct = default)
    {
        var body = RegisterBody();
        var tasks = new List<Task>();
        foreach (var namesrv in Config.NamesrvAddresses)
        {
            tasks.Add(RegisterOneAsync(namesrv, body, ct));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
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

        if (topic == SystemTopics.Schedule)
        {
            Schedule.OnArrival(queueId);
        }
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

    private void RegisterProcessors(RemotingServer server)
    {
        var clients = new ClientManageProcessor(this);
        var consumers = new ConsumerManageProcessor(this);
        var query = new QueryMessageProcessor(this);
        var admin = new AdminBrokerProcessor(this);
        var endTransaction = new EndTransactionProcessor(this);
        Register(server, RequestCode.SEND_MESSAGE, _send.ProcessAsync);
        Register(server, RequestCode.SEND_MESSAGE_V2, _send.ProcessAsync);
        Register(server, RequestCode.SEND_BATCH_MESSAGE, _send.ProcessAsync);
        var reply = new ReplyMessageProcessor(this);
        Register(server, RequestCode.SEND_REPLY_MESSAGE, reply.ProcessAsync);
        Register(server, RequestCode.SEND_REPLY_MESSAGE_V2, reply.ProcessAsync);
        Register(server, RequestCode.CONSUMER_SEND_MSG_BACK, _send.SendBack);
        Register(server, RequestCode.PULL_MESSAGE, _pull.ProcessAsync);
        Register(server, RequestCode.HEART_BEAT, clients.HeartBeat);
        Register(server, RequestCode.UNREGISTER_CLIENT, clients.Unregister);
        Register(server, RequestCode.CHECK_CLIENT_CONFIG, clients.CheckClientConfig);
        Register(server, RequestCode.GET_CONSUMER_LIST_BY_GROUP, consumers.ConsumerList);
        Register(server, RequestCode.QUERY_CONSUMER_OFFSET, consumers.QueryOffset);
        Register(server, RequestCode.UPDATE_CONSUMER_OFFSET, consumers.UpdateOffset);
        Register(server, RequestCode.QUERY_MESSAGE, query.Query);
        Register(server, RequestCode.VIEW_MESSAGE_BY_ID, query.ViewById);
        Register(server, RequestCode.END_TRANSACTION, endTransaction.Process);
        Register(server, RequestCode.UPDATE_AND_CREATE_TOPIC, admin.UpdateAndCreateTopic);
        Register(server, RequestCode.DELETE_TOPIC_IN_BROKER, admin.DeleteTopic);
        Register(server, RequestCode.GET_ALL_TOPIC_CONFIG, admin.AllTopicConfig);
        Register(server, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, admin.SearchOffsetByTimestamp);
        Register(server, RequestCode.GET_MAX_OFFSET, admin.MaxOffset);
        Register(server, RequestCode.GET_MIN_OFFSET, admin.MinOffset);
        Register(server, RequestCode.GET_EARLIEST_MSG_STORETIME, admin.EarliestMsgStoreTime);
        Register(server, RequestCode.LOCK_BATCH_MQ, admin.LockBatch);
        Register(server, RequestCode.UNLOCK_BATCH_MQ, admin.UnlockBatch);
        Register(server, RequestCode.GET_CONSUMER_CONNECTION_LIST, admin.ConsumerConnectionList);
        Register(server, RequestCode.GET_CONSUME_STATS, admin.ConsumeStats);
        Register(server, RequestCode.GET_CONSUMER_RUNNING_INFO, admin.ConsumerRunningInfo);
        Register(server, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, admin.AllSubscriptionGroups);
        Register(server, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, admin.UpdateAndCreateSubscriptionGroup);
        Register(server, RequestCode.DELETE_SUBSCRIPTIONGROUP, admin.DeleteSubscriptionGroup);
        Register(server, RequestCode.GET_ALL_DELAY_OFFSET, admin.AllDelayOffset);
        Register(server, RequestCode.GET_TOPIC_STATS_INFO, admin.TopicStats);
        Register(server, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetProcessor(this).Process);
        var runtime = new BrokerRuntimeProcessor(this);
        Register(server, RequestCode.GET_BROKER_RUNTIME_INFO, runtime.RuntimeInfo);
        Register(server, RequestCode.GET_BROKER_CONFIG, runtime.GetConfig);
        Register(server, RequestCode.UPDATE_BROKER_CONFIG, runtime.UpdateConfig);
        var tools = new ToolQueryProcessor(this);
        Register(server, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, tools.TopicConsumeByWho);
        Register(server, RequestCode.GET_PRODUCER_CONNECTION_LIST, tools.ProducerConnectionList);
        Register(server, RequestCode.GET_BROKER_CONSUME_STATS, tools.BrokerConsumeStats);
        Register(server, RequestCode.CLONE_GROUP_OFFSET, tools.CloneGroupOffset);
        var inspect = new QueueInspectProcessor(this);
        Register(server, RequestCode.QUERY_CONSUME_QUEUE, inspect.QueryConsumeQueue);
        Register(server, RequestCode.VIEW_BROKER_STATS_DATA, inspect.ViewBrokerStatsData);
    }

    private void Register(RemotingServer server, int code, Func<RemotingCommand, ServerChannel, RemotingCommand?> handler)
        => Register(server, code, (request, channel) => ValueTask.FromResult(handler(request, channel)));

    private void Register(RemotingServer server, int code, Func<RemotingCommand, ServerChannel, ValueTask<RemotingCommand?>> handler)
        => server.RegisterProcessor(code, (request, channel) =>
        {
            var serverChannel = _channels.GetOrAdd(channel, static c => new ServerChannel(c));
            if (_acl.Enabled && _acl.Validate(request) is { } refusal)
            {
                _logger.LogWarning("ACL refused request code {Code} from {Remote}: {Reason}", request.Code, channel.RemoteAddress, refusal);
                return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.NO_PERMISSION, refusal));
            }

            var stall = Volatile.Read(ref _stall);
            if (stall is not null)
            {
                return StalledAsync(stall.Task, request, serverChannel, handler);
            }

            try
            {
                var pending = handler(request, serverChannel);
                return pending.IsCompletedSuccessfully ? pending : Guard(pending, request);
            }
            catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
            {
                return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message));
            }
        });

    private static async ValueTask<RemotingCommand?> Guard(ValueTask<RemotingCommand?> pending, RemotingCommand request)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message);
        }
    }

    private async ValueTask<RemotingCommand?> StalledAsync(Task stall, RemotingCommand request, ServerChannel channel,
        Func<RemotingCommand, ServerChannel, ValueTask<RemotingCommand?>> handler)
    {
        await stall.ConfigureAwait(false);
        if (!channel.IsActive)
        {
            return null;
        }

        try
        {
            return await handler(request, channel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message);
        }
    }

    private void OnChannelClosed(RemotingChannel channel)
    {
        if (_channels.TryRemove(channel, out var serverChannel))
        {
            Consumers.ChannelClosed(serverChannel);
            Producers.ChannelClosed(serverChannel);
            HoldService.ReleaseAll(serverChannel);
        }
    }

    private void TriggerRegister()
    {
        try
        {
            _registerSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // a registration is already pending
        }
    }

    private async Task RegisterLoopAsync()
    {
        var token = _running.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await RegisterAllAsync(token).ConfigureAwait(false);
                var interval = Task.Delay(Config.RegisterInterval, Time, token);
                await Task.WhenAny(interval, _registerSignal.WaitAsync(token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "broker registration round failed");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RegisterOneAsync(string namesrv, byte[] body, CancellationToken ct)
    {
        var request = RemotingCommand.CreateRequest(RequestCode.REGISTER_BROKER, new Dictionary<string, string>
        {
            ["brokerAddr"] = Address,
            ["brokerId"] = RequestHeader.Str(Config.BrokerId),
            ["brokerName"] = Config.BrokerName,
            ["clusterName"] = Config.BrokerClusterName,
            ["haServerAddr"] = "",
            ["compressed"] = "false",
            ["bodyCrc32"] = RequestHeader.Str(Primitive.Crc32.JavaCrc32(body)),
        }, body);
        try
        {
            var response = await _namesrvClient.InvokeSync(namesrv, request, TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS)
            {
                _logger.LogWarning("name server {Namesrv} refused registration of {Broker}: {Code} {Remark}", namesrv, Config.BrokerName, response.Code, response.Remark);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogDebug("registering {Broker} with {Namesrv} failed: {Reason}", Config.BrokerName, namesrv, e.Message);
        }
    }

    private byte[] RegisterBody()
    {
        var (table, version) = Topics.Snapshot();
        if (!PermName.IsWriteable(Config.BrokerPermission) || !PermName.IsReadable(Config.BrokerPermission))
        {
            // As Java: a broker without write or read permission announces every topic with its own permission.
            foreach (var (name, config) in table.ToArray())
            {
                var limited = config.Clone();
                limited.Perm = Config.BrokerPermission;
                table[name] = limited;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["filterServerList"] = Array.Empty<string>(),
            ["topicConfigSerializeWrapper"] = new Dictionary<string, object> { ["dataVersion"] = version, ["topicConfigTable"] = table },
        });
    }

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
