using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// A functional option of an admin (Go: <c>admin.AdminOption</c>): one of the <c>AdminOptions.WithX</c> functions,
/// applied in order to the defaults by <see cref="DefaultAdmin.NewAdmin"/>.
/// </summary>
/// <param name="options">The options being built.</param>
public delegate void AdminOption(AdminOptions options);

/// <summary>
/// The settings of an admin (Go: <c>adminOptions</c>) and every <c>WithX</c> function of Go's admin package: the
/// admin's own here, the topic create/delete ones in Option.cs. Write
/// <c>using static RocketMQ.Go.Port.Admin.AdminOptions;</c> to call them unqualified in a file that builds no producer
/// or consumer (with theirs, the shared names would be ambiguous); otherwise <c>AdminOptions.WithX</c>.
/// </summary>
public sealed partial class AdminOptions
{
    /// <summary>The group the admin's client announces (Go: <c>TOOLS_ADMIN</c>).</summary>
    public const string DefaultGroupName = "TOOLS_ADMIN";

    private static long _instanceSeed;

    internal AdminOptions()
    {
        Client.GroupName = DefaultGroupName;

        // Go names each admin instance after the current time so it never shares a client with a producer or
        // consumer of the process; a counter makes that hold for admins created in the same tick too.
        Client.InstanceName = $"admin-{Environment.ProcessId}-{Interlocked.Increment(ref _instanceSeed)}-{Stopwatch.GetTimestamp()}";
    }

    /// <summary>The shared client's part (Go: the embedded <c>internal.ClientOptions</c>).</summary>
    internal ClientOptions Client { get; } = ClientOptions.Default();

    /// <summary>Where name server addresses come from (Go: <c>Resolver</c>); the NAMESRV_ADDR variable when none is set.</summary>
    public INsResolver? Resolver => Client.Resolver;

    /// <summary>ACL credentials every request is signed with (Go: <c>Credentials</c>).</summary>
    public Credentials? Credentials => Client.Credentials;

    /// <summary>Namespace put in front of topics and groups (Go: <c>Namespace</c>).</summary>
    public string Namespace => Client.Namespace;

    /// <summary>Transport settings (Go: <c>RemotingClientConfig</c>).</summary>
    public RemotingClientOptions RemotingClientOptions => Client.RemotingClientOptions;

    /// <summary>Where the admin logs (Go: rlog); nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory => Client.LoggerFactory;

    /// <summary>
    /// Timeout of each request to a broker or name server (Go hard-codes 3 s for name server queries and 5 s for
    /// broker requests; Java's admin uses 5 s for all). Default 5 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sets the resolver of name server addresses (Go: <c>WithResolver</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static AdminOption WithResolver(INsResolver resolver)
    {
        OptionChecks.NotNull(resolver, "name server resolver");
        return o => o.Client.Resolver = resolver;
    }

    /// <summary>Sets fixed name server addresses (as a passthrough resolver), validated by <see cref="NamesrvAddr.Create"/>; .NET shorthand of <c>WithResolver(NewPassthroughResolver(..))</c>.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static AdminOption WithNameServer(NamesrvAddr nameServers)
    {
        OptionChecks.NotNull(nameServers, "name server address list");
        return o => o.Client.SetNameServer(nameServers);
    }

    /// <summary>Sets fixed name server addresses, "host:port" each or ';' separated.</summary>
    /// <exception cref="ArgumentException">Null, empty, or an address that is not host:port or an http(s) URL.</exception>
    public static AdminOption WithNameServer(params string[] nameServers) => WithNameServer(OptionChecks.NameServers(nameServers));

    /// <summary>Signs every request with ACL credentials (Go: <c>WithCredentials</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static AdminOption WithCredentials(Credentials credentials)
    {
        OptionChecks.NotNull(credentials, "credentials");
        return o => o.Client.Credentials = credentials;
    }

    /// <summary>Sets the namespace wrapped around topics and groups (Go: <c>WithNamespace</c>); null or empty means none.</summary>
    /// <exception cref="ArgumentException">Not a legal namespace.</exception>
    public static AdminOption WithNamespace(string ns)
    {
        OptionChecks.NamespaceOrEmpty(ns);
        return o => o.Client.SetNamespace(ns);
    }

    /// <summary>Wraps connections in TLS (Go: <c>WithTls</c>); the server certificate is verified, unlike Go.</summary>
    public static AdminOption WithTls(bool useTls) => o => o.Client.SetTls(useTls);

    /// <summary>Adjusts any transport setting (TLS details, connect timeout, ...); .NET addition.</summary>
    public static AdminOption WithRemotingOptions(Action<RemotingClientOptions> configure)
    {
        OptionChecks.NotNull(configure, "configure action");
        return o => o.Client.ConfigureRemoting(configure);
    }

    /// <summary>Sets the timeout of each request (<see cref="RequestTimeout"/>); .NET addition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static AdminOption WithRequestTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "request timeout");
        return o => o.RequestTimeout = timeout;
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (Go: rlog); null logs nothing; .NET addition.</summary>
    public static AdminOption WithLoggerFactory(ILoggerFactory loggerFactory) => o => o.Client.SetLoggerFactory(loggerFactory);

    /// <summary>Go's defaults with <paramref name="options"/> applied in order.</summary>
    internal static AdminOptions Build(AdminOption[]? options)
    {
        var built = new AdminOptions();
        if (options is not null)
        {
            foreach (var apply in options)
            {
                apply?.Invoke(built);
            }
        }

        return built;
    }
}
