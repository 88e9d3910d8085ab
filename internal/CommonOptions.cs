using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port;

/// <summary>
/// An option of the client part producers and consumers share (Go: the <c>WithX</c> functions producer/option.go and
/// consumer/option.go both declare over the embedded <c>internal.ClientOptions</c>). Made by the
/// <see cref="CommonOptions"/> functions; converts implicitly to a producer's and a consumer's option, so one value
/// goes wherever either is expected.
/// </summary>
public sealed class ClientOption
{
    internal ClientOption(Action<ClientOptions> apply) => Apply = apply;

    /// <summary>Applies the option to the shared client part of a producer's or consumer's options.</summary>
    internal Action<ClientOptions> Apply { get; }
}

/// <summary>
/// The <c>WithX</c> option functions producers and consumers share, declared once. Call them as
/// <c>ProducerOptions.WithNameServer(...)</c> or <c>ConsumerOptions.WithNameServer(...)</c> (both inherit them), which
/// reads as Go's <c>producer.WithNameServer</c> and <c>consumer.WithNameServer</c>. To call options unqualified, import
/// <c>using static RocketMQ.Go.Port.CommonOptions;</c> for these, plus <c>using static</c> of ProducerOptions and/or
/// ConsumerOptions for their own ones: as each name is declared once, importing all three is unambiguous (C# imports
/// only the members a class declares itself, so the shared ones come from this class). Each function checks its
/// argument when called and throws an <see cref="ArgumentException"/> naming the option.
/// </summary>
public abstract partial class CommonOptions
{
    internal CommonOptions()
    {
    }

    /// <summary>Sets the producer or consumer group (Go: <c>WithGroupName</c>); an empty name is ignored, as in Go.</summary>
    /// <exception cref="ArgumentException">Null, or not a legal group name.</exception>
    public static ClientOption WithGroupName(string group)
    {
        OptionChecks.GroupNameOrEmpty(group);
        return new(o => o.SetGroupName(group));
    }

    /// <summary>Sets the namespace put in front of topics and groups (Go: <c>WithNamespace</c>); null or empty means none.</summary>
    /// <exception cref="ArgumentException">Not a legal namespace.</exception>
    public static ClientOption WithNamespace(string ns)
    {
        OptionChecks.NamespaceOrEmpty(ns);
        return new(o => o.SetNamespace(ns));
    }

    /// <summary>Talks to brokers through their VIP port (Go: <c>WithVIPChannel</c>).</summary>
    public static ClientOption WithVIPChannel(bool enable) => new(o => o.VIPChannelEnabled = enable);

    /// <summary>Sets the retries of a failed send (Go: <c>WithRetry</c>); 0 sends once. Consumers don't use it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ClientOption WithRetry(int retries)
    {
        OptionChecks.AtLeast(retries, 0, "retry count");
        return new(o => o.RetryTimes = retries);
    }

    /// <summary>Adds interceptors after those already set (Go: <c>WithInterceptor</c>).</summary>
    /// <exception cref="ArgumentNullException">The array or one of its interceptors is null.</exception>
    public static ClientOption WithInterceptor(params Interceptor[] interceptors)
    {
        Interceptor[] copy = [.. OptionChecks.NoNulls(interceptors, "interceptor")];
        return new(o => o.Interceptors.AddRange(copy));
    }

    /// <summary>
    /// Traces every send, or every consumed message, to the trace topic (Go: <c>WithTrace</c>; RIP-6 message trace).
    /// The trace interceptor runs first, before those of <see cref="WithInterceptor"/>. Unlike Go, the dispatcher and
    /// its client are created at <c>Start</c> and closed at <c>Shutdown</c>, so a client never started leaks nothing;
    /// and asynchronous sends are traced too (Go traces only SendSync).
    /// </summary>
    /// <exception cref="ArgumentException">Null, or naming no name server.</exception>
    public static ClientOption WithTrace(TraceConfig traceConfig)
    {
        OptionChecks.TraceConfig(traceConfig);
        return new(o => o.TraceConfig = traceConfig);
    }

    /// <summary>Signs every request with ACL credentials (Go: <c>WithCredentials</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ClientOption WithCredentials(Credentials credentials)
    {
        OptionChecks.NotNull(credentials, "credentials");
        return new(o => o.Credentials = credentials);
    }

