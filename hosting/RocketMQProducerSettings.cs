using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// A producer's settings, bound from a configuration section (e.g. <c>RocketMQ:Producer</c> of appsettings.json) and/or
/// set in code. Null keeps Go's default. <see cref="Options"/> adds any option configuration cannot express
/// (interceptors, a queue selector, trace).
/// </summary>
public sealed class RocketMQProducerSettings : RocketMQClientSettings
{
    /// <summary>The whole time a send may take, retries included (Go: <c>WithSendMsgTimeout</c>, 3 s).</summary>
    public TimeSpan? SendMsgTimeout { get; set; }

    /// <summary>Queues of a topic created on first send (Go: <c>WithDefaultTopicQueueNums</c>, 4).</summary>
    public int? DefaultTopicQueueNums { get; set; }

    /// <summary>The topic whose route serves a topic not created yet (Go: <c>WithCreateTopicKey</c>, TBW102).</summary>
    public string? CreateTopicKey { get; set; }

    /// <summary>Bodies larger than this are compressed (Go: <c>WithCompressMsgBodyOverHowmuch</c>, 4096).</summary>
    public int? CompressMsgBodyOverHowmuch { get; set; }

    /// <summary>zlib level (Go: <c>WithCompressLevel</c>, 5).</summary>
    public int? CompressLevel { get; set; }

    /// <summary>Largest body accepted before sending (Java's <c>maxMessageSize</c>, 4 MiB).</summary>
    public int? MaxMessageSize { get; set; }

    /// <summary>Avoid brokers that failed or answered slowly (Go: <c>WithSendLatencyFaultEnable</c>, true).</summary>
    public bool? SendLatencyFaultEnable { get; set; }

    /// <summary>Topics whose routes the health check looks up; empty: the topics this producer has sent to.</summary>
    public List<string> HealthCheckTopics { get; set; } = [];

    /// <summary>Options applied after the bound ones (not bindable: interceptors, selectors, trace, resolvers).</summary>
    public List<ProducerOption> Options { get; } = [];

    /// <summary>The functional options these settings stand for, the host's logger factory first.</summary>
    internal ProducerOption[] ToOptions(ILoggerFactory? loggerFactory)
    {
        var opts = new List<ProducerOption>();
        if (loggerFactory is not null)
        {
            opts.Add(ProducerOptions.WithLoggerFactory(loggerFactory));
        }

        if (NameServerList is { Length: > 0 } nameServers)
        {
            opts.Add(ProducerOptions.WithNameServer(nameServers));
        }

        Add(opts, NameServerDomain, v => ProducerOptions.WithNameServerDomain(v));
        Add(opts, GroupName, v => ProducerOptions.WithGroupName(v));
        Add(opts, Namespace, v => ProducerOptions.WithNamespace(v));
        Add(opts, InstanceName, ProducerOptions.WithInstanceName);
        Add(opts, UnitName, v => ProducerOptions.WithUnitName(v));
        Add(opts, Credentials, v => ProducerOptions.WithCredentials(v));
        Add(opts, RetryTimes, v => ProducerOptions.WithRetry(v));
        Add(opts, VIPChannelEnabled, v => ProducerOptions.WithVIPChannel(v));
        Add(opts, UseTls, v => ProducerOptions.WithTls(v));
        Add(opts, SendMsgTimeout, ProducerOptions.WithSendMsgTimeout);
        Add(opts, DefaultTopicQueueNums, ProducerOptions.WithDefaultTopicQueueNums);
        Add(opts, CreateTopicKey, ProducerOptions.WithCreateTopicKey);
        Add(opts, CompressMsgBodyOverHowmuch, ProducerOptions.WithCompressMsgBodyOverHowmuch);
        Add(opts, CompressLevel, ProducerOptions.WithCompressLevel);
        Add(opts, MaxMessageSize, ProducerOptions.WithMaxMessageSize);
        Add(opts, SendLatencyFaultEnable, ProducerOptions.WithSendLatencyFaultEnable);
        opts.AddRange(Options);
        return [.. opts];
    }

    private static void Add<T>(List<ProducerOption> opts, T? value, Func<T, ProducerOption> option)
        where T : class
    {
        if (value is not null && (value is not string s || s.Length > 0))
        {
            opts.Add(option(value));
        }
    }

    private static void Add<T>(List<ProducerOption> opts, T? value, Func<T, ProducerOption> option)
        where T : struct
    {
        if (value is { } v)
        {
            opts.Add(option(v));
        }
    }
}
