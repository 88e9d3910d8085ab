using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The <c>WithX</c> option functions of Go's consumer/option.go. Each checks its argument when called and throws an
/// <see cref="ArgumentException"/> that names the option; Go's Start-time range checks stay in <c>Validate</c>.
/// </summary>
public sealed partial class ConsumerOptions
{
    /// <summary>Sets the group (Go: <c>WithGroupName</c>); an empty name is ignored, as in Go.</summary>
    /// <exception cref="ArgumentException">Null, or not a legal group name.</exception>
    public static ConsumerOption WithGroupName(string group)
    {
        OptionChecks.GroupNameOrEmpty(group);
        return o => o.Client.SetGroupName(group);
    }

    /// <summary>Sets the instance name (Go: <c>WithInstance</c>).</summary>
    /// <exception cref="ArgumentException">Null or blank.</exception>
    public static ConsumerOption WithInstance(string name)
    {
        OptionChecks.NotBlank(name, "instance name");
        return o => o.Client.InstanceName = name;
    }

    /// <summary>Sets the namespace (Go: <c>WithNamespace</c>); null or empty means none.</summary>
    /// <exception cref="ArgumentException">Not a legal namespace.</exception>
    public static ConsumerOption WithNamespace(string ns)
    {
        OptionChecks.NamespaceOrEmpty(ns);
        return o => o.Client.SetNamespace(ns);
    }

    /// <summary>Go: <c>WithVIPChannel</c>.</summary>
    public static ConsumerOption WithVIPChannel(bool enable) => o => o.Client.VIPChannelEnabled = enable;

    /// <summary>Go: <c>WithRetry</c>; consumers don't use it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ConsumerOption WithRetry(int retries)
    {
        OptionChecks.AtLeast(retries, 0, "retry count");
        return o => o.Client.RetryTimes = retries;
    }

    /// <summary>Signs every request with ACL credentials (Go: <c>WithCredentials</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithCredentials(Credentials credentials)
    {
        OptionChecks.NotNull(credentials, "credentials");
        return o => o.Client.Credentials = credentials;
    }

    /// <summary>Sets the resolver of name server addresses (Go: <c>WithNsResolver</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithNsResolver(INsResolver resolver)
    {
        OptionChecks.NotNull(resolver, "name server resolver");
        return o => o.Client.Resolver = resolver;
    }

    /// <summary>Sets fixed name server addresses (Go: <c>WithNameServer</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithNameServer(NamesrvAddr nameServers)
    {
        OptionChecks.NotNull(nameServers, "name server address list");
        return o => o.Client.SetNameServer(nameServers);
    }

    /// <summary>Sets fixed name server addresses, "host:port" each or ';' separated (Go: <c>WithNameServer</c>).</summary>
    /// <exception cref="ArgumentException">Null, empty, or an address that is not host:port or an http(s) URL.</exception>
    public static ConsumerOption WithNameServer(params string[] nameServers) => WithNameServer(OptionChecks.NameServers(nameServers));

    /// <summary>Reads name server addresses from an HTTP address service (Go: <c>WithNameServerDomain</c>).</summary>
    /// <exception cref="ArgumentException">Not an http or https URL.</exception>
    public static ConsumerOption WithNameServerDomain(string nameServerUrl)
    {
        OptionChecks.HttpUrl(nameServerUrl, "name server domain");
        return o => o.Client.SetNameServerDomain(nameServerUrl);
    }

    /// <summary>Sets the unit name, and targets an HTTP resolver at that unit (Go: <c>WithUnitName</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithUnitName(string unitName)
    {
        OptionChecks.NotNull(unitName, "unit name");
        return o => o.Client.SetUnitName(unitName);
    }

    /// <summary>Sets Go's three transport timeouts (Go: <c>WithRemotingTimeout</c>); only the connection timeout is used.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The connection timeout is not positive, or another is negative.</exception>
    public static ConsumerOption WithRemotingTimeout(TimeSpan connectionTimeout, TimeSpan readTimeout, TimeSpan writeTimeout)
    {
        OptionChecks.RemotingTimeouts(connectionTimeout, readTimeout, writeTimeout);
        return o =>
        {
            o.Client.SetConnectionTimeout(connectionTimeout);
            o.ReadTimeout = readTimeout;
            o.WriteTimeout = writeTimeout;
        };
    }

