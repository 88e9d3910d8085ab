using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// A functional option of a producer (Go: <c>producer.Option</c>): one of the <c>ProducerOptions.WithX</c> functions,
/// applied in order to the defaults by <c>NewProducer</c>.
/// </summary>
/// <param name="options">The options being built.</param>
public delegate void ProducerOption(ProducerOptions options);

/// <summary>
/// The settings of a producer (Go: <c>producerOptions</c>, Go's defaults) and the <c>WithX</c> option functions.
/// Write <c>using static RocketMQ.Go.Port.Producer.ProducerOptions;</c> to call them unqualified as in Go.
/// The properties are read-only: options are the way to change them.
/// </summary>
public sealed partial class ProducerOptions
{
    /// <summary>Go's default group (<c>DEFAULT_PRODUCER</c>).</summary>
    public const string DefaultGroupName = Constants.DefaultProducerGroup;

    /// <summary>Java's default largest message body (4 MiB), checked before sending.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    internal ProducerOptions()
    {
        Client.GroupName = DefaultGroupName;
        Client.Resolver = new HttpResolver("DEFAULT");
    }

    /// <summary>The shared client's part (Go: the embedded <c>internal.ClientOptions</c>).</summary>
    internal ClientOptions Client { get; } = ClientOptions.Default();

    /// <summary>The producer group (Go: <c>GroupName</c>, default DEFAULT_PRODUCER).</summary>
    public string GroupName => Client.GroupName;

    /// <summary>Instance name; producers with the same one share a client (Go: <c>InstanceName</c>, default "DEFAULT").</summary>
    public string InstanceName => Client.InstanceName;

    /// <summary>Namespace put in front of topics (Go: <c>Namespace</c>).</summary>
    public string Namespace => Client.Namespace;

    /// <summary>Where name server addresses come from (Go: <c>Resolver</c>; default Go's HTTP resolver of "DEFAULT").</summary>
    public INsResolver? Resolver => Client.Resolver;

    /// <summary>Unit name (Go: <c>UnitName</c>).</summary>
    public string UnitName => Client.UnitName;

    /// <summary>Send through the broker's VIP port (Go: <c>VIPChannelEnabled</c>).</summary>
    public bool VIPChannelEnabled => Client.VIPChannelEnabled;

    /// <summary>ACL credentials (Go: <c>Credentials</c>).</summary>
    public Credentials? Credentials => Client.Credentials;

    /// <summary>Retries of a failed send, each on another broker when there is one (Go: <c>RetryTimes</c>, default 3).</summary>
    public int RetryTimes => Client.RetryTimes;

    /// <summary>Interceptors, outermost first (Go: <c>Interceptors</c>).</summary>
    public IReadOnlyList<Interceptor> Interceptors => Client.Interceptors;

    /// <summary>Transport settings: TLS, connection timeout, serialization (Go: <c>RemotingClientConfig</c>).</summary>
    public RemotingClientOptions RemotingClientOptions => Client.RemotingClientOptions;

    /// <summary>Go's read timeout of <c>WithRemotingTimeout</c>; kept for reference, not used (request timeouts and keep-alive cover it).</summary>
    public TimeSpan ReadTimeout { get; private set; } = TimeSpan.FromSeconds(120);

    /// <summary>Go's write timeout of <c>WithRemotingTimeout</c>; kept for reference, not used.</summary>
    public TimeSpan WriteTimeout { get; private set; } = TimeSpan.FromSeconds(120);

    /// <summary>Chooses the queue of each send (Go: <c>Selector</c>, default round robin).</summary>
    public IQueueSelector Selector { get; private set; } = new RoundRobinQueueSelector();