    /// <summary>Sets the resolver of name server addresses (Go: <c>WithNsResolver</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ClientOption WithNsResolver(INsResolver resolver)
    {
        OptionChecks.NotNull(resolver, "name server resolver");
        return new(o => o.Resolver = resolver);
    }

    /// <summary>Sets fixed name server addresses (Go: <c>WithNameServer</c>), validated by <see cref="NamesrvAddr.Create"/>.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ClientOption WithNameServer(NamesrvAddr nameServers)
    {
        OptionChecks.NotNull(nameServers, "name server address list");
        return new(o => o.SetNameServer(nameServers));
    }

    /// <summary>Sets fixed name server addresses, "host:port" each or ';' separated (Go: <c>WithNameServer</c>).</summary>
    /// <exception cref="ArgumentException">Null, empty, or an address that is not host:port or an http(s) URL.</exception>
    public static ClientOption WithNameServer(params string[] nameServers) => WithNameServer(OptionChecks.NameServers(nameServers));

    /// <summary>Reads name server addresses from an HTTP address service (Go: <c>WithNameServerDomain</c>).</summary>
    /// <exception cref="ArgumentException">Not an http or https URL.</exception>
    public static ClientOption WithNameServerDomain(string nameServerUrl)
    {
        OptionChecks.HttpUrl(nameServerUrl, "name server domain");
        return new(o => o.SetNameServerDomain(nameServerUrl));
    }

    /// <summary>Sets the unit name, and targets an HTTP resolver at that unit (Go: <c>WithUnitName</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ClientOption WithUnitName(string unitName)
    {
        OptionChecks.NotNull(unitName, "unit name");
        return new(o => o.SetUnitName(unitName));
    }

    /// <summary>
    /// Sets the connection timeout (Go: <c>WithRemotingTimeout</c>), which bounds opening a connection. Go's read and
    /// write timeouts are checked and then ignored: Go closes a connection on which nothing arrives for the read
    /// timeout or a write takes longer than the write timeout, while here every request carries its own deadline and
    /// TCP keep-alive finds dead peers, so there is no socket deadline to set. The signature stays Go's so ported
    /// calls compile unchanged.
    /// </summary>
    /// <param name="connectionTimeout">How long opening a connection may take.</param>
    /// <param name="readTimeout">Accepted for Go compatibility and ignored (0 or more).</param>
    /// <param name="writeTimeout">Accepted for Go compatibility and ignored (0 or more).</param>
    /// <exception cref="ArgumentOutOfRangeException">The connection timeout is not positive, or another is negative.</exception>
    public static ClientOption WithRemotingTimeout(TimeSpan connectionTimeout, TimeSpan readTimeout, TimeSpan writeTimeout)
    {
        OptionChecks.RemotingTimeouts(connectionTimeout, readTimeout, writeTimeout);
        return new(o => o.SetConnectionTimeout(connectionTimeout));
    }

    /// <summary>
    /// Wraps connections in TLS (Go: <c>WithTls</c>). Unlike Go, the server certificate is verified; see
    /// <see cref="WithRemotingOptions"/> to skip or customise the check.
    /// </summary>
    public static ClientOption WithTls(bool useTls) => new(o => o.SetTls(useTls));

    /// <summary>Adjusts any transport setting (TLS details, serialize type, ...); .NET addition.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ClientOption WithRemotingOptions(Action<RemotingClientOptions> configure)
    {
        OptionChecks.NotNull(configure, "configure action");
        return new(o => o.ConfigureRemoting(configure));
    }

    /// <summary>
    /// Bounds <c>Shutdown</c> (.NET addition; Go never waits, #672): a push consumer waits this long for running
    /// handlers before cancelling them (offsets are persisted after the wait), a producer for transaction check-backs
    /// and the trace flush, a pull consumer for all of its shutdown (offsets included); what is left is released at
    /// once. Default 10 s; 0 stops waiting at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or beyond the longest timer.</exception>
    public static ClientOption WithShutdownTimeout(TimeSpan timeout)
    {
        OptionChecks.Between(timeout, TimeSpan.Zero, OptionChecks.MaxTimeout, "shutdown timeout");
        return new(o => o.ShutdownTimeout = timeout);
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (Go: rlog); null logs nothing; .NET addition.</summary>
    public static ClientOption WithLoggerFactory(ILoggerFactory loggerFactory) => new(o => o.SetLoggerFactory(loggerFactory));
}