    /// <summary>Wraps connections in TLS (Go: <c>WithTls</c>); unlike Go, the server certificate is verified.</summary>
    public static ConsumerOption WithTls(bool useTls) => o => o.Client.SetTls(useTls);

    /// <summary>Adjusts any transport setting (TLS details, serialize type, ...); .NET addition.</summary>
    public static ConsumerOption WithRemotingOptions(Action<RemotingClientOptions> configure)
    {
        OptionChecks.NotNull(configure, "configure action");
        return o => o.Client.ConfigureRemoting(configure);
    }

    /// <summary>Logs through <paramref name="loggerFactory"/> (Go: rlog); null logs nothing; .NET addition.</summary>
    public static ConsumerOption WithLoggerFactory(ILoggerFactory loggerFactory) => o => o.Client.SetLoggerFactory(loggerFactory);

    /// <summary>Clustering or broadcasting (Go: <c>WithConsumerModel</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a <see cref="MessageModel"/> value.</exception>
    public static ConsumerOption WithConsumerModel(MessageModel model)
    {
        OptionChecks.Defined(model, "message model");
        return o => o.ConsumerModel = model;
    }

    /// <summary>Where a new group starts (Go: <c>WithConsumeFromWhere</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a <see cref="ConsumeFromWhere"/> value.</exception>
    public static ConsumerOption WithConsumeFromWhere(ConsumeFromWhere where)
    {
        OptionChecks.Defined(where, "start position");
        return o => o.FromWhere = where;
    }

    /// <summary>Start time for <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/>, local time yyyyMMddHHmmss (Go: <c>WithConsumeTimestamp</c>).</summary>
    /// <exception cref="ArgumentException">Not in that format.</exception>
    public static ConsumerOption WithConsumeTimestamp(string consumeTimestamp)
    {
        OptionChecks.NotNull(consumeTimestamp, "consume timestamp");
        OptionChecks.Require(TryParseConsumeTimestamp(consumeTimestamp, out _),
            $"consume timestamp must be local time as yyyyMMddHHmmss (e.g. 20240131235959), got '{consumeTimestamp}'", nameof(consumeTimestamp), nameof(WithConsumeTimestamp));
        return o => o.ConsumeTimestamp = consumeTimestamp;
    }

    /// <summary>Start time for <see cref="ConsumeFromWhere.ConsumeFromTimestamp"/> (.NET overload).</summary>
    public static ConsumerOption WithConsumeTimestamp(DateTimeOffset consumeTimestamp)
        => WithConsumeTimestamp(consumeTimestamp.ToLocalTime().ToString(ConsumeTimestampFormat, CultureInfo.InvariantCulture));

    /// <summary>Orderly consumption (Go: <c>WithConsumerOrder</c>).</summary>
    public static ConsumerOption WithConsumerOrder(bool order) => o => o.ConsumeOrderly = order;

    /// <summary>Sets the allocation strategy (Go: <c>WithStrategy</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithStrategy(AllocateStrategy strategy)
    {
        OptionChecks.NotNull(strategy, "allocation strategy");
        return o => o.Strategy = strategy;
    }

    /// <summary>Most messages per handler call (Go: <c>WithConsumeMessageBatchMaxSize</c>); 0 keeps the default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithConsumeMessageBatchMaxSize(int size)
    {
        OptionChecks.BetweenOrZero(size, 1, 1024, 1, "consume batch size");
        return o => o.ConsumeMessageBatchMaxSize = size == 0 ? 1 : size;
    }

    /// <summary>Most messages per pull (Go: <c>WithPullBatchSize</c>); 0 keeps the default 32.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithPullBatchSize(int batchSize)
    {
        OptionChecks.BetweenOrZero(batchSize, 1, 1024, 32, "pull batch size");
        return o => o.PullBatchSize = batchSize == 0 ? 32 : batchSize;
    }

