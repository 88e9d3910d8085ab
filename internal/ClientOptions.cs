using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Options of the shared client (Go: client.go <c>ClientOptions</c>; defaults of <c>DefaultClientOptions</c>).
/// Producers and consumers fill one from their own options; clients with the same <see cref="ClientID"/> are shared.
/// </summary>
internal sealed class ClientOptions
{
    /// <summary>Go's default instance name, replaced by the process id in the client id.</summary>
    public const string DefaultInstanceName = "DEFAULT";

    /// <summary>Producer or consumer group of the creator (Go: <c>GroupName</c>).</summary>
    public string GroupName { get; set; } = string.Empty;

    /// <summary>Name server addresses (Go: <c>NameServerAddrs</c>); used when <see cref="Resolver"/> is null.</summary>
    public IReadOnlyList<string>? NameServerAddrs { get; set; }

    /// <summary>
    /// An existing name server view (Go: <c>Namesrv</c>). Normally left null: the factory builds one over the
    /// client's transport from <see cref="Resolver"/> or <see cref="NameServerAddrs"/>. When set, the client owns it
    /// and disposes it with the last shutdown.
    /// </summary>
    public INamesrvs? Namesrv { get; set; }

    /// <summary>
    /// This host's address in the client id (Go: <c>ClientIP</c>, default <c>utils.LocalIP</c>; Java: <c>clientIP</c>):
    /// an IPv4 address, else an IPv6 one in brackets, as Java writes it.
    /// </summary>
    public string ClientIP { get; set; } = NetUtils.LocalIP;

    /// <summary>Instance name (Go: <c>InstanceName</c>, default "DEFAULT").</summary>
    public string InstanceName { get; set; } = DefaultInstanceName;

    /// <summary>Go: <c>UnitMode</c>.</summary>
    public bool UnitMode { get; set; }

    /// <summary>Unit name, appended to the client id when set (Go: <c>UnitName</c>).</summary>
    public string UnitName { get; set; } = string.Empty;

    /// <summary>Send through the broker's VIP port (listen port - 2) (Go: <c>VIPChannelEnabled</c>).</summary>
    public bool VIPChannelEnabled { get; set; }

    /// <summary>Retries of a failed send (Go: <c>RetryTimes</c>, default 3).</summary>
    public int RetryTimes { get; set; } = 3;

    /// <summary>Interceptors of the creator (Go: <c>Interceptors</c>).</summary>
    public List<Interceptor> Interceptors { get; set; } = [];

    /// <summary>ACL credentials; when set, every request is signed (Go: <c>Credentials</c>).</summary>
    public Credentials? Credentials { get; set; }

    /// <summary>Namespace wrapped around topics and groups (Go: <c>Namespace</c>).</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary>Where name server addresses come from (Go: <c>Resolver</c>); a passthrough of <see cref="NameServerAddrs"/> when null.</summary>
    public INsResolver? Resolver { get; set; }

    /// <summary>Transport options (Go: <c>RemotingClientConfig</c>). The client sets its logger factory and credentials on a copy.</summary>
    public RemotingClientOptions RemotingClientOptions { get; set; } = new();

    /// <summary>Logging for the client, its loops and its transport (Go: rlog).</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Message trace settings when tracing is on (Go: the config given to <c>WithTrace</c>).</summary>
    public TraceConfig? TraceConfig { get; set; }

    /// <summary>How long Shutdown waits for running work (a consumer's handlers, a producer's check-backs and trace flush) before releasing everything (.NET addition, 10 s).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Periods of the background loops; tests shorten them.</summary>
    public ClientIntervals Intervals { get; set; } = new();

    /// <summary>Go: <c>DefaultClientOptions</c>.</summary>
    public static ClientOptions Default() => new();

    /// <summary>
    /// The shared-client key (Go: <c>rmqClient.ClientID</c>): ClientIP@InstanceName, the process id for
    /// "DEFAULT", then @UnitName when set.
    /// </summary>
    public string ClientID()
    {
        var id = ClientIP + "@" + (InstanceName == DefaultInstanceName ? Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) : InstanceName);
        return string.IsNullOrEmpty(UnitName) ? id : id + "@" + UnitName;
    }

    /// <summary>
    /// Gives a "DEFAULT" instance its own name, pid#timestamp, so it gets its own client (Go:
    /// <c>ChangeInstanceNameToPID</c>).
    /// </summary>
    public void ChangeInstanceNameToPID()
    {
        if (InstanceName == DefaultInstanceName)
        {
            InstanceName = $"{Environment.ProcessId}#{Stopwatch.GetTimestamp()}";
        }
    }

    /// <summary>A shallow copy (lists copied).</summary>
    public ClientOptions Clone()
    {
        var copy = (ClientOptions)MemberwiseClone();
        copy.Interceptors = [.. Interceptors];
        return copy;
    }

    /// <inheritdoc />
    public override string ToString()
        => $"ClientOption [ClientIP={ClientIP}, InstanceName={InstanceName}, UnitMode={UnitMode}, UnitName={UnitName}, VIPChannelEnabled={VIPChannelEnabled}]";
}

/// <summary>
/// Periods and first delays of the client's loops (Go: client.go <c>_PullNameServerInterval</c> and friends, and
/// the sleeps before each loop's first run), plus the request timeouts Go hard-codes.
/// </summary>
internal sealed record ClientIntervals
{
    /// <summary>Asking the resolver for name servers again (Go: 2 min), only for resolvers that can change.</summary>
    public TimeSpan UpdateNameServerAddress { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>First resolver refresh (Go: 10 s).</summary>
    public TimeSpan UpdateNameServerAddressDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Route refresh (Go: <c>_PullNameServerInterval</c>, 30 s).</summary>
    public TimeSpan PullNameServer { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First route refresh (Go: 10 ms).</summary>
    public TimeSpan PullNameServerDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Heartbeat and offline-broker cleanup (Go: <c>_HeartbeatBrokerInterval</c>, 30 s).</summary>
    public TimeSpan HeartbeatBroker { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First heartbeat (Go: 1 s).</summary>
    public TimeSpan HeartbeatBrokerDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Consumer offset persistence (Go: <c>_PersistOffsetInterval</c>, 5 s).</summary>
    public TimeSpan PersistOffset { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First offset persistence (Go: 10 s).</summary>
    public TimeSpan PersistOffsetDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Rebalance (Go: <c>_RebalanceInterval</c>, 20 s); NOTIFY_CONSUMER_IDS_CHANGED triggers one at once.</summary>
    public TimeSpan Rebalance { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>First periodic rebalance (Go: one interval).</summary>
    public TimeSpan RebalanceDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of a name server query (Go route.go: <c>requestTimeout</c>, 6 s).</summary>
    public TimeSpan NameServerRequestTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Bound on one shared route lookup: failing over to another name server and confirming a shrunk route
    /// included (Go: none; a caller waits <see cref="NameServerRequestTimeout"/> per name server, serialised).
    /// </summary>
    public TimeSpan RouteLookupTimeout { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Timeout of a heartbeat and of UNREGISTER_CLIENT (Go: 3 s).</summary>
    public TimeSpan BrokerRequestTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often a broker that dropped our connections is sent a heartbeat until it answers again, while pull loops
    /// wait for it (<see cref="IRMQClient.WaitForBroker"/>; Go and Java retry each pull every 3 s instead).
    /// </summary>
    public TimeSpan BrokerProbe { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bound on waiting for the loops to stop at shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
