using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// A functional option of a consumer (Go: <c>consumer.Option</c>): one of the <c>ConsumerOptions.WithX</c> functions
/// (its own ones and the shared ones of <see cref="CommonOptions"/>, which convert to it implicitly), applied in order
/// to the defaults by <c>NewPushConsumer</c>. A class rather than Go's function type so that one shared
/// option value fits both a producer's and a consumer's list; wrap a custom adjustment with
/// <c>new ConsumerOption(o =&gt; ...)</c>.
/// </summary>
public sealed class ConsumerOption
{
    private readonly Action<ConsumerOptions> _apply;

    /// <summary>An option that runs <paramref name="apply"/> on the options being built.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public ConsumerOption(Action<ConsumerOptions> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        _apply = apply;
    }

    /// <summary>A shared client option used as a consumer option.</summary>
    public static implicit operator ConsumerOption(ClientOption option) => FromClientOption(option);

    /// <summary>A shared client option used as a consumer option (the named form of the implicit conversion).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption FromClientOption(ClientOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new(o => option.Apply(o.Client));
    }

    /// <summary>Applies the option.</summary>
    internal void Apply(ConsumerOptions options) => _apply(options);
}

/// <summary>
/// The settings of a consumer (Go: <c>consumerOptions</c>, with Go's defaults, including those Go's
/// <c>validate</c> fills in for zero values) and its own <c>WithX</c> option functions; the options producers and
/// consumers share (WithNameServer, WithGroupName, ...) are declared once in <see cref="CommonOptions"/> and
/// inherited. Call them as <c>ConsumerOptions.WithX</c> (Go: <c>consumer.WithX</c>); to call them unqualified write
/// <c>using static RocketMQ.Go.Port.CommonOptions;</c> and <c>using static RocketMQ.Go.Port.Consumer.ConsumerOptions;</c>
/// (together with ProducerOptions too: no name is declared twice). The properties are read-only: options are the way
/// to change them.
/// </summary>
public sealed partial class ConsumerOptions : CommonOptions
{
    /// <summary>Go's default group (<c>DEFAULT_CONSUMER</c>), which a push consumer refuses to start with.</summary>
    public const string DefaultGroupName = Constants.DefaultConsumerGroup;

    /// <summary>Go's consume-timestamp format (<c>20060102150405</c>).</summary>
    public const string ConsumeTimestampFormat = "yyyyMMddHHmmss";

