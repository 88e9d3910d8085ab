using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// A functional option of a producer (Go: <c>producer.Option</c>): one of the <c>ProducerOptions.WithX</c> functions
/// (its own ones and the shared ones of <see cref="CommonOptions"/>, which convert to it implicitly), applied in order
/// to the defaults by <c>NewProducer</c>. A class rather than Go's function type so that one shared
/// option value fits both a producer's and a consumer's list; wrap a custom adjustment with
/// <c>new ProducerOption(o =&gt; ...)</c>.
/// </summary>
public sealed class ProducerOption
{
    private readonly Action<ProducerOptions> _apply;

    /// <summary>An option that runs <paramref name="apply"/> on the options being built.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public ProducerOption(Action<ProducerOptions> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        _apply = apply;
    }

    /// <summary>A shared client option used as a producer option.</summary>
    public static implicit operator ProducerOption(ClientOption option) => FromClientOption(option);

    /// <summary>A shared client option used as a producer option (the named form of the implicit conversion).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ProducerOption FromClientOption(ClientOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new(o => option.Apply(o.Client));
    }

    /// <summary>Applies the option.</summary>
    internal void Apply(ProducerOptions options) => _apply(options);
}

/// <summary>
/// The settings of a producer (Go: <c>producerOptions</c>, Go's defaults) and its own <c>WithX</c> option functions;
/// the options producers and consumers share (WithNameServer, WithGroupName, ...) are declared once in
/// <see cref="CommonOptions"/> and inherited. Call them as <c>ProducerOptions.WithX</c>, which reads as Go's
/// <c>producer.WithX</c>; to call them unqualified write <c>using static RocketMQ.Go.Port.CommonOptions;</c> and
/// <c>using static RocketMQ.Go.Port.Producer.ProducerOptions;</c> (together with ConsumerOptions too: no name is
/// declared twice). The properties are read-only: options are the way to change them.
/// </summary>
public sealed partial class ProducerOptions : CommonOptions
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
    public TimeSpan ShutdownTimeout => Client.ShutdownTimeout;

    /// <summary>Queues of a topic the broker creates on first send (Go: <c>DefaultTopicQueueNums</c>, 4).</summary>
    public int DefaultTopicQueueNums { get; private set; } = Constants.DefaultTopicQueueNums;

    /// <summary>The template topic of auto-created topics (Go: <c>CreateTopicKey</c>, TBW102).</summary>
    public string CreateTopicKey { get; private set; } = Constants.DefaultTopic;

    /// <summary>Bodies of at least this many bytes are zlib-compressed (Go: <c>CompressMsgBodyOverHowmuch</c>, 4096).</summary>
    public int CompressMsgBodyOverHowmuch { get; private set; } = 4096;

    /// <summary>zlib level 1-9 (Go: <c>CompressLevel</c>, 5).</summary>
    public int CompressLevel { get; private set; } = Compression.DefaultLevel;

    /// <summary>Message trace settings when tracing is on (Go: the config given to <c>WithTrace</c>).</summary>
    public TraceConfig? TraceConfig => Client.TraceConfig;

    /// <summary>
    /// Skip brokers that failed or answered slowly for a backoff period (Java: <c>sendLatencyFaultEnable</c>). On by
    /// default, unlike Java: Go has no fault avoidance at all and keeps sending to a dead broker (#1071).
    /// </summary>
    public bool SendLatencyFaultEnable { get; private set; } = true;

    /// <summary>Largest body (a batch: the encoded batch) accepted before sending (Java: <c>maxMessageSize</c>, 4 MiB).</summary>
    public int MaxMessageSize { get; private set; } = DefaultMaxMessageSize;

    /// <summary>Where the producer logs (Go: rlog); nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory => Client.LoggerFactory;

    /// <summary>Sets the instance name (Go: <c>WithInstanceName</c>).</summary>
    /// <exception cref="ArgumentException">Null or blank.</exception>
    public static ProducerOption WithInstanceName(string name)
    {
        OptionChecks.NotBlank(name, "instance name");
        return new(o => o.Client.InstanceName = name);
    }

    /// <summary>Sets the whole time a send may take, retries included (Go: <c>WithSendMsgTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ProducerOption WithSendMsgTimeout(TimeSpan duration)
    {
        OptionChecks.Positive(duration, "send timeout");
        return new(o => o.SendMsgTimeout = duration);
    }

    /// <summary>Sets the queue selector (Go: <c>WithQueueSelector</c>).</summary>
    public static ProducerOption WithQueueSelector(IQueueSelector selector)
    {
        OptionChecks.NotNull(selector, "queue selector");
        return new(o => o.Selector = selector);
    }

    /// <summary>Sets the queue count of topics created on first send (Go: <c>WithDefaultTopicQueueNums</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public static ProducerOption WithDefaultTopicQueueNums(int queueNum)
    {
        OptionChecks.AtLeast(queueNum, 1, "queue count");
        return new(o => o.DefaultTopicQueueNums = queueNum);
    }

    /// <summary>Sets the template topic of auto-created topics (Go: <c>WithCreateTopicKey</c>).</summary>
    /// <exception cref="ArgumentException">Not a legal topic name.</exception>
    public static ProducerOption WithCreateTopicKey(string topic)
    {
        OptionChecks.TopicName(topic);
        return new(o => o.CreateTopicKey = topic);
    }

    /// <summary>Bodies of at least <paramref name="threshold"/> bytes are compressed (Go: <c>WithCompressMsgBodyOverHowmuch</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ProducerOption WithCompressMsgBodyOverHowmuch(int threshold)
    {
        OptionChecks.AtLeast(threshold, 0, "compression threshold");
        return new(o => o.CompressMsgBodyOverHowmuch = threshold);
    }

    /// <summary>Sets the zlib level (Go: <c>WithCompressLevel</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in 1..9 (Go accepts 0-9 and fails each send; rejected here at once).</exception>
    public static ProducerOption WithCompressLevel(int level)
    {
        OptionChecks.Between(level, Compression.BestSpeed, Compression.BestCompression, "zlib level");
        return new(o => o.CompressLevel = level);
    }

    /// <summary>Turns latency fault avoidance on or off (Java: <c>setSendLatencyFaultEnable</c>; on by default).</summary>
    public static ProducerOption WithSendLatencyFaultEnable(bool enable) => new(o => o.SendLatencyFaultEnable = enable);

    /// <summary>Sets the largest body accepted (Java: <c>setMaxMessageSize</c>).</summary>
    public static ProducerOption WithMaxMessageSize(int bytes)
    {
        OptionChecks.AtLeast(bytes, 1, "largest message size");
        return new(o => o.MaxMessageSize = bytes);
    }

    /// <summary>Go's defaults with <paramref name="options"/> applied in order.</summary>
    internal static ProducerOptions Build(ProducerOption[]? options)
    {
        var built = new ProducerOptions();
        if (options is not null)
        {
            foreach (var apply in options)
            {
                apply?.Apply(built);
            }
        }

        return built;
    }
}