    /// <summary>
    /// The whole time a send may take, retries included (Go: <c>SendMsgTimeout</c>, 3 s). Honoured end to end:
    /// Go's transport used a hard-coded 3 s whatever this said (#1109).
    /// </summary>
    public TimeSpan SendMsgTimeout { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>Queues of a topic the broker creates on first send (Go: <c>DefaultTopicQueueNums</c>, 4).</summary>
    public int DefaultTopicQueueNums { get; private set; } = Constants.DefaultTopicQueueNums;

    /// <summary>The template topic of auto-created topics (Go: <c>CreateTopicKey</c>, TBW102).</summary>
    public string CreateTopicKey { get; private set; } = Constants.DefaultTopic;

    /// <summary>Bodies of at least this many bytes are zlib-compressed (Go: <c>CompressMsgBodyOverHowmuch</c>, 4096).</summary>
    public int CompressMsgBodyOverHowmuch { get; private set; } = 4096;

    /// <summary>zlib level 1-9 (Go: <c>CompressLevel</c>, 5).</summary>
    public int CompressLevel { get; private set; } = Compression.DefaultLevel;

    /// <summary>Message trace settings when tracing is on (Go: the config given to <c>WithTrace</c>).</summary>
    public TraceConfig? TraceConfig { get; private set; }

    /// <summary>
    /// Skip brokers that failed or answered slowly for a backoff period (Java: <c>sendLatencyFaultEnable</c>). On by
    /// default, unlike Java: Go has no fault avoidance at all and keeps sending to a dead broker (#1071).
    /// </summary>
    public bool SendLatencyFaultEnable { get; private set; } = true;

    /// <summary>Largest body (a batch: the encoded batch) accepted before sending (Java: <c>maxMessageSize</c>, 4 MiB).</summary>
    public int MaxMessageSize { get; private set; } = DefaultMaxMessageSize;

    /// <summary>Where the producer logs (Go: rlog); nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory => Client.LoggerFactory;

    /// <summary>Sets the producer group (Go: <c>WithGroupName</c>); an empty name is ignored, as in Go.</summary>
    public static ProducerOption WithGroupName(string group) => o => o.Client.SetGroupName(group);

    /// <summary>Sets the instance name (Go: <c>WithInstanceName</c>).</summary>
    public static ProducerOption WithInstanceName(string name) => o => o.Client.InstanceName = name;

    /// <summary>Sets the namespace (Go: <c>WithNamespace</c>).</summary>
    public static ProducerOption WithNamespace(string ns) => o => o.Client.SetNamespace(ns);

    /// <summary>Sets the whole time a send may take, retries included (Go: <c>WithSendMsgTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ProducerOption WithSendMsgTimeout(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, nameof(duration));
        return o => o.SendMsgTimeout = duration;
    }

    /// <summary>Sends through the broker's VIP port (Go: <c>WithVIPChannel</c>).</summary>
    public static ProducerOption WithVIPChannel(bool enable) => o => o.Client.VIPChannelEnabled = enable;

