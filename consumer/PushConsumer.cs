namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The push consumer (Go: push_consumer.go <c>pushConsumer</c>): subscribe handlers, then <see cref="DefaultConsumer.Start()"/>.
/// Inside, Go's goroutines and channels become task loops joined by bounded channels: the rebalance writes newly
/// owned queues to a <see cref="PullRequest"/> channel; one pull loop per queue long-polls its broker, caches what it
/// gets in the queue's <see cref="ProcessQueue"/> and writes <see cref="ConsumeBatch"/>es to a bounded channel;
/// <see cref="ConsumerOptions.ConsumeGoroutineNums"/> workers run the handlers and advance the offsets. Thread-safe.
/// </summary>
internal sealed partial class PushConsumer : DefaultConsumer
{
    private readonly ConcurrentDictionary<string, ConsumeHandler> _consumeFunc = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _subscribedTopic = new(StringComparer.Ordinal);
    private readonly QueueLock _queueLock = new();
    private readonly CancellationTokenSource _handlerCancellation = new();
    private readonly Channel<ConsumeBatch> _consumeRequests;
    private Task[] _workers = [];
    private Task _background = Task.CompletedTask;
    private bool _registered;

    private PushConsumer(ConsumerOptions options)
        : base(options, ConsumePassively, options.LoggerFactory.CreateLogger<PushConsumer>())
    {
        _consumeRequests = Channel.CreateBounded<ConsumeBatch>(new BoundedChannelOptions(Math.Max(1024, options.ConsumeGoroutineNums * 16))
        {
            SingleWriter = false,
            SingleReader = false,
        });
    }

    /// <summary>Creates a push consumer with Go's defaults and <paramref name="opts"/> (Go: <c>consumer.NewPushConsumer</c>).</summary>
    /// <exception cref="MQClientException">An option is invalid.</exception>
    internal static PushConsumer NewPushConsumer(params ConsumerOption[] opts) => new(ConsumerOptions.Build(opts));

