using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The client-level option logic Go repeats in producer/option.go, consumer/option.go and admin/option.go: each
/// package's <c>WithX</c> stays a one-liner over these, so the three cannot drift apart.
/// </summary>
internal static class ClientOptionSetters
{
    /// <summary>Sets the group; an empty name keeps the default, as Go's <c>WithGroupName</c> does.</summary>
    public static void SetGroupName(this ClientOptions client, string? group)
    {
        if (!string.IsNullOrEmpty(group))
        {
            client.GroupName = group;
        }
    }

    /// <summary>Sets the namespace; null counts as none.</summary>
    public static void SetNamespace(this ClientOptions client, string? ns) => client.Namespace = ns ?? string.Empty;

    /// <summary>Fixed name servers: kept as the address list and served through a passthrough resolver.</summary>
    public static void SetNameServer(this ClientOptions client, NamesrvAddr nameServers)
    {
        client.NameServerAddrs = nameServers;
        client.Resolver = new PassthroughResolver(nameServers);
    }

    /// <summary>
    /// Name servers from an HTTP address service; a unit name set before this option already targets its unit,
    /// one set after it is applied by <see cref="SetUnitName"/>.
    /// </summary>
    public static void SetNameServerDomain(this ClientOptions client, string nameServerUrl)
    {
        var resolver = new HttpResolver("DEFAULT", nameServerUrl, loggerFactory: client.LoggerFactory);
        if (!string.IsNullOrEmpty(client.UnitName))
        {
            resolver.DomainWithUnit(client.UnitName);
        }

        client.Resolver = resolver;
    }

    /// <summary>Sets the trimmed unit name and points an HTTP resolver already set at that unit.</summary>
    public static void SetUnitName(this ClientOptions client, string? unitName)
    {
        client.UnitName = (unitName ?? string.Empty).Trim();
        if (client.Resolver is HttpResolver http)
        {
            http.DomainWithUnit(client.UnitName);
        }
    }

    /// <summary>Turns TLS on or off for every connection of the client.</summary>
    public static void SetTls(this ClientOptions client, bool useTls) => client.RemotingClientOptions.UseTls = useTls;

    /// <summary>Bounds opening a connection (the one of Go's three remoting timeouts that is used).</summary>
    public static void SetConnectionTimeout(this ClientOptions client, TimeSpan connectionTimeout)
        => client.RemotingClientOptions.ConnectionTimeout = connectionTimeout;

    /// <summary>Logs the client and its transport through <paramref name="loggerFactory"/>; null logs nothing.</summary>
    public static void SetLoggerFactory(this ClientOptions client, ILoggerFactory? loggerFactory)
    {
        client.LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        client.RemotingClientOptions.LoggerFactory = client.LoggerFactory;
    }

    /// <summary>Sets the address of the client id, in Java's form (IPv6 in brackets).</summary>
    public static void SetClientIP(this ClientOptions client, string clientIP) => client.ClientIP = clientIP;

    /// <summary>The heartbeat period (Java: <c>heartbeatBrokerInterval</c>); the first heartbeat waits no longer than it.</summary>
    public static void SetHeartbeatBrokerInterval(this ClientOptions client, TimeSpan interval)
        => client.Intervals = client.Intervals with { HeartbeatBroker = interval, HeartbeatBrokerDelay = Min(client.Intervals.HeartbeatBrokerDelay, interval) };

    /// <summary>The route refresh period (Java: <c>pollNameServerInterval</c>); the first refresh waits no longer than it.</summary>
    public static void SetPollNameServerInterval(this ClientOptions client, TimeSpan interval)
        => client.Intervals = client.Intervals with { PullNameServer = interval, PullNameServerDelay = Min(client.Intervals.PullNameServerDelay, interval) };

    /// <summary>The offset persist period (Java: <c>persistConsumerOffsetInterval</c>); the first persist waits no longer than it.</summary>
    public static void SetPersistConsumerOffsetInterval(this ClientOptions client, TimeSpan interval)
        => client.Intervals = client.Intervals with { PersistOffset = interval, PersistOffsetDelay = Min(client.Intervals.PersistOffsetDelay, interval) };

    /// <summary>Runs a caller's adjustment of the transport settings.</summary>
    public static void ConfigureRemoting(this ClientOptions client, Action<RemotingClientOptions> configure) => configure(client.RemotingClientOptions);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
