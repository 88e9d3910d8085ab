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
/// Call them as <c>ProducerOptions.WithX</c>, which reads as Go's <c>producer.WithX</c>. A file that builds only
/// producers may write <c>using static RocketMQ.Go.Port.Producer.ProducerOptions;</c> and call them unqualified; not
/// together with <c>using static</c> of ConsumerOptions (or AdminOptions): the names they share (WithNameServer,
/// WithGroupName, ...) would be ambiguous (CS0121), as C# does not pick an overload by the type it is assigned to.
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

    /// <summary>
    /// How long <c>Shutdown</c> may take: transaction check answers in progress, queued trace records, unregistering
    /// from the brokers and closing connections (.NET addition; Go waits for nothing). Default 10 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; private set; } = TimeSpan.FromSeconds(10);

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
    /// <exception cref="ArgumentException">Null, or not a legal group name.</exception>
    public static ProducerOption WithGroupName(string group)
    {
        OptionChecks.GroupNameOrEmpty(group);
        return o => o.Client.SetGroupName(group);
    }

    /// <summary>Sets the instance name (Go: <c>WithInstanceName</c>).</summary>
    /// <exception cref="ArgumentException">Null or blank.</exception>
    public static ProducerOption WithInstanceName(string name)
    {
        OptionChecks.NotBlank(name, "instance name");
        return o => o.Client.InstanceName = name;
    }

    /// <summary>Sets the namespace (Go: <c>WithNamespace</c>); null or empty means none.</summary>
    /// <exception cref="ArgumentException">Not a legal namespace.</exception>
    public static ProducerOption WithNamespace(string ns)
    {
        OptionChecks.NamespaceOrEmpty(ns);
        return o => o.Client.SetNamespace(ns);
    }

    /// <summary>Sets the whole time a send may take, retries included (Go: <c>WithSendMsgTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ProducerOption WithSendMsgTimeout(TimeSpan duration)
    {
        OptionChecks.Positive(duration, "send timeout");
        return o => o.SendMsgTimeout = duration;
    }

    /// <summary>Bounds <c>Shutdown</c> (<see cref="ShutdownTimeout"/>, .NET addition).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ProducerOption WithShutdownTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "shutdown timeout");
        return o => o.ShutdownTimeout = timeout;
    }

    /// <summary>Sends through the broker's VIP port (Go: <c>WithVIPChannel</c>).</summary>
    public static ProducerOption WithVIPChannel(bool enable) => o => o.Client.VIPChannelEnabled = enable;

    /// <summary>Sets the retries of a failed send (Go: <c>WithRetry</c>); 0 sends once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ProducerOption WithRetry(int retries)
    {
        OptionChecks.AtLeast(retries, 0, "retry count");
        return o => o.Client.RetryTimes = retries;
    }

    /// <summary>Adds interceptors after those already set (Go: <c>WithInterceptor</c>).</summary>
    /// <exception cref="ArgumentNullException">The array or one of its interceptors is null.</exception>
    public static ProducerOption WithInterceptor(params Interceptor[] interceptors)
    {
        Interceptor[] copy = [.. OptionChecks.NoNulls(interceptors, "interceptor")];
        return o => o.Client.Interceptors.AddRange(copy);
    }

    /// <summary>Sets the queue selector (Go: <c>WithQueueSelector</c>).</summary>
    public static ProducerOption WithQueueSelector(IQueueSelector selector)
    {
        OptionChecks.NotNull(selector, "queue selector");
        return o => o.Selector = selector;
    }

    /// <summary>Signs every request with ACL credentials (Go: <c>WithCredentials</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ProducerOption WithCredentials(Credentials credentials)
    {
        OptionChecks.NotNull(credentials, "credentials");
        return o => o.Client.Credentials = credentials;
    }

    /// <summary>Sets the queue count of topics created on first send (Go: <c>WithDefaultTopicQueueNums</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public static ProducerOption WithDefaultTopicQueueNums(int queueNum)
    {
        OptionChecks.AtLeast(queueNum, 1, "queue count");
        return o => o.DefaultTopicQueueNums = queueNum;
    }

    /// <summary>Sets the template topic of auto-created topics (Go: <c>WithCreateTopicKey</c>).</summary>
    /// <exception cref="ArgumentException">Not a legal topic name.</exception>
    public static ProducerOption WithCreateTopicKey(string topic)
    {
        OptionChecks.TopicName(topic);
        return o => o.CreateTopicKey = topic;
    }

    /// <summary>Sets the resolver of name server addresses (Go: <c>WithNsResolver</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ProducerOption WithNsResolver(INsResolver resolver)
    {
        OptionChecks.NotNull(resolver, "name server resolver");
        return o => o.Client.Resolver = resolver;
    }

    /// <summary>Sets fixed name server addresses (Go: <c>WithNameServer</c>), validated by <see cref="NamesrvAddr.Create"/>.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ProducerOption WithNameServer(NamesrvAddr nameServers)
    {
        OptionChecks.NotNull(nameServers, "name server address list");
        return o => o.Client.SetNameServer(nameServers);
    }

    /// <summary>Sets fixed name server addresses, "host:port" each or ';' separated (Go: <c>WithNameServer</c>).</summary>
    /// <exception cref="ArgumentException">Null, empty, or an address that is not host:port or an http(s) URL.</exception>
    public static ProducerOption WithNameServer(params string[] nameServers) => WithNameServer(OptionChecks.NameServers(nameServers));

    /// <summary>Reads name server addresses from an HTTP address service (Go: <c>WithNameServerDomain</c>).</summary>
    /// <exception cref="ArgumentException">Not an http or https URL.</exception>
    public static ProducerOption WithNameServerDomain(string nameServerUrl)
    {
        OptionChecks.HttpUrl(nameServerUrl, "name server domain");
        return o => o.Client.SetNameServerDomain(nameServerUrl);
    }

    /// <summary>Sets the unit name, and targets an HTTP resolver at that unit (Go: <c>WithUnitName</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ProducerOption WithUnitName(string unitName)
    {
        OptionChecks.NotNull(unitName, "unit name");
        return o => o.Client.SetUnitName(unitName);
    }

    /// <summary>Bodies of at least <paramref name="threshold"/> bytes are compressed (Go: <c>WithCompressMsgBodyOverHowmuch</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ProducerOption WithCompressMsgBodyOverHowmuch(int threshold)
    {
        OptionChecks.AtLeast(threshold, 0, "compression threshold");
        return o => o.CompressMsgBodyOverHowmuch = threshold;
    }

    /// <summary>Sets the zlib level (Go: <c>WithCompressLevel</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in 1..9 (Go accepts 0-9 and fails each send; rejected here at once).</exception>
    public static ProducerOption WithCompressLevel(int level)
    {
        OptionChecks.Between(level, Compression.BestSpeed, Compression.BestCompression, "zlib level");
        return o => o.CompressLevel = level;
    }

    /// <summary>
    /// Sets Go's three transport timeouts (Go: <c>WithRemotingTimeout</c>). The connection timeout bounds opening a
    /// connection; read and write timeouts are kept but not used (requests carry their own timeouts).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The connection timeout is not positive, or another is negative.</exception>
    public static ProducerOption WithRemotingTimeout(TimeSpan connectionTimeout, TimeSpan readTimeout, TimeSpan writeTimeout)
    {
        OptionChecks.RemotingTimeouts(connectionTimeout, readTimeout, writeTimeout);
        return o =>
        {
            o.Client.SetConnectionTimeout(connectionTimeout);
            o.ReadTimeout = readTimeout;
            o.WriteTimeout = writeTimeout;
        };
    }

    /// <summary>
    /// Wraps connections in TLS (Go: <c>WithTls</c>). Unlike Go, the server certificate is verified; see
    /// <see cref="WithRemotingOptions"/> to skip or customise the check.
    /// </summary>
    public static ProducerOption WithTls(bool useTls) => o => o.Client.SetTls(useTls);

    /// <summary>Adjusts any transport setting (TLS details, serialize type, ...); .NET addition.</summary>
    public static ProducerOption WithRemotingOptions(Action<RemotingClientOptions> configure)
    {
        OptionChecks.NotNull(configure, "configure action");
        return o => o.Client.ConfigureRemoting(configure);
    }

    /// <summary>Turns latency fault avoidance on or off (Java: <c>setSendLatencyFaultEnable</c>; on by default).</summary>
    public static ProducerOption WithSendLatencyFaultEnable(bool enable) => o => o.SendLatencyFaultEnable = enable;

    /// <summary>Sets the largest body accepted (Java: <c>setMaxMessageSize</c>).</summary>
    public static ProducerOption WithMaxMessageSize(int bytes)
    {
        OptionChecks.AtLeast(bytes, 1, "largest message size");
        return o => o.MaxMessageSize = bytes;
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (Go: rlog); null logs nothing; .NET addition.</summary>
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
