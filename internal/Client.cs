using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The client shared by the producers and consumers of one client id (Go: client.go <c>rmqClient</c>). Created by
/// <see cref="RMQClientFactory"/>; reference counted by <see cref="Start"/>/<see cref="Shutdown"/>.
/// </summary>
internal sealed partial class RMQClient : IRMQClient
{
    private readonly ClientOptions _options;
    private readonly ILogger _logger;
    private readonly RemotingClient _remotingClient;
    private readonly INamesrvs _namesrv;
    private readonly ConcurrentDictionary<string, IInnerProducer> _producerMap = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IInnerConsumer> _consumerMap = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    // Cancelled by a caller of Shutdown that stops waiting: the shutdown skips its remaining waits.
    private readonly CancellationTokenSource _shutdownHurry = new();
    private readonly object _stateLock = new();
    private List<ClientLoop>? _loops;
    private ClientLoop? _rebalanceLoop;
    private int _instanceCount;
    private Task? _shutdownTask;
    private volatile bool _closed;

    internal RMQClient(ClientOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<RMQClient>();
        _remotingClient = new RemotingClient(TransportOptions(options));
        try
        {
            var resolver = options.Resolver
                ?? (options.NameServerAddrs is { Count: > 0 } addrs ? new StaticResolver([.. addrs]) : new EnvResolver());
            _namesrv = options.Namesrv ?? new Namesrvs(resolver, _remotingClient, ownsRemotingClient: false, options.Intervals, options.LoggerFactory);
        }
        catch
        {
            _ = _remotingClient.ShutdownAsync();
            throw;
        }

        if (_namesrv is Namesrvs namesrvs)
        {
            namesrvs.RouteChanged = OnRouteChanged;
        }

        RegisterProcessors();
    }

    /// <summary>True once the last user called <see cref="Shutdown"/>.</summary>
    internal bool IsShutdown { get; private set; }

    /// <inheritdoc />
    public ClientOptions Options => _options;

    /// <inheritdoc />
    public RequestResponseFutureMap RequestFutures { get; } = new();

    /// <summary>The transport, for tests and diagnostics.</summary>
    internal RemotingClient RemotingClient => _remotingClient;

    /// <summary>The background loops once started (tests check they survive and stop).</summary>
    internal IReadOnlyList<ClientLoop> Loops => _loops ?? [];

    /// <summary>Users that called <see cref="Start"/> and not yet <see cref="Shutdown"/> (Go: <c>instanceCount</c>).</summary>
    internal int InstanceCount => Volatile.Read(ref _instanceCount);

    /// <inheritdoc />
    public string ClientID() => _options.ClientID();

    /// <inheritdoc />
    public INamesrvs GetNameSrv() => _namesrv;

    /// <inheritdoc />
    public void Start()
    {
        lock (_stateLock)
        {
            if (_shutdownTask is not null)
            {
                throw ClientErrors.Create(ClientErrors.ErrService, $"client {ClientID()} is shut down");
            }

            _instanceCount++;
            if (_loops is not null)
            {
                return;
            }

            var intervals = _options.Intervals;
            var loops = new List<ClientLoop>();
            if (_namesrv is not Namesrvs { Resolver: StaticResolver })
            {
                loops.Add(NewLoop("update name server address", intervals.UpdateNameServerAddressDelay, intervals.UpdateNameServerAddress, _namesrv.UpdateNameServerAddress));
            }

            loops.Add(NewLoop("update topic route info", intervals.PullNameServerDelay, intervals.PullNameServer, UpdateTopicRouteInfo));
            loops.Add(NewLoop("clean offline broker and heartbeat", intervals.HeartbeatBrokerDelay, intervals.HeartbeatBroker, CleanOfflineBrokerAndHeartbeat));
            loops.Add(NewLoop("persist consumer offset", intervals.PersistOffsetDelay, intervals.PersistOffset, PersistAllConsumerOffset));
            _rebalanceLoop = NewLoop("rebalance", intervals.RebalanceDelay, intervals.Rebalance, RebalanceIfNotPaused);
            loops.Add(_rebalanceLoop);
            foreach (var loop in loops)
            {
                loop.Start(_stop.Token);
            }

            _loops = loops;
            _logger.LogDebug("client {ClientId} started: {Options}", ClientID(), _options);
        }
    }

    /// <inheritdoc />
    public Task Shutdown(CancellationToken cancellationToken = default)
    {
        lock (_stateLock)
        {
            if (_shutdownTask is null)
            {
                if (--_instanceCount > 0)
                {
                    return Task.CompletedTask;
                }

                IsShutdown = true;
                _shutdownTask = ShutdownCoreAsync(_shutdownHurry.Token);
            }
        }

        ShutdownHurry.On(cancellationToken, _shutdownHurry, _shutdownTask);
        return _shutdownTask;
    }