    /// <summary>Pause between two pulls of a queue (Go: <c>WithPullInterval</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [0, 65535 ms].</exception>
    public static ConsumerOption WithPullInterval(TimeSpan interval)
    {
        OptionChecks.Between(interval, TimeSpan.Zero, TimeSpan.FromMilliseconds(65535), "pull interval");
        return o => o.PullInterval = interval;
    }

    /// <summary>Concurrent mode's largest offset span per queue (Go: <c>WithConsumeConcurrentlyMaxSpan</c>); 0 keeps the default 1000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 65535].</exception>
    public static ConsumerOption WithConsumeConcurrentlyMaxSpan(int span)
    {
        OptionChecks.BetweenOrZero(span, 1, 65535, 1000, "offset span");
        return o => o.ConsumeConcurrentlyMaxSpan = span == 0 ? 1000 : span;
    }

    /// <summary>Most cached messages per queue (Go: <c>WithPullThresholdForQueue</c>); 0 keeps the default 1024.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 65535].</exception>
    public static ConsumerOption WithPullThresholdForQueue(long threshold)
    {
        OptionChecks.BetweenOrZero(threshold, 1, 65535, 1024, "cached message count per queue");
        return o => o.PullThresholdForQueue = threshold == 0 ? 1024 : threshold;
    }

    /// <summary>Most cached body MiB per queue (Go: <c>WithPullThresholdSizeForQueue</c>); 0 keeps the default 512.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 1024].</exception>
    public static ConsumerOption WithPullThresholdSizeForQueue(int mib)
    {
        OptionChecks.BetweenOrZero(mib, 1, 1024, 512, "cached MiB per queue");
        return o => o.PullThresholdSizeForQueue = mib == 0 ? 512 : mib;
    }

    /// <summary>Most cached messages per topic, -1 for no limit (Go: <c>WithPullThresholdForTopic</c>); 0 keeps the default 102400.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not -1, 0 or in [1, 6553500].</exception>
    public static ConsumerOption WithPullThresholdForTopic(int threshold)
    {
        OptionChecks.Require(threshold is >= -1 and <= 6553500,
            $"cached message count per topic must be in [1, 6553500], -1 for no limit or 0 for the default 102400, got {threshold}", nameof(threshold), nameof(WithPullThresholdForTopic));
        return o => o.PullThresholdForTopic = threshold == 0 ? 102400 : threshold;
    }

    /// <summary>Most cached body MiB per topic, -1 for no limit (Go: <c>WithPullThresholdSizeForTopic</c>); 0 keeps the default 51200.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not -1, 0 or in [1, 102400].</exception>
    public static ConsumerOption WithPullThresholdSizeForTopic(int mib)
    {
        OptionChecks.Require(mib is >= -1 and <= 102400,
            $"cached MiB per topic must be in [1, 102400], -1 for no limit or 0 for the default 51200, got {mib}", nameof(mib), nameof(WithPullThresholdSizeForTopic));
        return o => o.PullThresholdSizeForTopic = mib == 0 ? 51200 : mib;
    }

    /// <summary>Caps the consume rate (Go: <c>WithConsumeTPS</c>); 0 for no cap.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static ConsumerOption WithConsumeTPS(int tps)
    {
        OptionChecks.AtLeast(tps, 0, "messages per second");
        return o => o.ConsumeTPS = tps;
    }

    /// <summary>Deliveries before the dead-letter queue (Go: <c>WithMaxReconsumeTimes</c>); -1 for the default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than -1.</exception>
    public static ConsumerOption WithMaxReconsumeTimes(int times)
    {
        OptionChecks.AtLeast(times, -1, "redelivery count");
        return o => o.MaxReconsumeTimes = times;
    }

    /// <summary>Orderly suspend time after a failure (Go: <c>WithSuspendCurrentQueueTimeMillis</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or beyond the longest timer.</exception>
    public static ConsumerOption WithSuspendCurrentQueueTimeMillis(TimeSpan suspend)
    {
        OptionChecks.Between(suspend, TimeSpan.Zero, OptionChecks.MaxTimeout, "suspend time");
        return o => o.SuspendCurrentQueueTime = suspend;
    }

