using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Sends trace records to the trace topic (Go: trace.go <c>TraceDispatcher</c>).</summary>
internal interface ITraceDispatcher
{
    /// <summary>Go: <c>GetTraceTopicName</c>.</summary>
    string GetTraceTopicName();

    /// <summary>Starts the client and the dispatch loop (Go: <c>Start</c>).</summary>
    void Start();

    /// <summary>Queues a record; false when closed or the buffer is full (the record is dropped and counted) (Go: <c>Append</c>).</summary>
    bool Append(TraceContext ctx);

    /// <summary>Sends what is queued, then stops (Go: <c>Close</c>, which drops the queue after a 500 ms spin).</summary>
    Task Close();
}

/// <summary>
/// The trace dispatcher (Go: <c>traceDispatcher</c>): a bounded channel of trace contexts drained by one loop
/// that batches up to 100 records (or whatever arrived when the input pauses for 5 ms), groups them by topic and
/// region, and sends messages of at most ~118 KB to the trace topic through its own shared client.
/// </summary>
internal sealed class TraceDispatcher : ITraceDispatcher
{
    /// <summary>Go: <c>RmqSysTraceTopic</c>.</summary>
    public const string RmqSysTraceTopic = Constants.TraceTopic;

    /// <summary>Go: <c>TraceTopicPrefix</c>, for cloud access.</summary>
    public const string TraceTopicPrefix = Constants.SystemTopicPrefix + "TRACE_DATA_";

    /// <summary>Go: <c>TraceGroupName</c>.</summary>
    public const string TraceGroupName = "_INNER_TRACE_PRODUCER";

    /// <summary>Go: <c>batchSize</c>.</summary>
    public const int BatchSize = 100;

    /// <summary>Go: <c>maxMsgSize</c>: a trace message is sent once its text passes this.</summary>
    public const int MaxMsgSize = 128000 - (10 * 1000);

    private const int InputCapacity = 1024;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<TraceContext> _input = Channel.CreateBounded<TraceContext>(new BoundedChannelOptions(InputCapacity));
    private readonly IRMQClient _client;
    private readonly string _traceTopic;
    private readonly AccessChannel _access;
    private readonly ILogger _logger;
    private readonly TraceProducer? _producer;
    private Task _loop = Task.CompletedTask;
    private volatile bool _running;
    private long _discardCount;
    private int _rrIndex;

    /// <summary>Go: <c>NewTraceDispatcher</c>; throws <see cref="MQClientException"/> when no name server is configured (Go panics).</summary>
    public TraceDispatcher(TraceConfig config, ILoggerFactory? loggerFactory = null, ClientIntervals? intervals = null)
    {
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<TraceDispatcher>();
        _access = config.Access;
        _traceTopic = config.Access == AccessChannel.Cloud
            ? TraceTopicPrefix + config.TraceTopic
            : string.IsNullOrEmpty(config.TraceTopic) ? RmqSysTraceTopic : config.TraceTopic;
        if (config.NamesrvAddrs.Count == 0 && config.Resolver is null)
        {
            throw ClientErrors.Create(ClientErrors.ErrNoNameserver, "no NamesrvAddrs or Resolver configured for tracing");
        }

        var options = new ClientOptions
        {
            GroupName = config.GroupName,
            NameServerAddrs = config.NamesrvAddrs,
            Resolver = config.Resolver,
            InstanceName = TraceInstanceName(config.NamesrvAddrs),
            RetryTimes = 0,
            Credentials = config.Credentials,
            LoggerFactory = factory,
            Intervals = intervals ?? new ClientIntervals(),
        };
        _client = RMQClientFactory.GetOrNewRocketMQClient(options);

        // Registered so the route loop keeps the trace topic's route fresh and brokers see the trace producer.
        var producer = new TraceProducer(_traceTopic);
        try
        {
            _client.RegisterProducer(TraceGroupName + "-" + config.GroupName, producer);
            _producer = producer;
        }
        catch (MQClientException)
        {
            // Another dispatcher of the same group shares the client and its registration.
        }

        ProducerGroupKey = TraceGroupName + "-" + config.GroupName;
    }

    /// <summary>
    /// The trace client's instance name: Go's <c>INNER_TRACE_CLIENT_DEFAULT</c>, suffixed with the name servers as Java's
    /// AsyncTraceDispatcher does, so tracing producers and consumers of one process that talk to different clusters
    /// get distinct trace clients instead of a "different namesrv option in the same instance" error.
    /// </summary>
    internal static string TraceInstanceName(IReadOnlyList<string> namesrvAddrs)
        => namesrvAddrs.Count == 0 ? "INNER_TRACE_CLIENT_DEFAULT" : "INNER_TRACE_CLIENT_DEFAULT_" + string.Join(';', namesrvAddrs.Order(StringComparer.Ordinal));

    /// <summary>Records dropped because the buffer was full or the dispatcher closed.</summary>
    public long DiscardCount => Interlocked.Read(ref _discardCount);

    /// <summary>The client the traces go through.</summary>
    internal IRMQClient Client => _client;

    private string ProducerGroupKey { get; }

    /// <inheritdoc />
    public string GetTraceTopicName() => _traceTopic;

    /// <inheritdoc />
    public void Start()
    {
        _client.Start();
        _running = true;
        _loop = Task.Run(ProcessAsync);
    }

