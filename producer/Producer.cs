using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer.Latency;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Go's <c>defaultProducer</c> (producer.go): sends messages synchronously, asynchronously (with a callback or
/// awaited), one-way, as batches and as request-reply calls, through the shared client of its client id.
/// Create it with <see cref="NewDefaultProducer"/>, then <see cref="Start()"/>; <see cref="Shutdown()"/> (or dispose)
/// when done. Thread-safe.
/// </summary>
internal sealed partial class DefaultProducer : IInnerProducer, IAsyncDisposable
{
    private const int StateCreated = 0;
    private const int StateRunning = 1;
    private const int StateShutdown = 2;
    private const int StateStarting = 3;

    private readonly ConcurrentDictionary<string, TopicPublishInfo> _publishInfo = new(StringComparer.Ordinal);
    private readonly Func<ClientOptions, IRMQClient> _clientFactory;
    private Interceptor? _interceptor;
    private ITraceDispatcher? _traceDispatcher;
    private readonly ResiliencePipeline _retryPipeline;
    private readonly ILogger _logger;
    private IRMQClient? _client;
    private int _state;

    private DefaultProducer(ProducerOptions options, Func<ClientOptions, IRMQClient>? clientFactory, Func<long>? clock)
    {
        Options = options;
        Group = options.GroupName;
        _logger = options.LoggerFactory.CreateLogger<DefaultProducer>();
        _clientFactory = clientFactory ?? RMQClientFactory.GetOrNewRocketMQClient;
        FaultStrategy = new MQFaultStrategy(options.SendLatencyFaultEnable, _logger, clock);
        _retryPipeline = SendRetry.BuildPipeline(options.RetryTimes, _logger);
    }

    /// <summary>The settings this producer was built with.</summary>
    public ProducerOptions Options { get; }

    /// <summary>The producer group.</summary>
    public string Group { get; }

    /// <summary>True between <see cref="Start()"/> and <see cref="Shutdown()"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == StateRunning;

    /// <summary>The latency fault records (Java's MQFaultStrategy), for tests.</summary>
    internal MQFaultStrategy FaultStrategy { get; }

    /// <summary>Handles the broker's CHECK_TRANSACTION_STATE; set by <see cref="TransactionProducer"/>.</summary>
    internal Action<string, MessageExt, CheckTransactionStateRequestHeader>? TransactionChecker { get; set; }

    /// <summary>The shared client once started.</summary>
    internal IRMQClient Client => _client ?? throw ClientErrors.Create(ClientErrors.ErrNotRunning);

    /// <summary>
    /// Creates a producer with Go's defaults and <paramref name="opts"/> applied in order (Go:
    /// <c>NewDefaultProducer</c>). Nothing touches the network before <see cref="Start()"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The group name is invalid.</exception>
    internal static DefaultProducer NewDefaultProducer(params ProducerOption[] opts) => Create(ProducerOptions.Build(opts), null, null);

    /// <summary>The constructor with seams for tests (a fake client, a fake clock).</summary>
    internal static DefaultProducer Create(ProducerOptions options, Func<ClientOptions, IRMQClient>? clientFactory, Func<long>? clock)
    {
        Validation.CheckGroup(options.GroupName, nameof(ProducerOptions.GroupName));
        return new DefaultProducer(options, clientFactory, clock);
    }

    /// <summary>
    /// Registers the group on the shared client and starts it (Go: <c>Start</c>). Only the first call does
    /// anything; a producer cannot start again after <see cref="Shutdown()"/>.
    /// </summary>
    /// <exception cref="MQClientException">The group is already registered in this client id
    /// (<see cref="ClientErrors.ErrProducerCreated"/>), or the producer was shut down.</exception>
    public Task Start() => Start(CancellationToken.None);

    /// <inheritdoc cref="Start()"/>
    /// <param name="cancellationToken">Checked before anything is done. Start opens no connection (routes are read
    /// at the first send, within its send timeout), so it has nothing to wait for and no start timeout.</param>
    public Task Start(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = Interlocked.CompareExchange(ref _state, StateStarting, StateCreated);
        if (state is StateRunning or StateStarting)
        {
            return Task.CompletedTask;
        }

        if (state == StateShutdown)
        {
            throw ClientErrors.Create(ClientErrors.ErrService, "the producer has been shut down; create a new one");
        }

        try
        {
            _interceptor = BuildInterceptors();
            var client = _clientFactory(Options.Client.Clone());
            client.RegisterProducer(Group, this);

            client.Start();
            _client = client;
            Volatile.Write(ref _state, StateRunning);
            _logger.LogInformation("producer {Group} started on client {ClientId}", Group, client.ClientID());
            return Task.CompletedTask;
        }
        catch
        {
            _ = CloseTrace();
            Volatile.Write(ref _state, StateCreated);
            throw;
        }
    }

    /// <summary>
    /// Stops the producer (Go: <c>Shutdown</c>): later sends fail with <see cref="ClientErrors.ErrNotRunning"/>, the
    /// group leaves the shared client and the client stops when this was its last user; within
    /// <see cref="ProducerOptions.ShutdownTimeout"/>, a step that runs out of time logged with what it waited for.
    /// Idempotent.
    /// </summary>
    public Task Shutdown() => Shutdown(CancellationToken.None);