    /// <summary>Concurrent mode's consume timeout (Go: <c>WithConsumeTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithConsumeTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "consume timeout");
        return o => o.ConsumeTimeout = timeout;
    }

    /// <summary>Orderly lock renewal period (Go: <c>WithRebalanceLockInterval</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithRebalanceLockInterval(TimeSpan interval)
    {
        OptionChecks.Positive(interval, "lock renewal interval");
        return o => o.RebalanceLockInterval = interval;
    }

    /// <summary>Orderly push and pull consumer auto commit (Go: <c>WithAutoCommit</c>).</summary>
    public static ConsumerOption WithAutoCommit(bool auto) => o => o.AutoCommit = auto;

    /// <summary>Handler workers (Go: <c>WithConsumeGoroutineNums</c>); 0 keeps the default 20.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 and not in [1, 100000].</exception>
    public static ConsumerOption WithConsumeGoroutineNums(int nums)
    {
        OptionChecks.BetweenOrZero(nums, 1, 100000, 20, "handler worker count");
        return o => o.ConsumeGoroutineNums = nums == 0 ? 20 : nums;
    }

    /// <summary>Adds interceptors after those already set (Go: <c>WithInterceptor</c>).</summary>
    /// <exception cref="ArgumentNullException">The array or one of its interceptors is null.</exception>
    public static ConsumerOption WithInterceptor(params Interceptor[] interceptors)
    {
        Interceptor[] copy = [.. OptionChecks.NoNulls(interceptors, "interceptor")];
        return o => o.Client.Interceptors.AddRange(copy);
    }

    /// <summary>Traces consumption to the trace topic (Go: <c>WithTrace</c>); the trace interceptor goes first.</summary>
    /// <exception cref="ArgumentException">Null, or naming no name server.</exception>
    public static ConsumerOption WithTrace(TraceConfig traceConfig)
    {
        OptionChecks.TraceConfig(traceConfig);
        return o => o.TraceConfig = traceConfig;
    }

    /// <summary>Sets the message filter hooks (Go: <c>WithFilterMessageHook</c>).</summary>
    /// <exception cref="ArgumentNullException">The array or one of its hooks is null.</exception>
    public static ConsumerOption WithFilterMessageHook(params FilterMessageHook[] hooks)
    {
        FilterMessageHook[] copy = [.. OptionChecks.NoNulls(hooks, "filter hook")];
        return o => o.FilterMessageHooks = copy;
    }

    /// <summary>Sets the limiter waited on before each handler call (Go: <c>WithLimiter</c>).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static ConsumerOption WithLimiter(Limiter limiter)
    {
        OptionChecks.NotNull(limiter, "limiter");
        return o => o.Limiter = limiter;
    }

    /// <summary>Sets the pull RPC timeout (Go: <c>WithConsumerPullTimeout</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithConsumerPullTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "pull timeout");
        return o => o.ConsumerPullTimeout = timeout;
    }

    /// <summary>Bounds <c>Start</c> (<see cref="ConsumerOptions.StartTimeout"/>, .NET addition).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or beyond the longest timer.</exception>
    public static ConsumerOption WithStartTimeout(TimeSpan timeout)
    {
        OptionChecks.Positive(timeout, "start timeout");
        return o => o.StartTimeout = timeout;
    }

    /// <summary>How long <c>Shutdown</c> waits for running handlers (.NET addition); 0 cancels them at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or beyond the longest timer.</exception>
    public static ConsumerOption WithShutdownTimeout(TimeSpan timeout)
    {
        OptionChecks.Between(timeout, TimeSpan.Zero, OptionChecks.MaxTimeout, "shutdown timeout");
        return o => o.ShutdownTimeout = timeout;
    }

    /// <summary>Base directory of broadcasting offset files (.NET addition).</summary>
    /// <exception cref="ArgumentException">Null, blank, or not a valid path.</exception>
    public static ConsumerOption WithLocalOffsetStoreDir(string directory)
    {
        OptionChecks.NotBlank(directory, "offset store directory");
        OptionChecks.Require(directory.IndexOfAny(Path.GetInvalidPathChars()) < 0,
            $"offset store directory '{directory}' contains characters not allowed in a path", nameof(directory), nameof(WithLocalOffsetStoreDir));
        return o => o.LocalOffsetStoreDir = directory;
    }
}