    /// <inheritdoc />
    public bool Append(TraceContext ctx)
    {
        if (!_running)
        {
            _logger.LogError("trace dispatcher is closed; trace dropped");
            return false;
        }

        if (_input.Writer.TryWrite(ctx))
        {
            return true;
        }

        _logger.LogWarning("trace buffer full; {DiscardCount} traces dropped so far", Interlocked.Increment(ref _discardCount));
        return false;
    }

    /// <inheritdoc />
    public async Task Close()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        _input.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(SendTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("trace dispatcher did not drain within {Timeout}", SendTimeout);
        }

        if (_producer is not null)
        {
            _client.UnregisterProducer(ProducerGroupKey);
        }

        await _client.Shutdown().ConfigureAwait(false);
    }

    private async Task ProcessAsync()
    {
        var reader = _input.Reader;
        var batch = new List<TraceContext>(BatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < BatchSize)
            {
                if (reader.TryRead(out var ctx))
                {
                    batch.Add(ctx);
                    continue;
                }

                // Input paused: send what we have unless more arrives within MaxWait (Go's 5 ms ticker).
                var more = reader.WaitToReadAsync().AsTask();
                if (await Task.WhenAny(more, Task.Delay(MaxWait)).ConfigureAwait(false) != more || !await more.ConfigureAwait(false))
                {
                    break;
                }
            }

            try
            {
                await BatchCommit(batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "sending {Count} traces failed", batch.Count);
            }

            batch.Clear();
        }
    }

    /// <summary>Groups the records by topic and region and flushes each group (Go: <c>batchCommit</c>).</summary>
    internal async Task BatchCommit(List<TraceContext> contexts)
    {
        var keyed = new Dictionary<(string Topic, string Region), List<TraceTransferBean>>();
        foreach (var ctx in contexts)
        {
            // Go returns here, dropping the rest of the batch; an empty record is skipped instead.
            if (ctx.TraceBeans.Count == 0)
            {
                continue;
            }

            var key = (ctx.TraceBeans[0].Topic, ctx.RegionId);
            if (!keyed.TryGetValue(key, out var beans))
            {
                keyed[key] = beans = [];
            }

            beans.Add(TraceEncoder.Encode(ctx));
        }

        foreach (var ((_, region), beans) in keyed)
        {
            await Flush(region, beans).ConfigureAwait(false);
        }
    }

    private async Task Flush(string regionId, List<TraceTransferBean> data)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var bean in data)
        {
            keys.UnionWith(bean.TransKeys);
            builder.Append(bean.TransData);
            if (builder.Length > MaxMsgSize)
            {
                await SendTraceDataByMQ(keys, regionId, builder.ToString()).ConfigureAwait(false);
                builder.Clear();
                keys.Clear();
            }
        }

        if (builder.Length > 0)
        {
            await SendTraceDataByMQ(keys, regionId, builder.ToString()).ConfigureAwait(false);
        }
    }

    private async Task SendTraceDataByMQ(HashSet<string> keys, string regionId, string data)
    {
        var topic = _access == AccessChannel.Cloud ? _traceTopic + regionId : _traceTopic;
        var queues = await _client.GetNameSrv().FetchPublishMessageQueues(topic).ConfigureAwait(false);
        if (queues.Count == 0)
        {
            _logger.LogWarning("no queue to send traces to on topic {Topic}", topic);
            return;
        }

        var mq = queues[(int)((uint)Interlocked.Increment(ref _rrIndex) % (uint)queues.Count)];
        var addr = _client.GetNameSrv().FindBrokerAddrByName(mq.BrokerName);
        if (addr is null)
        {
            _logger.LogWarning("no master address of broker {Broker} for traces", mq.BrokerName);
            return;
        }

        var msg = new Message(topic, Encoding.UTF8.GetBytes(data)).WithKeys(keys);
        MessageClientId.SetUniqId(msg);
        var header = new SendMessageRequestHeader
        {
            ProducerGroup = TraceGroupName,
            Topic = mq.Topic,
            QueueId = mq.QueueId,
            BornTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Flag = msg.Flag,
            Properties = msg.MarshallProperties(),
            BrokerName = mq.BrokerName,
        };
        var request = CommandHeaders.CreateRequest(RequestCode.SEND_MESSAGE, header, msg.Body);

        // Awaiting keeps at most one trace message in flight per dispatcher, bounding memory under a slow broker.
        try
        {
            var response = await _client.InvokeSync(addr, request, SendTimeout).ConfigureAwait(false);
            var result = new SendResult();
            _client.ProcessSendResponse(mq.BrokerName, response, result, [msg], mq);
            _logger.LogDebug("send trace data succeeded: {Result}", result);
        }
        catch (Exception e)
        {
            _logger.LogInformation("send trace data to {Topic} failed: {Reason}", topic, e.Message);
        }
    }

    /// <summary>The trace producer as the client sees it: publishes only the trace topic.</summary>
    private sealed class TraceProducer(string topic) : IInnerProducer
    {
        private readonly string[] _topics = [topic];
        private volatile TopicPublishInfo? _info;

        public IReadOnlyList<string> PublishTopicList() => _topics;

        public void UpdateTopicPublishInfo(string t, TopicPublishInfo info)
        {
            if (t == _topics[0])
            {
                _info = info;
            }
        }

        public bool IsPublishTopicNeedUpdate(string t) => t == _topics[0] && _info is not { IsOK: true };

        public bool IsUnitMode() => false;

        public void CheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
        {
        }
    }
}