    /// <inheritdoc />
    public void RegisterProducer(string group, IInnerProducer producer)
    {
        if (!_producerMap.TryAdd(group, producer))
        {
            _logger.LogWarning("the producer group {Group} exists already", group);
            throw ClientErrors.Create(ClientErrors.ErrProducerCreated, InUse("producer", group, "WithInstanceName"));
        }
    }

    /// <inheritdoc />
    public void UnregisterProducer(string group)
    {
        if (_producerMap.TryRemove(group, out _))
        {
            TrackUnregister(UnregisterClientAsync(producerGroup: group, consumerGroup: null, CancellationToken.None));
        }
    }

    /// <inheritdoc />
    public void RegisterConsumer(string group, IInnerConsumer consumer)
    {
        if (!_consumerMap.TryAdd(group, consumer))
        {
            _logger.LogWarning("the consumer group {Group} exists already", group);
            throw ClientErrors.Create(ClientErrors.ErrCreated, InUse("consumer", group, "WithInstance"));
        }
    }

    /// <inheritdoc />
    public void UnregisterConsumer(string group)
    {
        if (_consumerMap.TryRemove(group, out _))
        {
            TrackUnregister(UnregisterClientAsync(producerGroup: null, consumerGroup: group, CancellationToken.None));
        }
    }

    /// <inheritdoc />
    public Task<RemotingCommand> InvokeSync(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default)
        => _closed ? Task.FromException<RemotingCommand>(ServiceClosed()) : _remotingClient.InvokeSync(addr, request, timeout, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TResult> InvokeAsync<TState, TResult>(string addr, RemotingCommand request, TimeSpan timeout,
        Func<RemotingCommand, TState, TResult> read, TState state, CancellationToken cancellationToken = default)
        => _closed ? ValueTask.FromException<TResult>(ServiceClosed()) : _remotingClient.InvokeAsync(addr, request, timeout, read, state, cancellationToken);

    /// <inheritdoc />
    public Task InvokeOneWay(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default)
        => _closed ? Task.FromException(ServiceClosed()) : _remotingClient.InvokeOneWay(addr, request, timeout, cancellationToken);

    /// <summary>
    /// Throws when <paramref name="options"/> names other name servers than this client uses (Go compares the
    /// resolvers' lists and returns nil). A <see cref="ClientOptions.Namesrv"/> that will not be used is disposed.
    /// </summary>
    internal void CheckSameNameServers(ClientOptions options)
    {
        IReadOnlyList<string>? wanted = null;
        if (options.Namesrv is { } given && !ReferenceEquals(given, _namesrv))
        {
            wanted = given.AddrList();
            _ = given.DisposeAsync().AsTask();
        }
        else if (options.NameServerAddrs is { Count: > 0 } addrs)
        {
            wanted = addrs;
        }
        else if (options.Resolver is { } resolver)
        {
            var resolving = resolver.ResolveAsync();
            wanted = resolving.IsCompletedSuccessfully ? resolving.Result : null;
        }

        var current = _namesrv.AddrList();
        if (wanted is { Count: > 0 } && current.Count > 0 && NamesrvAddr.Diff(current, [.. wanted]))
        {
            _logger.LogError("different name servers [{New}] for client {ClientId}, which uses [{Old}]", string.Join(';', wanted), ClientID(), string.Join(';', current));
            throw new MQClientException(ClientErrors.ErrIllegalIP,
                $"different namesrv option in the same instance {ClientID()}: [{string.Join(';', wanted)}] vs [{string.Join(';', current)}]; set a distinct InstanceName");
        }
    }

    /// <summary>
    /// The transport settings of this client: a complete copy of the given ones, with the client's logger factory and
    /// credentials where the transport has none of its own.
    /// </summary>
    internal static RemotingClientOptions TransportOptions(ClientOptions options)
    {
        var copy = (options.RemotingClientOptions ?? new RemotingClientOptions()).Clone();
        if (copy.LoggerFactory is NullLoggerFactory)
        {
            copy.LoggerFactory = options.LoggerFactory;
        }

        copy.Credentials ??= options.Credentials is { IsEmpty: false } c ? c : null;
        return copy;
    }

    // Go and Java say only "producer group has been created": say who holds the group and which option separates them.
    private string InUse(string role, string group, string instanceOption)
        => $"another {role} of this process already uses group {group} on client {ClientID()}; give this {role} its own group with WithGroupName, or its own client with {instanceOption}";

    private ClientLoop NewLoop(string name, TimeSpan delay, TimeSpan interval, Func<CancellationToken, Task> body)
        => new(name + " of " + ClientID(), delay, interval, body, _logger);

    private MQClientException ServiceClosed() => ClientErrors.Create(ClientErrors.ErrService, $"client {ClientID()} is shut down");
}