    /// <inheritdoc cref="Shutdown()"/>
    /// <param name="cancellationToken">When it fires, the shutdown stops waiting (for transaction check answers,
    /// queued trace records, brokers' answers) and releases everything at once; the task still completes normally.</param>
    public async Task Shutdown(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, StateShutdown) != StateRunning)
        {
            return;
        }

        var client = _client!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Options.ShutdownTimeout);

        // Check-back answers still running write EndTransaction trace records: the dispatcher closes after them.
        await WaitForTransactionChecks(bound.Token).ConfigureAwait(false);
        await CloseTrace(bound.Token).ConfigureAwait(false);
        client.UnregisterProducer(Group);
        await client.Shutdown(bound.Token).ConfigureAwait(false);
        _publishInfo.Clear();
        _logger.LogInformation("producer {Group} shut down", Group);
    }

    /// <summary>Same as <see cref="Shutdown()"/>.</summary>
    public async ValueTask DisposeAsync() => await Shutdown().ConfigureAwait(false);

    /// <summary>The cached publish info of <paramref name="topic"/>, or null; for tests and diagnostics.</summary>
    internal TopicPublishInfo? PublishInfoOf(string topic) => _publishInfo.TryGetValue(topic, out var info) ? info : null;

    /// <summary>Topics this producer has a route for (Go: <c>PublishTopicList</c>).</summary>
    public IReadOnlyList<string> PublishTopicList() => [.. _publishInfo.Keys];

    /// <inheritdoc cref="IInnerProducer.UpdateTopicPublishInfo"/>
    void IInnerProducer.UpdateTopicPublishInfo(string topic, TopicPublishInfo info)
    {
        if (string.IsNullOrEmpty(topic) || info is null)
        {
            return;
        }

        if (_publishInfo.TryGetValue(topic, out var old))
        {
            // A broker back in the route has registered with the name servers again: its fault isolation ends now,
            // not when its backoff runs out.
            var known = old.MqList.Select(q => q.BrokerName).ToHashSet(StringComparer.Ordinal);
            foreach (var broker in info.MqList.Select(q => q.BrokerName).Distinct(StringComparer.Ordinal))
            {
                if (!known.Contains(broker))
                {
                    FaultStrategy.Tolerance.Remove(broker);
                }
            }
        }

        _publishInfo[topic] = info;
    }

    /// <inheritdoc cref="IInnerProducer.IsPublishTopicNeedUpdate"/>
    bool IInnerProducer.IsPublishTopicNeedUpdate(string topic)
        => !_publishInfo.TryGetValue(topic, out var info) || info.MqList.Count == 0;

    /// <inheritdoc cref="IInnerProducer.IsUnitMode"/>
    bool IInnerProducer.IsUnitMode() => Options.Client.UnitMode;

    /// <inheritdoc cref="IInnerProducer.CheckTransactionState"/>
    void IInnerProducer.CheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
    {
        var checker = TransactionChecker;
        if (checker is null)
        {
            _logger.LogWarning("broker {Broker} asked producer {Group} for a transaction state, but it is not a transaction producer", brokerAddr, Group);
            return;
        }

        checker(brokerAddr, msg, header);
    }

    /// <summary>The trace dispatcher while running with <see cref="CommonOptions.WithTrace"/>; null otherwise.</summary>
    internal ITraceDispatcher? TraceDispatcher => Volatile.Read(ref _traceDispatcher);

    /// <summary>Waits (bounded) for transaction check answers in progress; the transaction producer sets it.</summary>
    internal Func<CancellationToken, Task>? TransactionChecksDrain { get; set; }

    /// <summary>The user's interceptors, behind the trace interceptor when tracing is on (Go: <c>WithTrace</c> puts it first).</summary>
    private Interceptor? BuildInterceptors()
    {
        var interceptors = new List<Interceptor>(Options.Interceptors);
        if (Options.TraceConfig is { } traceConfig)
        {
            var dispatcher = new TraceDispatcher(traceConfig, Options.LoggerFactory, Options.Client.Intervals);
            dispatcher.Start();
            _traceDispatcher = dispatcher;
            interceptors.Insert(0, TraceInterceptor.Create(dispatcher));
        }

        return Interceptors.ChainInterceptors([.. interceptors]);
    }

    private async Task CloseTrace(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _traceDispatcher, null) is { } dispatcher)
        {
            var closing = dispatcher.Close();
            try
            {
                await closing.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _ = closing.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _logger.LogWarning("producer {Group} stopped waiting for its trace dispatcher to send the queued trace records: the shutdown bound ran out", Group);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "closing the trace dispatcher of producer {Group} failed", Group);
            }
        }
    }

    private Task WaitForTransactionChecks(CancellationToken cancellationToken) => TransactionChecksDrain?.Invoke(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Throws Go's <c>ErrNotRunning</c> unless started and not shut down.</summary>
    private void CheckRunning()
    {
        if (Volatile.Read(ref _state) != StateRunning)
        {
            throw ClientErrors.Create(ClientErrors.ErrNotRunning);
        }
    }
}
