namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What both consumers do around their start and shutdown: the interceptor chain and trace dispatcher they are
/// built with, applying a subscription change while running, one shutdown task however often it is asked for, and
/// the shutdown steps they share (Go: each consumer's <c>Start</c>, <c>Subscribe</c> and <c>Shutdown</c>).
/// </summary>
internal abstract partial class DefaultConsumer : IAsyncDisposable
{
    private readonly Lock _shutdownLock = new();
    private readonly CancellationTokenSource _shutdownHurry = new();
    private Task? _shutdownTask;

    /// <summary>The user's interceptors chained, the trace interceptor first when tracing (Go: <c>WithInterceptor</c>, <c>WithTrace</c>).</summary>
    protected Interceptor? InterceptorChain { get; }

    /// <summary>The trace dispatcher when tracing is on; created and started with the consumer, as Go's <c>WithTrace</c> does.</summary>
    protected ITraceDispatcher? Tracing { get; }

    /// <summary>Starts consuming (Go: <c>Start</c>); see the consumer's <see cref="Start(CancellationToken)"/>.</summary>
    public Task Start() => Start(CancellationToken.None);

    /// <summary>Starts consuming (Go: <c>Start</c>); a failed start releases what it took.</summary>
    /// <param name="cancellationToken">Stops the start (then <see cref="OperationCanceledException"/>).</param>
    public abstract Task Start(CancellationToken cancellationToken);

    /// <summary>
    /// Stops (Go: <c>Shutdown</c>); what it waits for is the consumer's (<see cref="ShutdownCore"/>). Idempotent;
    /// every call returns the same task.
    /// </summary>
    public Task Shutdown() => Shutdown(CancellationToken.None);

    /// <inheritdoc cref="Shutdown()"/>
    /// <param name="cancellationToken">When it fires, the shutdown stops waiting for handlers, offsets and brokers
    /// and releases everything at once; the task still completes normally.</param>
    public Task Shutdown(CancellationToken cancellationToken)
    {
        lock (_shutdownLock)
        {
            _shutdownTask ??= ShutdownCore(_shutdownHurry.Token);
        }

        ShutdownHurry.On(cancellationToken, _shutdownHurry, _shutdownTask);
        return _shutdownTask;
    }

    /// <summary>Same as <see cref="Shutdown()"/>.</summary>
    public async ValueTask DisposeAsync() => await Shutdown().ConfigureAwait(false);

    /// <summary>The one shutdown; <paramref name="hurry"/> fires when a caller stops waiting.</summary>
    protected abstract Task ShutdownCore(CancellationToken hurry);

    /// <summary>
    /// After a subscription change while running: routes, selector checks, a heartbeat and a rebalance at once
    /// (Java sends the heartbeat then; Go waits for the next one, 30 s).
    /// </summary>
    protected async Task AfterSubscriptionChange()
    {
        try
        {
            await LookUpRoutes(StoppingToken).ConfigureAwait(false);
            await CheckSelectors(StoppingToken).ConfigureAwait(false);
            await Client.SendHeartbeatToAllBrokerWithLock(StoppingToken).ConfigureAwait(false);
            await RebalanceIfNotPaused(StoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (Exception e)
        {
            Logger.Log(WhileRunning(LogLevel.Warning), e, "applying a subscription change failed: group={Group}", ConsumerGroup);
        }
    }

    /// <summary>Shutdown: waits for a running rebalance and for the pull loops to end, each within the closing bound.</summary>
    protected async Task StopPulling(ShutdownBudget budget)
    {
        await ShutdownSteps.WaitForRebalance(this, budget.Closing, Logger, budget.Token).ConfigureAwait(false);
        if (!await PullLoops.WaitIdle(budget.Closing, budget.Token).ConfigureAwait(false))
        {
            Logger.LogWarning("{Count} pull loops still running after {Bound}: group={Group}", PullLoops.Count, budget.Closing, ConsumerGroup);
        }
    }

    /// <summary>Shutdown: writes the owned queues' offsets and waits for the brokers' answers, within the budget.</summary>
    protected async Task PersistAtShutdown(ShutdownBudget budget)
    {
        try
        {
            await PersistConsumerOffset(budget.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "persisting offsets at shutdown failed{Bound}: group={Group}", budget.RanOut, ConsumerGroup);
        }
    }

    /// <summary>Shutdown's end: drops the queues, unregisters the group, releases the shared client and closes tracing.</summary>
    protected async Task ReleaseAtShutdown(IRMQClient client, ShutdownBudget budget)
    {
        DropAll();
        client.UnregisterConsumer(ConsumerGroup);
        await client.Shutdown(budget.Token).ConfigureAwait(false);
        await ShutdownSteps.CloseTrace(Tracing, Logger, ConsumerGroup).ConfigureAwait(false);
    }

    private static (Interceptor? Chain, ITraceDispatcher? Tracing) BuildInterceptors(ConsumerOptions options)
    {
        var interceptors = new List<Interceptor>(options.Interceptors);
        ITraceDispatcher? tracing = null;
        if (options.TraceConfig is { } traceConfig)
        {
            // Go: WithTrace creates and starts the dispatcher and puts its interceptor first.
            tracing = new TraceDispatcher(traceConfig, options.LoggerFactory);
            tracing.Start();
            interceptors.Insert(0, TraceInterceptor.Create(tracing));
        }

        return (Interceptors.ChainInterceptors([.. interceptors]), tracing);
    }
}