    /// <summary>
    /// Subscribes <paramref name="topic"/> with an async handler (Go: <c>Subscribe</c>). Before or after
    /// <see cref="DefaultConsumer.Start()"/>. The handler gets the consume context (<see cref="CallContext.ConcurrentlyCtx"/> or
    /// <see cref="CallContext.OrderlyCtx"/>, and the shutdown cancellation) and up to
    /// <see cref="ConsumerOptions.ConsumeMessageBatchMaxSize"/> messages; a thrown exception counts as
    /// <see cref="ConsumeResult.ConsumeRetryLater"/>.
    /// </summary>
    /// <exception cref="MQClientException">The consumer failed to start or is shut down (<see cref="ClientErrors.ErrStartTopic"/>), or the SQL92 expression is empty.</exception>
    /// <remarks>Preferred over the synchronous overload when a lambda fits both (one that only throws).</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        SubscribeCore(topic, selector, new ConsumeHandler(handler));
    }

    /// <summary>Subscribes <paramref name="topic"/> with a synchronous handler (Go: <c>Subscribe</c>).</summary>
    /// <exception cref="MQClientException">As the async overload.</exception>
    public void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, ConsumeResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        SubscribeCore(topic, selector, new ConsumeHandler((ctx, msgs) => Completed(handler(ctx, msgs))));
    }

    /// <summary>Stops consuming <paramref name="topic"/>; its queues are released by the next rebalance (Go: <c>Unsubscribe</c>).</summary>
    public void Unsubscribe(string topic)
    {
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        SubscriptionDataTable.TryRemove(topic, out _);
        _subscribedTopic.TryRemove(topic, out _);
        if (IsRunning)
        {
            _ = AfterSubscriptionChange();
        }
    }

    /// <summary>Pauses pulling; rebalances are skipped until <see cref="Resume"/> (Go: <c>Suspend</c>).</summary>
    public void Suspend()
    {
        Paused = true;
        Logger.LogInformation("suspend consumer: {Group}", ConsumerGroup);
    }

    /// <summary>Resumes pulling and rebalances at once (Go: <c>Resume</c>).</summary>
    public void Resume()
    {
        Paused = false;
        ScheduleRebalance(TimeSpan.Zero);
        Logger.LogInformation("resume consumer: {Group}", ConsumerGroup);
    }

    /// <summary>Messages not consumed yet per topic: the queues' max offsets minus the consumed offsets (Go: <c>GetOffsetDiffMap</c>).</summary>
    public Dictionary<string, long> GetOffsetDiffMap()
    {
        var diff = new Dictionary<string, long>(StringComparer.Ordinal);
        if (Storage is null)
        {
            return diff;
        }

        foreach (var (mq, pq) in ProcessQueueTable)
        {
            var consumed = Storage.ReadFromMemory(mq);
            var max = pq.MaxOffsetInQueue;
            if (consumed < 0 || max < 0 || consumed > max)
            {
                continue;
            }

            diff[mq.Topic] = diff.GetValueOrDefault(mq.Topic) + (max - consumed);
        }

        return diff;
    }

    /// <summary>
    /// Starts consuming (Go: <c>Start</c>): validates the options, registers the group on the shared client, starts
    /// the loops, reads every subscribed topic's route, sends a heartbeat and rebalances, all within
    /// <see cref="ConsumerOptions.StartTimeout"/>. A failed start releases what it took.
    /// </summary>
    /// <exception cref="MQClientException">Invalid options, the group is registered already in this client
    /// (<see cref="ClientErrors.ErrCreated"/>); a topic has no route (<see cref="ClientErrors.ErrTopicNotExist"/>, the
    /// message saying why: the name server's answer, no name server answering, or the start bound running out while
    /// waiting for a named name server, the cause as inner exception); no name server address
    /// (<see cref="ClientErrors.ErrNoNameserver"/>, naming the sources tried); a broker refused a SQL92 selector
    /// (code 23, SUBSCRIPTION_PARSE_FAILED, with the broker's parse error); or the consumer was started before.</exception>
    /// <param name="cancellationToken">Stops the start (then <see cref="OperationCanceledException"/>).</param>
    public override async Task Start(CancellationToken cancellationToken)
    {
        if (!TryBeginStart())
        {
            throw new MQClientException(ClientErrors.ErrStartTopic, $"the push consumer {ConsumerGroup} was started before; create a new one");
        }

        Logger.LogDebug("the consumer start beginning: group={Group} messageModel={Model} orderly={Orderly}", ConsumerGroup, Options.ConsumerModel, Options.ConsumeOrderly);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Options.Validate(ConsumerGroup);
            if (_subscribedTopic.IsEmpty)
            {
                Logger.LogWarning("not subscribe any topic yet: group={Group}", ConsumerGroup);
            }

            CreateClient();
            Client.RegisterConsumer(ConsumerGroup, this);
            _registered = true;
            StartShared();
            StartLoops();
            await RouteAndAnnounce(_subscribedTopic.Keys, $"push consumer group {ConsumerGroup}", Options.StartTimeout,
                retryTopic: Options.ConsumerModel == MessageModel.Clustering, cancellationToken).ConfigureAwait(false);
            Gauges.Add(this);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "the consumer start failed: group={Group}", ConsumerGroup);
            await Shutdown(cancellationToken).ConfigureAwait(false);
            throw;
        }

        ScheduleRebalance(TimeSpan.Zero);
    }

    private void SubscribeCore(string topic, MessageSelector selector, ConsumeHandler handler)
    {
        if (IsClosed)
        {
            throw ClientErrors.Create(ClientErrors.ErrStartTopic, "the consumer failed to start or is shut down");
        }

        Validators.ValidateTopic(topic);
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        var data = DefaultConsumer.BuildSubscriptionData(topic, selector);
        _consumeFunc[topic] = handler;
        SubscriptionDataTable[topic] = data;
        _subscribedTopic.TryAdd(topic, 0);
        if (IsRunning)
        {
            SubscriptionChanged(topic, data);
            _ = AfterSubscriptionChange();
        }
    }

    private void StartLoops()
    {
        var workers = new Task[Options.ConsumeGoroutineNums];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(ConsumeWorker);
        }

        _workers = workers;
        var background = new List<Task> { Task.Run(PullDispatcher) };
        if (Options.ConsumeOrderly)
        {
            if (Options.ConsumerModel == MessageModel.Clustering)
            {
                background.Add(Task.Run(LockRenewLoop));
            }
        }
        else
        {
            background.Add(Task.Run(CleanExpiredMsgLoop));
        }

        _background = Task.WhenAll(background);
    }

    /// <summary>
    /// Stops gracefully (Go: <c>Shutdown</c>, which waits for nothing, #672): stops pulling, waits up to
    /// <see cref="ConsumerOptions.ShutdownTimeout"/> for running handlers (then cancels their token), persists the
    /// offsets with requests that wait for the broker's answer, unlocks orderly queues, unregisters the group
    /// (UNREGISTER_CLIENT) and releases the shared client; all of it within <see cref="ConsumerOptions.ShutdownTimeout"/>
    /// plus <see cref="ConsumerOptions.ShutdownClosingTime"/>, a step that runs out of time logged with what it waited
    /// for. Idempotent; every call returns the same task.
    /// </summary>
    protected override async Task ShutdownCore(CancellationToken hurry)
    {
        Gauges.Remove(this);
        var client = Client as IRMQClient;
        BeginShutdown();
        _consumeRequests.Writer.TryComplete();
        if (client is null || !ClientStarted)
        {
            // Start failed early: release only what this consumer took, never a client or group another one holds.
            if (_registered)
            {
                client?.UnregisterConsumer(ConsumerGroup);
            }

            await ShutdownSteps.CloseTrace(Tracing, Logger, ConsumerGroup).ConfigureAwait(false);
            return;
        }

        Logger.LogDebug("the consumer shutdown beginning: group={Group}", ConsumerGroup);
        using var budget = new ShutdownBudget(Options.ShutdownTimeout, ConsumerOptions.ShutdownClosingTime, hurry);
        await StopPulling(budget).ConfigureAwait(false);

        var workers = Task.WhenAll(_workers);
        if (!await ShutdownSteps.Completes(workers, budget.ForHandlers, budget.Token).ConfigureAwait(false))
        {
            Logger.LogWarning("handlers still running after {Timeout}, cancelling them: group={Group}", budget.Elapsed, ConsumerGroup);
            await _handlerCancellation.CancelAsync().ConfigureAwait(false);
            await ShutdownSteps.Completes(workers, TimeSpan.FromSeconds(1), budget.Token).ConfigureAwait(false);
        }

        await ShutdownSteps.Completes(_background, budget.Closing, budget.Token).ConfigureAwait(false);
        if (Storage is not null)
        {
            await PersistAtShutdown(budget).ConfigureAwait(false);

            if (Options.ConsumeOrderly && Options.ConsumerModel == MessageModel.Clustering)
            {
                await UnlockAll(false, budget.Token).ConfigureAwait(false);
            }
        }

        await ReleaseAtShutdown(client, budget).ConfigureAwait(false);
        Logger.LogDebug("the consumer shutdown done: group={Group}", ConsumerGroup);
    }

    // Finished tasks of each result, so a synchronous handler costs no allocation per call.
    private static readonly Task<ConsumeResult>[] CompletedResults =
        [.. Enum.GetValues<ConsumeResult>().Select(Task.FromResult)];

    private static Task<ConsumeResult> Completed(ConsumeResult result)
        => (uint)result < (uint)CompletedResults.Length ? CompletedResults[(int)result] : Task.FromResult(result);

    /// <summary>A subscribed handler, normalised to the async form.</summary>
    private sealed class ConsumeHandler(Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> invoke)
    {
        public Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> Invoke { get; } = invoke;
    }
}
