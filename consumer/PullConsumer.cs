namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The lite pull consumer (Go: pull_consumer.go <c>defaultPullConsumer</c>): the application asks for messages
/// instead of registering a handler. Queues come from the group's rebalance (<see cref="Subscribe(string, MessageSelector)"/>) or are fixed
/// (<see cref="Assign"/>). Inside, one pull loop per owned queue long-polls its broker and writes
/// <see cref="ConsumeRequest"/>s to a bounded channel that <see cref="Poll"/> reads; <see cref="ACK"/> moves the
/// consumed offset. <see cref="Pull(string, int, CancellationToken)"/> and <see cref="PullFrom"/> read a queue
/// directly instead. Also the API Go left commented out: <see cref="Lookup(MessageQueue, long, CancellationToken)"/>, <see cref="Commit"/>,
/// <see cref="CommittedOffset"/>, <see cref="Seek"/>, <see cref="Pause"/> and <see cref="Resume"/>. Thread-safe.
/// </summary>
internal sealed partial class PullConsumer : DefaultConsumer
{
    /// <summary>Most consume requests buffered between the pull loops and <see cref="Poll"/> (Go: 4).</summary>
    internal const int ConsumeRequestCacheSize = 64;

    private readonly PullConsumerQueueStates _states = new();
    private readonly ConcurrentDictionary<MessageQueue, long> _pendingSeeks = new();
    private readonly ConcurrentDictionary<string, MessageQueue[]> _assigned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _topics = new(StringComparer.Ordinal);
    private readonly Channel<ConsumeRequest> _consumeRequests;
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstRebalance = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _assignLock = new(1, 1);
    private readonly Lock _stateLock = new();
    private SubscriptionType _subType;
    private string? _lastTopic;
    private Task _background = Task.CompletedTask;
    private long _nextQueueSequence;

