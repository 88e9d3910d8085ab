using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using NamespaceUtil = RocketMQ.Go.Port.Internal.Utils.Namespace;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// The admin (Go: admin.go <c>admin</c>): a client of its own (never shared with producers or consumers, never
/// started: it sends no heartbeats and runs no loops) over which every call is one or a few request/response
/// exchanges with the name servers and brokers. This file holds construction, shutdown and the request helpers;
/// the operations are in DefaultAdmin.Topic.cs, .Group.cs and .Message.cs.
/// </summary>
internal sealed partial class DefaultAdmin : IAdmin
{
    private readonly AdminOptions _options;
    private readonly IRMQClient _client;
    private readonly ILogger _logger;
    private readonly object _closeLock = new();
    private readonly CancellationTokenSource _closeHurry = new();
    private Task? _closing;

    private DefaultAdmin(AdminOptions options, IRMQClient client)
    {
        _options = options;
        _client = client;
        _logger = options.LoggerFactory.CreateLogger<DefaultAdmin>();
    }

    /// <summary>The settings in effect.</summary>
    public AdminOptions Options => _options;

    /// <summary>
    /// An admin with Go's defaults and <paramref name="opts"/> applied (Go: <c>NewAdmin</c>). Name server addresses
    /// come from <see cref="AdminOptions.WithResolver"/> / <see cref="AdminOptions.WithNameServer(string[])"/>, else
    /// the NAMESRV_ADDR environment variable.
    /// </summary>
    /// <exception cref="MQClientException">A malformed name server address.</exception>
    internal static DefaultAdmin NewAdmin(params AdminOption[] opts)
    {
        var options = AdminOptions.Build(opts);
        return new DefaultAdmin(options, RMQClientFactory.GetOrNewRocketMQClient(options.Client));
    }

    /// <inheritdoc />
    public Task Close() => Close(CancellationToken.None);

    /// <inheritdoc />
    public Task Close(CancellationToken cancellationToken)
    {
        Task closing;
        lock (_closeLock)
        {
            closing = _closing ??= CloseCore(_closeHurry.Token);
        }

        ShutdownHurry.On(cancellationToken, _closeHurry, closing);
        return closing;
    }

