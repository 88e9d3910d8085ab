using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The name server view of a client (Go: namesrv.go + route.go <c>namesrvs</c>): the address list from a resolver,
/// route queries that stay on the name server that last answered and fail over to the next one only when it fails
/// (as Java; Go moves to the next one on every query), the route cache with change detection, and the broker
/// address map built from the routes.
/// </summary>
internal sealed partial class Namesrvs : INamesrvs
{
    private readonly INsResolver _resolver;
    private readonly RemotingClient _remotingClient;
    private readonly bool _ownsRemotingClient;
    private readonly ClientIntervals _intervals;
    private readonly ILogger _logger;
    private readonly object _addrLock = new();
    private readonly object _brokerLock = new();
    private readonly ConcurrentDictionary<string, TopicRouteData> _routeDataMap = new(StringComparer.Ordinal);

    // Values are never mutated after being stored: changes replace the entry, so readers need no lock.
    private readonly ConcurrentDictionary<string, BrokerData> _brokerAddressesMap = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _brokerVersionMap = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private string[] _srvs = [];

    // The name server queries go to: the one that answered last.
    private int _current;

    /// <summary>
    /// Creates the view over <paramref name="remotingClient"/> (shared with the client, or owned when
    /// <paramref name="ownsRemotingClient"/>). Addresses a resolver has at hand are taken at once; others are
    /// resolved on first use.
    /// </summary>
    public Namesrvs(INsResolver resolver, RemotingClient remotingClient, bool ownsRemotingClient, ClientIntervals? intervals = null, ILoggerFactory? loggerFactory = null)
    {
        _resolver = resolver;
        _remotingClient = remotingClient;
        _ownsRemotingClient = ownsRemotingClient;
        _intervals = intervals ?? new ClientIntervals();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Namesrvs>();
        var resolving = resolver.ResolveAsync();
        if (resolving.IsCompletedSuccessfully)
        {
            SetAddresses(resolving.Result);
        }
        else
        {
            // Observe a failure so it is not unobserved; the first query resolves again.
            resolving.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// A view with its own transport (Go: <c>NewNamesrv(resolver, config)</c>), for tools that query routes
    /// without a client. Throws <see cref="MQClientException"/> when the resolver gives no or a malformed address.
    /// </summary>
    public static async Task<Namesrvs> NewNamesrv(INsResolver resolver, RemotingClientOptions? config = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var addresses = await resolver.ResolveAsync(cancellationToken).ConfigureAwait(false);
        if (addresses.Count == 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNoNameserver, "no name server addr found with resolver: " + resolver.Description);
        }

        NamesrvAddr.Create([.. addresses]);
        return new Namesrvs(new StaticResolverSnapshot(resolver, addresses), new RemotingClient(config), ownsRemotingClient: true, loggerFactory: loggerFactory);
    }

    /// <summary>Called with (topic, new route) when a query finds a changed route, before the cache is updated (Go: the bundled client's update).</summary>
    internal Action<string, TopicRouteData>? RouteChanged { get; set; }

    /// <summary>The resolver addresses come from.</summary>
    public INsResolver Resolver => _resolver;

    /// <summary>Number of name server addresses (Go: <c>Size</c>).</summary>
    public int Size => Volatile.Read(ref _srvs).Length;

    /// <inheritdoc />
    public IReadOnlyList<string> AddrList() => Volatile.Read(ref _srvs);

    /// <inheritdoc />
    public async Task UpdateNameServerAddress(CancellationToken cancellationToken = default)
    {
        var latest = await _resolver.ResolveAsync(cancellationToken).ConfigureAwait(false);
        if (latest.Count == 0)
        {
            return;
        }

        var current = Volatile.Read(ref _srvs);
        if (NamesrvAddr.Diff(current, [.. latest]))
        {
            SetAddresses(latest);
            _logger.LogInformation("name server addresses changed from [{Old}] to [{New}]", string.Join(';', current), string.Join(';', latest));
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(';', Volatile.Read(ref _srvs));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed.Cancel();
        if (_ownsRemotingClient)
        {
            await _remotingClient.ShutdownAsync().ConfigureAwait(false);
        }
    }

    private void SetAddresses(IReadOnlyList<string> addresses)
    {
        foreach (var address in addresses)
        {
            NamesrvAddr.Verify(address);
        }

        lock (_addrLock)
        {
            Volatile.Write(ref _srvs, [.. addresses]);
            _current = 0;
        }
    }

    /// <summary>The position of the name server queries go to now, within <paramref name="srvs"/>.</summary>
    private int CurrentIndex(string[] srvs) => (int)((uint)Volatile.Read(ref _current) % (uint)srvs.Length);

    /// <summary>
    /// Moves on from the name server at <paramref name="failed"/> after it failed, unless another query moved on
    /// already (Java: <c>getAndCreateNameserverChannel</c> keeps the chosen address until it fails).
    /// </summary>
    private void MoveOnFrom(string[] srvs, int failed)
    {
        lock (_addrLock)
        {
            if (ReferenceEquals(srvs, _srvs) && CurrentIndex(srvs) == failed)
            {
                _current = (failed + 1) % srvs.Length;
            }
        }
    }

    /// <summary>Makes the name server at <paramref name="index"/> the one queries go to.</summary>
    private void StayOn(string[] srvs, int index)
    {
        lock (_addrLock)
        {
            if (ReferenceEquals(srvs, _srvs))
            {
                _current = index;
            }
        }
    }

    /// <summary>An address without its http(s):// prefix.</summary>
    private static string Strip(string addr)
    {
        if (addr.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return addr["https://".Length..];
        }

        return addr.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? addr["http://".Length..] : addr;
    }

    /// <summary>Resolver wrapper that answers the already-resolved list first, so <see cref="NewNamesrv"/> resolves once.</summary>
    private sealed class StaticResolverSnapshot(INsResolver inner, IReadOnlyList<string> first) : INsResolver
    {
        private IReadOnlyList<string>? _first = first;

        public string Description => inner.Description;

        public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default)
            => Interlocked.Exchange(ref _first, null) is { } list ? Task.FromResult(list) : inner.ResolveAsync(cancellationToken);
    }
}