    private PullConsumer(ConsumerOptions options)
        : base(options, ConsumeActively, options.LoggerFactory.CreateLogger<PullConsumer>())
    {
        _consumeRequests = Channel.CreateBounded<ConsumeRequest>(new BoundedChannelOptions(ConsumeRequestCacheSize)
        {
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Subscribe, assign, or none yet (Go: <c>SubType</c>).</summary>
    public SubscriptionType SubType
    {
        get
        {
            lock (_stateLock)
            {
                return _subType;
            }
        }
    }

    /// <summary>Queues paused by <see cref="Pause"/> and not resumed.</summary>
    public IReadOnlyCollection<MessageQueue> PausedQueues => _states.Paused();

    /// <summary>Creates a pull consumer with Go's defaults and <paramref name="opts"/> (Go: <c>consumer.NewPullConsumer</c>).</summary>
    internal static PullConsumer NewPullConsumer(params ConsumerOption[] opts) => new(ConsumerOptions.Build(opts));

    /// <summary>
    /// Consumes <paramref name="topic"/> as a member of the group: the rebalance shares its queues among the group's
    /// consumers (Go: <c>Subscribe</c>). Before or after <see cref="DefaultConsumer.Start()"/>.
    /// </summary>
    /// <exception cref="MQClientException">Shut down (<see cref="ClientErrors.ErrStartTopic"/>), or queues were
    /// assigned (<see cref="ClientErrors.ErrSubscriptionType"/>).</exception>
    public void Subscribe(string topic, MessageSelector selector)
    {
        if (IsClosed)
        {
            throw ClientErrors.Create(ClientErrors.ErrStartTopic, "the pull consumer failed to start or is shut down");
        }

        Validators.ValidateTopic(topic);
        SetSubType(SubscriptionType.Subscribe);
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        var data = DefaultConsumer.BuildSubscriptionData(topic, selector);
        SubscriptionDataTable[topic] = data;
        _topics.TryAdd(topic, 0);
        Volatile.Write(ref _lastTopic, topic);
        if (IsRunning)
        {
            SubscriptionChanged(topic, data);
            _ = AfterSubscriptionChange();
        }
    }

    /// <summary>Stops consuming <paramref name="topic"/>; its queues are released by a rebalance started at once (Go: <c>Unsubscribe</c>).</summary>
    /// <exception cref="MQClientException">Queues were assigned (<see cref="ClientErrors.ErrSubscriptionType"/>).</exception>
    public void Unsubscribe(string topic)
    {
        if (SubType == SubscriptionType.Assign)
        {
            throw ClientErrors.Create(ClientErrors.ErrSubscriptionType, "unsubscribe in assign mode; assign no queues instead");
        }

        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        SubscriptionDataTable.TryRemove(topic, out _);
        _topics.TryRemove(topic, out _);
        if (IsRunning)
        {
            _ = AfterSubscriptionChange();
        }
    }

    /// <summary>
    /// Consumes exactly <paramref name="queues"/> of <paramref name="topic"/>, without a rebalance (Go: <c>Assign</c>).
    /// A later call replaces the topic's queues; null or empty releases them (Go's examples assign none to start,
    /// then the real ones). Before or after <see cref="DefaultConsumer.Start()"/>; when running, the queues change at once.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="queues">Its queues to consume.</param>
    /// <param name="selector">Tags to keep (Java: <c>setSubExpressionForAssign</c>); every message by default, as Go.</param>
    /// <exception cref="MQClientException">The consumer subscribed (<see cref="ClientErrors.ErrSubscriptionType"/>) or is shut down.</exception>
    /// <exception cref="ArgumentException">A queue belongs to another topic.</exception>
    public void Assign(string topic, IReadOnlyCollection<MessageQueue>? queues, MessageSelector? selector = null)
    {
        if (IsClosed)
        {
            throw ClientErrors.Create(ClientErrors.ErrStartTopic, "the pull consumer failed to start or is shut down");
        }

        Validators.ValidateTopic(topic);
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        var mqs = new MessageQueue[queues?.Count ?? 0];
        var i = 0;
        foreach (var q in queues ?? [])
        {
            var mq = Wrap(q);
            if (mq.Topic != topic)
            {
                throw new ArgumentException($"{q} is not a queue of topic {topic}", nameof(queues));
            }

            mqs[i++] = mq;
        }

        SetSubType(SubscriptionType.Assign);
        SubscriptionDataTable[topic] = DefaultConsumer.BuildSubscriptionData(topic, selector ?? MessageSelector.All);
        _topics.TryAdd(topic, 0);
        Volatile.Write(ref _lastTopic, topic);
        var old = _assigned.TryGetValue(topic, out var before) ? before.Length : 0;
        _assigned[topic] = mqs;
        Logger.LogInformation("pull consumer assign new mqs: group={Group} topic={Topic} old={Old} new={New}", ConsumerGroup, topic, old, mqs.Length);
        if (IsRunning)
        {
            _ = RebalanceInBackground();
        }
    }

    /// <summary>
    /// The readable queues of <paramref name="topic"/> (Go: <c>GetTopicRouteInfo</c>): from the subscription
    /// cache, else from the name server (Go fails for a topic not subscribed).
    /// </summary>
    /// <exception cref="MQClientException">Not started, or no route (<see cref="ClientErrors.ErrTopicNotExist"/>).</exception>
    public async Task<IReadOnlyList<MessageQueue>> GetTopicRouteInfo(string topic, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        topic = Namespace.WrapNamespace(Options.Namespace, topic);
        if (TopicSubscribeInfoTable.TryGetValue(topic, out var mqs))
        {
            return mqs;
        }

        return await Client.GetNameSrv().FetchSubscribeMessageQueues(topic, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts (Go: <c>Start</c>): validates, registers the group on the shared client, starts the pull loops'
    /// dispatcher, reads every topic's route, sends a heartbeat and takes the queues, within
    /// <see cref="ConsumerOptions.StartTimeout"/>. Pull loops begin pulling at the first <see cref="Poll"/>, so a
    /// consumer used only through Pull/PullFrom reads nothing in the background.
    /// </summary>
    /// <exception cref="MQClientException">Neither subscribed nor assigned (<see cref="ClientErrors.ErrBlankSubType"/>),
    /// invalid options, the group is registered already in this client (<see cref="ClientErrors.ErrCreated"/>), a
    /// topic has no route (<see cref="ClientErrors.ErrTopicNotExist"/>, saying why, the cause as inner exception), no
    /// name server address (<see cref="ClientErrors.ErrNoNameserver"/>), a broker refused a SQL92 selector (code 23,
    /// SUBSCRIPTION_PARSE_FAILED, with the broker's parse error), or started before.</exception>
    /// <param name="cancellationToken">Stops the start (then <see cref="OperationCanceledException"/>).</param>
    public override async Task Start(CancellationToken cancellationToken)
    {
        if (!TryBeginStart())
        {
            throw new MQClientException(ClientErrors.ErrStartTopic, $"the pull consumer {ConsumerGroup} was started before; create a new one");
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SubType == SubscriptionType.None)
            {
                throw ClientErrors.Create(ClientErrors.ErrBlankSubType, "call Subscribe or Assign before Start");
            }

            if (Options.ConsumeOrderly)
            {
                throw new MQClientException("the pull consumer does not lock queues: WithConsumerOrder is for the push consumer (Poll returns a queue's messages in order anyway)");
            }

            Options.Validate(ConsumerGroup);
            CreateClient();
            Client.RegisterConsumer(ConsumerGroup, this);
            StartShared();
            _background = Task.Run(PullDispatcher);

            // A subscribing member consumes the retries of failed ACKs: the first rebalance takes the retry topic's queues.
            await RouteAndAnnounce(_topics.Keys, $"pull consumer group {ConsumerGroup}", Options.StartTimeout,
                retryTopic: SubType == SubscriptionType.Subscribe && Options.ConsumerModel == MessageModel.Clustering, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Logger.LogError(e, "the pull consumer start failed: group={Group}", ConsumerGroup);
            await Shutdown(cancellationToken).ConfigureAwait(false);
            throw;
        }

        _ = FirstRebalance();
        await StartTopicWatches().ConfigureAwait(false);
    }

    private void SetSubType(SubscriptionType type)
    {
        lock (_stateLock)
        {
            if (_subType != SubscriptionType.None && _subType != type)
            {
                throw ClientErrors.Create(ClientErrors.ErrSubscriptionType, $"the consumer is in {_subType} mode");
            }

            _subType = type;
        }
    }

    private MessageQueue Wrap(MessageQueue mq)
    {
        ArgumentNullException.ThrowIfNull(mq);
        var topic = Namespace.WrapNamespace(Options.Namespace, mq.Topic);
        return ReferenceEquals(topic, mq.Topic) || topic == mq.Topic ? mq : mq with { Topic = topic };
    }

    private void EnsureRunning()
    {
        if (!IsRunning)
        {
            throw ClientErrors.Create(ClientErrors.ErrService, $"the pull consumer {ConsumerGroup} is not running");
        }
    }

    /// <summary>
    /// Stops (Go: <c>Shutdown</c>): stops the pull loops, persists the offsets with requests that wait for the
    /// brokers' answers (with auto commit off only what was committed), unregisters the group and releases the shared
    /// client, all within <see cref="ConsumerOptions.ShutdownTimeout"/> (<c>WithShutdownTimeout</c>, 10 s by default),
    /// a step that runs out of time logged with what it waited for. Unread buffered messages are dropped;
    /// their offsets were not consumed. Idempotent.
    /// </summary>
    protected override async Task ShutdownCore(CancellationToken hurry)
    {
        var client = Client as IRMQClient;
        BeginShutdown();
        _firstRebalance.TrySetResult();
        _consumeRequests.Writer.TryComplete();
        if (client is null)
        {
            await ShutdownSteps.CloseTrace(Tracing, Logger, ConsumerGroup).ConfigureAwait(false);
            return;
        }

        Logger.LogDebug("the pull consumer shutdown beginning: group={Group}", ConsumerGroup);
        // No handlers to wait for: the whole shutdown is bounded by the option, as the producer's.
        using var budget = new ShutdownBudget(TimeSpan.Zero, Options.ShutdownTimeout, hurry);
        await StopPulling(budget).ConfigureAwait(false);

        await ShutdownSteps.Completes(_background, budget.Closing, budget.Token).ConfigureAwait(false);
        await ShutdownSteps.Completes(Volatile.Read(ref _topicWatchLoop)?.Completion ?? Task.CompletedTask, budget.Closing, budget.Token).ConfigureAwait(false);
        if (Storage is not null)
        {
            await PersistAtShutdown(budget).ConfigureAwait(false);
        }

        await ReleaseAtShutdown(client, budget).ConfigureAwait(false);
        Logger.LogDebug("the pull consumer shutdown done: group={Group}", ConsumerGroup);
    }
}