    private async Task CloseCore(CancellationToken hurry)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(hurry);
        bound.CancelAfter(_options.RequestTimeout);
        await _client.Shutdown(bound.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Close().ConfigureAwait(false);

    /// <inheritdoc />
    public override string ToString() => $"Admin[{_client.ClientID()}]";

    private string Wrap(string resource) => NamespaceUtil.WrapNamespace(_options.Namespace, resource);

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closing) is not null)
        {
            throw ClientErrors.Create(ClientErrors.ErrService, "the admin is closed");
        }
    }

    /// <summary>One request to a broker; an unreachable broker becomes <see cref="BrokerNotAvailableException"/>.</summary>
    private async Task<RemotingCommand> InvokeBroker(string addr, RemotingCommand request, string operation, CancellationToken ct, TimeSpan? timeout = null)
    {
        ThrowIfClosed();
        try
        {
            return await _client.InvokeSync(addr, request, timeout ?? _options.RequestTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemotingConnectException or RemotingSendRequestException && e is not BrokerNotAvailableException)
        {
            throw new BrokerNotAvailableException(addr, operation, e);
        }
    }

    /// <summary>The response when SUCCESS, else <see cref="MQBrokerException"/> with the server's code and remark.</summary>
    private static RemotingCommand EnsureSuccess(RemotingCommand response, string addr)
        => response.Code == ResponseCode.SUCCESS ? response : throw new MQBrokerException(response.Code, response.Remark, addr);

    /// <summary>
    /// One request to the first name server that answers, in list order (Go always asks the first one only).
    /// A name server that cannot be reached or times out is skipped.
    /// </summary>
    private async Task<(RemotingCommand Response, string Addr)> InvokeNameServer(Func<RemotingCommand> request, string operation, CancellationToken ct)
    {
        var addrs = await NameServerAddresses(ct).ConfigureAwait(false);
        Exception? last = null;
        foreach (var addr in addrs)
        {
            ThrowIfClosed();
            try
            {
                return (await _client.InvokeSync(addr, request(), _options.RequestTimeout, ct).ConfigureAwait(false), addr);
            }
            catch (RemotingException e)
            {
                last = e;
                _logger.LogWarning("{Operation}: name server {Addr} failed, trying the next: {Reason}", operation, addr, e.Message);
            }
        }

        throw new BrokerNotAvailableException(string.Join(';', addrs), operation, last);
    }

    /// <summary>The name server addresses, resolved now when the resolver had none at hand; http(s) prefixes removed.</summary>
    private async Task<IReadOnlyList<string>> NameServerAddresses(CancellationToken ct)
    {
        var namesrv = _client.GetNameSrv();
        if (namesrv.AddrList().Count == 0)
        {
            await namesrv.UpdateNameServerAddress(ct).ConfigureAwait(false);
        }

        var list = namesrv.AddrList();
        if (list.Count == 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNoNameserver, "the admin's resolver gave no name server address");
        }

        var addrs = new List<string>(list.Count);
        foreach (var addr in list)
        {
            addrs.Add(StripScheme(addr));
        }

        return addrs;
    }

    private static string StripScheme(string addr)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (addr.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return addr[scheme.Length..];
            }
        }

        return addr;
    }

    /// <summary>
    /// The topic's route fresh from the name servers, within <see cref="AdminOptions.RequestTimeout"/> (a lookup of
    /// the same topic in progress is joined); <see cref="TopicNotExistException"/> when a name server answered that
    /// it has none, <see cref="NameServerUnreachableException"/> when none answered, <see cref="RemotingTimeoutException"/>
    /// naming the name server asked when no answer came in time.
    /// </summary>
    private async Task<TopicRouteData> Route(string topic, CancellationToken ct)
    {
        ThrowIfClosed();
        try
        {
            var (route, _) = await _client.GetNameSrv().UpdateTopicRouteInfo(topic, _options.RequestTimeout, ct).ConfigureAwait(false);
            return route;
        }
        catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist)
        {
            var said = $"topic {topic} does not exist: ";
            throw new TopicNotExistException(topic, e.Description.StartsWith(said, StringComparison.Ordinal) ? e.Description[said.Length..] : e.Description, e);
        }
    }

    /// <summary>The route, or null when no name server knows the topic.</summary>
    private async Task<TopicRouteData?> RouteOrNull(string topic, CancellationToken ct)
    {
        try
        {
            return await Route(topic, ct).ConfigureAwait(false);
        }
        catch (TopicNotExistException)
        {
            return null;
        }
    }

    /// <summary>GET_BROKER_CLUSTER_INFO from a name server.</summary>
    private async Task<ClusterInfo> ClusterInfoBody(CancellationToken ct)
    {
        var (response, addr) = await InvokeNameServer(static () => RemotingCommand.CreateRequest(RequestCode.GET_BROKER_CLUSTER_INFO), "get broker cluster info", ct)
            .ConfigureAwait(false);
        return ClusterInfo.Decode(EnsureSuccess(response, addr).Body.Span);
    }

    /// <summary>One address per broker group: the master, or for reads any live broker when the master is down.</summary>
    private static List<string> BrokerAddrs(IEnumerable<BrokerData> brokers, bool masterOnly, string? clusterName = null)
    {
        var addrs = new List<string>();
        foreach (var broker in brokers)
        {
            if (!string.IsNullOrEmpty(clusterName) && broker.Cluster != clusterName)
            {
                continue;
            }

            var addr = masterOnly ? broker.MasterAddress : broker.SelectBrokerAddr();
            if (addr is not null && !addrs.Contains(addr))
            {
                addrs.Add(addr);
            }
        }

        return addrs;
    }

    /// <summary>Every master broker the name servers know (of <paramref name="clusterName"/> when given).</summary>
    private async Task<List<string>> AllMasterAddrs(CancellationToken ct, string? clusterName = null)
        => BrokerAddrs((await ClusterInfoBody(ct).ConfigureAwait(false)).BrokerAddrTable.Values, masterOnly: true, clusterName);
}