    internal ConsumerOptions()
    {
        Client.GroupName = DefaultGroupName;
        Client.Resolver = new HttpResolver("DEFAULT");
        ConsumeTimestamp = DateTime.Now.AddMinutes(-30).ToString(ConsumeTimestampFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>The shared client's part (Go: the embedded <c>internal.ClientOptions</c>).</summary>
    internal ClientOptions Client { get; } = ClientOptions.Default();

    /// <summary>The consumer group (Go: <c>GroupName</c>, default DEFAULT_CONSUMER).</summary>
    public string GroupName => Client.GroupName;

    /// <summary>Instance name (Go: <c>InstanceName</c>, default "DEFAULT": a clustering consumer then gets its own client).</summary>
    public string InstanceName => Client.InstanceName;

    /// <summary>Namespace put in front of topics and the group (Go: <c>Namespace</c>).</summary>
    public string Namespace => Client.Namespace;

    /// <summary>Where name server addresses come from (Go: <c>Resolver</c>; default Go's HTTP resolver of "DEFAULT").</summary>
    public INsResolver? Resolver => Client.Resolver;

    /// <summary>Unit name (Go: <c>UnitName</c>).</summary>
    public string UnitName => Client.UnitName;

    /// <summary>Go: <c>VIPChannelEnabled</c>.</summary>
    public bool VIPChannelEnabled => Client.VIPChannelEnabled;

    /// <summary>ACL credentials (Go: <c>Credentials</c>).</summary>
    public Credentials? Credentials => Client.Credentials;

    /// <summary>Go: <c>RetryTimes</c> (3); consumers don't use it.</summary>
    public int RetryTimes => Client.RetryTimes;

    /// <summary>Interceptors around each handler call, outermost first (Go: <c>Interceptors</c>).</summary>
    public IReadOnlyList<Interceptor> Interceptors => Client.Interceptors;

    /// <summary>Transport settings (Go: <c>RemotingClientConfig</c>).</summary>
    public RemotingClientOptions RemotingClientOptions => Client.RemotingClientOptions;

    /// <summary>Where the consumer logs (Go: rlog); nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory => Client.LoggerFactory;

    /// <summary>Clustering (default) or broadcasting (Go: <c>ConsumerModel</c>).</summary>
    public MessageModel ConsumerModel { get; private set; } = MessageModel.Clustering;

    /// <summary>Where a group with no stored offset starts (Go: <c>FromWhere</c>, default last offset).</summary>
    public ConsumeFromWhere FromWhere { get; private set; } = ConsumeFromWhere.ConsumeFromLastOffset;

    /// <summary>
    /// For <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/>: local time as yyyyMMddHHmmss (Go: <c>ConsumeTimestamp</c>,
    /// default half an hour before the options were built). <b>Fix:</b> parsed as local time, as it is formatted (Go
    /// formats local time and parses it as UTC).
    /// </summary>
    public string ConsumeTimestamp { get; private set; }

    /// <summary>Orderly consumption: queues locked on the broker, one message batch of a queue at a time (Go: <c>ConsumeOrderly</c>).</summary>
    public bool ConsumeOrderly { get; private set; }

    /// <summary>How queues are shared within the group (Go: <c>Strategy</c>, default averagely).</summary>
    public AllocateStrategy Strategy { get; private set; } = Strategies.AllocateByAveragely;

    /// <summary>Most messages per handler call (Go: <c>ConsumeMessageBatchMaxSize</c>, 1; 1-1024).</summary>
    public int ConsumeMessageBatchMaxSize { get; private set; } = 1;

    /// <summary>Most messages per pull (Go: <c>PullBatchSize</c>, 32; 1-1024).</summary>
    public int PullBatchSize { get; private set; } = 32;

    /// <summary>Pause between two pulls of a queue (Go: <c>PullInterval</c>, 0; at most 65535 ms).</summary>
    public TimeSpan PullInterval { get; private set; } = TimeSpan.Zero;

    /// <summary>Concurrent mode: most offsets between the first and last cached message of a queue before pulling pauses (Go: 1000; 1-65535).</summary>
    public int ConsumeConcurrentlyMaxSpan { get; private set; } = 1000;

    /// <summary>Most messages cached per queue before pulling pauses (Go: <c>PullThresholdForQueue</c>, 1024; 1-65535).</summary>
    public long PullThresholdForQueue { get; private set; } = 1024;

    /// <summary>Most body MiB cached per queue before pulling pauses (Go: <c>PullThresholdSizeForQueue</c>, 512; 1-1024).</summary>
    public int PullThresholdSizeForQueue { get; private set; } = 512;

    /// <summary>
    /// Most messages cached per topic before pulling pauses, -1 for no limit (Go: <c>PullThresholdForTopic</c>,
    /// 102400). Checked against the topic's total directly; Go and Java instead rewrite the per-queue threshold to
    /// topic / queues, which can raise it above <see cref="PullThresholdForQueue"/>.
    /// </summary>
    public int PullThresholdForTopic { get; private set; } = 102400;

    /// <summary>Most body MiB cached per topic before pulling pauses, -1 for no limit (Go: <c>PullThresholdSizeForTopic</c>, 51200).</summary>
    public int PullThresholdSizeForTopic { get; private set; } = 51200;

    /// <summary>Consume rate cap per second, 0 for none (Go: <c>ConsumeTPS</c>): the pull interval is derived from it at each rebalance, as in Go.</summary>
    public int ConsumeTPS { get; private set; }

    /// <summary>
    /// Deliveries before a message goes to the dead-letter queue (Go: <c>MaxReconsumeTimes</c>, -1: 16 concurrent,
    /// unlimited orderly).
    /// </summary>
    public int MaxReconsumeTimes { get; private set; } = -1;

    /// <summary>
    /// Orderly: how long a queue is suspended after a failed batch (Go: <c>SuspendCurrentQueueTimeMillis</c>).
    /// <b>Difference:</b> 1 s by default (Java's); Go's zero becomes 10 ms, a hot redelivery loop.
    /// </summary>
    public TimeSpan SuspendCurrentQueueTime { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Concurrent mode: a cached message whose handler started longer ago than this is sent back for a retry; also
    /// the period of that check (Go: <c>ConsumeTimeout</c>, 15 min).
    /// </summary>
    public TimeSpan ConsumeTimeout { get; private set; } = TimeSpan.FromMinutes(15);

    /// <summary>Orderly: a worker hands a busy queue back after this long (Go: <c>MaxTimeConsumeContinuously</c>, 60 s).</summary>
    public TimeSpan MaxTimeConsumeContinuously { get; private set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Orderly push: commit the offset on ConsumeSuccess. Pull consumer: ACK moves the committed offset (persisted
    /// every 5 s); when false only <c>PullConsumer.Commit</c> does (Go: <c>AutoCommit</c>, true).
    /// </summary>
    public bool AutoCommit { get; private set; } = true;

    /// <summary>Orderly: period of queue lock renewal (Go: <c>RebalanceLockInterval</c>, 20 s).</summary>
    public TimeSpan RebalanceLockInterval { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>Handler workers (Go: <c>ConsumeGoroutineNums</c>, 20; 1-100000).</summary>
    public int ConsumeGoroutineNums { get; private set; } = 20;

    /// <summary>Hooks filtering pulled messages (Go: <c>filterMessageHooks</c>).</summary>
    public IReadOnlyList<FilterMessageHook> FilterMessageHooks { get; private set; } = [];

    /// <summary>Waited on before each handler call (Go: <c>Limiter</c>).</summary>
    public Limiter? Limiter { get; private set; }

    /// <summary>Message trace settings when tracing is on (Go: the config given to <c>WithTrace</c>).</summary>
    public TraceConfig? TraceConfig => Client.TraceConfig;

    /// <summary>Send the subscription with every pull (Go: <c>PostSubscriptionWhenPull</c>, false).</summary>
    public bool PostSubscriptionWhenPull { get; private set; }

    /// <summary>
    /// The RPC timeout of a pull (Go: <c>ConsumerPullTimeout</c>, unused by Go, which always waits 30 s). Never less
    /// than the 20 s long poll plus 10 s.
    /// </summary>
    public TimeSpan ConsumerPullTimeout { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Push consumer: how long <c>Shutdown</c> waits for running handlers before cancelling them (.NET addition; Go
    /// never waits, #672); offsets are persisted after the wait; the whole shutdown takes at most this plus
    /// <see cref="ShutdownClosingTime"/>. Pull consumer (no handlers): the bound of the whole shutdown.
    /// </summary>
    public TimeSpan ShutdownTimeout => Client.ShutdownTimeout;

    /// <summary>
    /// What a push consumer's <c>Shutdown</c> may take after the handlers: persisting offsets, unlocking orderly
    /// queues, unregistering and closing connections, each cut short when the time is up.
    /// </summary>
    public static readonly TimeSpan ShutdownClosingTime = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <c>Start</c> may take: reading the subscribed topics' routes (a topic the name servers do not know
    /// yet is asked for again for up to 3 s, as one auto-created by a first send moments ago) and the first heartbeat
    /// (.NET addition; Go has no bound, and waits 6 s per name server behind a client-wide lock). Default 10 s.
    /// </summary>
    public TimeSpan StartTimeout { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Base directory of broadcasting offset files (.NET addition; Go reads only the environment variable).</summary>
    public string? LocalOffsetStoreDir { get; private set; }

    /// <summary>Go's defaults with <paramref name="options"/> applied in order.</summary>
    internal static ConsumerOptions Build(ConsumerOption[]? options)
    {
        var built = new ConsumerOptions();
        if (options is not null)
        {
            foreach (var apply in options)
            {
                apply?.Apply(built);
            }
        }

        return built;
    }

    /// <summary>Parses yyyyMMddHHmmss as local time.</summary>
    /// <exception cref="ArgumentException">Not in that format.</exception>
    internal static DateTimeOffset ParseConsumeTimestamp(string text)
        => TryParseConsumeTimestamp(text, out var parsed)
            ? parsed
            : throw new ArgumentException($"consume timestamp '{text}' is not yyyyMMddHHmmss", nameof(text));

    private static bool TryParseConsumeTimestamp(string text, out DateTimeOffset parsed)
    {
        var ok = DateTime.TryParseExact(text, ConsumeTimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local);
        parsed = ok ? new DateTimeOffset(local) : default;
        return ok;
    }

    /// <summary>
    /// Go's <c>validate</c>: the group and every numeric option's range. Throws <see cref="MQClientException"/>
    /// naming the option.
    /// </summary>
    internal void Validate(string group)
    {
        Validators.ValidateGroup(group);
        if (group == DefaultGroupName)
        {
            throw new MQClientException($"consumerGroup can't equal [{DefaultGroupName}], please specify another one");
        }

        Check(ConsumeConcurrentlyMaxSpan is >= 1 and <= 65535, "ConsumeConcurrentlyMaxSpan out of range [1, 65535]");
        Check(PullThresholdForQueue is >= 1 and <= 65535, "PullThresholdForQueue out of range [1, 65535]");
        Check(PullThresholdForTopic == -1 || PullThresholdForTopic is >= 1 and <= 6553500, "PullThresholdForTopic out of range [1, 6553500]");
        Check(PullThresholdSizeForQueue is >= 1 and <= 1024, "PullThresholdSizeForQueue out of range [1, 1024]");
        Check(PullThresholdSizeForTopic == -1 || PullThresholdSizeForTopic is >= 1 and <= 102400, "PullThresholdSizeForTopic out of range [1, 102400]");
        Check(PullInterval >= TimeSpan.Zero && PullInterval <= TimeSpan.FromMilliseconds(65535), "PullInterval out of range [0, 65535]");
        Check(ConsumeMessageBatchMaxSize is >= 1 and <= 1024, "ConsumeMessageBatchMaxSize out of range [1, 1024]");
        Check(PullBatchSize is >= 1 and <= 1024, "PullBatchSize out of range [1, 1024]");
        Check(ConsumeGoroutineNums is >= 1 and <= 100000, "ConsumeGoroutineNums out of range [1, 100000]");
        Check(ConsumeTimeout > TimeSpan.Zero, "ConsumeTimeout must be positive");
        Check(RebalanceLockInterval > TimeSpan.Zero, "RebalanceLockInterval must be positive");
        Check(ConsumeTPS >= 0, "ConsumeTPS must not be negative");
        ParseConsumeTimestamp(ConsumeTimestamp);
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new MQClientException("option." + message);
        }
    }
}