    /// <summary>Sets the retries of a failed send (Go: <c>WithRetry</c>); 0 sends once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ProducerOption WithRetry(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries, nameof(retries));
        return o => o.Client.RetryTimes = retries;
    }

    /// <summary>Adds interceptors after those already set (Go: <c>WithInterceptor</c>).</summary>
    public static ProducerOption WithInterceptor(params Interceptor[] interceptors) => o => o.Client.Interceptors.AddRange(interceptors);

    /// <summary>Sets the queue selector (Go: <c>WithQueueSelector</c>).</summary>
    public static ProducerOption WithQueueSelector(IQueueSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return o => o.Selector = selector;
    }

    /// <summary>Signs every request with ACL credentials (Go: <c>WithCredentials</c>).</summary>
    public static ProducerOption WithCredentials(Credentials credentials) => o => o.Client.Credentials = credentials;

    /// <summary>Sets the queue count of topics created on first send (Go: <c>WithDefaultTopicQueueNums</c>).</summary>
    public static ProducerOption WithDefaultTopicQueueNums(int queueNum) => o => o.DefaultTopicQueueNums = queueNum;

    /// <summary>Sets the template topic of auto-created topics (Go: <c>WithCreateTopicKey</c>).</summary>
    public static ProducerOption WithCreateTopicKey(string topic) => o => o.CreateTopicKey = topic;

    /// <summary>Sets the resolver of name server addresses (Go: <c>WithNsResolver</c>).</summary>
    public static ProducerOption WithNsResolver(INsResolver resolver) => o => o.Client.Resolver = resolver;

    /// <summary>Sets fixed name server addresses (Go: <c>WithNameServer</c>), validated by <see cref="NamesrvAddr.Create"/>.</summary>
    public static ProducerOption WithNameServer(NamesrvAddr nameServers)
    {
        ArgumentNullException.ThrowIfNull(nameServers);
        return o => o.Client.SetNameServer(nameServers);
    }

    /// <summary>Sets fixed name server addresses, "host:port" each or ';' separated (Go: <c>WithNameServer</c>).</summary>
    public static ProducerOption WithNameServer(params string[] nameServers) => WithNameServer(NamesrvAddr.Create(nameServers));

    /// <summary>Reads name server addresses from an HTTP address service (Go: <c>WithNameServerDomain</c>).</summary>
    public static ProducerOption WithNameServerDomain(string nameServerUrl) => o => o.Client.SetNameServerDomain(nameServerUrl);

    /// <summary>Sets the unit name, and targets an HTTP resolver at that unit (Go: <c>WithUnitName</c>).</summary>
    public static ProducerOption WithUnitName(string unitName) => o => o.Client.SetUnitName(unitName);

    /// <summary>Bodies of at least <paramref name="threshold"/> bytes are compressed (Go: <c>WithCompressMsgBodyOverHowmuch</c>).</summary>
    public static ProducerOption WithCompressMsgBodyOverHowmuch(int threshold) => o => o.CompressMsgBodyOverHowmuch = threshold;

    /// <summary>Sets the zlib level (Go: <c>WithCompressLevel</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in 1..9 (Go accepts 0-9 and fails each send; rejected here at once).</exception>
    public static ProducerOption WithCompressLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, Compression.BestSpeed, nameof(level));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Compression.BestCompression, nameof(level));
        return o => o.CompressLevel = level;
    }

    /// <summary>
    /// Sets Go's three transport timeouts (Go: <c>WithRemotingTimeout</c>). The connection timeout bounds opening a
    /// connection; read and write timeouts are kept but not used (requests carry their own timeouts).
    /// </summary>
    public static ProducerOption WithRemotingTimeout(TimeSpan connectionTimeout, TimeSpan readTimeout, TimeSpan writeTimeout) => o =>
    {
        o.Client.SetConnectionTimeout(connectionTimeout);
        o.ReadTimeout = readTimeout;
        o.WriteTimeout = writeTimeout;
    };

    /// <summary>
    /// Wraps connections in TLS (Go: <c>WithTls</c>). Unlike Go, the server certificate is verified; see
    /// <see cref="WithRemotingOptions"/> to skip or customise the check.
    /// </summary>
    public static ProducerOption WithTls(bool useTls) => o => o.Client.SetTls(useTls);

    /// <summary>Adjusts any transport setting (TLS details, serialize type, ...); .NET addition.</summary>
    public static ProducerOption WithRemotingOptions(Action<RemotingClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return o => o.Client.ConfigureRemoting(configure);
    }

    /// <summary>Turns latency fault avoidance on or off (Java: <c>setSendLatencyFaultEnable</c>; on by default).</summary>
    public static ProducerOption WithSendLatencyFaultEnable(bool enable) => o => o.SendLatencyFaultEnable = enable;

    /// <summary>Sets the largest body accepted (Java: <c>setMaxMessageSize</c>).</summary>
    public static ProducerOption WithMaxMessageSize(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bytes, 0, nameof(bytes));
        return o => o.MaxMessageSize = bytes;
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (Go: rlog); .NET addition.</summary>
    public static ProducerOption WithLoggerFactory(ILoggerFactory loggerFactory) => o => o.Client.SetLoggerFactory(loggerFactory);

    /// <summary>Go's defaults with <paramref name="options"/> applied in order.</summary>
    internal static ProducerOptions Build(ProducerOption[]? options)
    {
        var built = new ProducerOptions();
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
