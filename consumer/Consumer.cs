namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The part every consumer shares (Go: consumer.go <c>defaultConsumer</c>, embedded by the push and the pull
/// consumer): subscriptions, queue ownership (rebalance, broker locks), process queues, offsets, and the broker
/// queries around them. A rebalance writes a <see cref="PullRequest"/> for each newly owned queue to
/// <see cref="PullRequests"/>; the owner's pull loops read them. The push and the lite pull consumer derive from it,
/// and it answers the shared client for both (<see cref="IInnerConsumer"/>); what differs is theirs to override.
/// </summary>
internal abstract partial class DefaultConsumer : IInnerConsumer
{
    /// <summary>Go: <c>_PullDelayTimeWhenError</c>.</summary>
    public static readonly TimeSpan PullDelayTimeWhenError = TimeSpan.FromSeconds(3);

    /// <summary>Go: <c>_PullDelayTimeWhenFlowControl</c>.</summary>
    public static readonly TimeSpan PullDelayTimeWhenFlowControl = TimeSpan.FromMilliseconds(50);

    /// <summary>While suspended, how often a pull loop looks again (Java's 1 s; Go sleeps 30 s, so Resume takes up to 30 s).</summary>
    public static readonly TimeSpan PullDelayTimeWhenSuspend = TimeSpan.FromSeconds(1);

    /// <summary>How long the broker may hold a pull (Go: <c>_BrokerSuspendMaxTime</c>).</summary>
    public static readonly TimeSpan BrokerSuspendMaxTime = TimeSpan.FromSeconds(20);

    /// <summary>The pull RPC timeout floor (Go: <c>_ConsumerTimeoutWhenSuspend</c>): above the long poll.</summary>
    public static readonly TimeSpan ConsumerTimeoutWhenSuspend = TimeSpan.FromSeconds(30);

    /// <summary>Go: <c>_SendMessageBackAsNormalTimeout</c>.</summary>
    public static readonly TimeSpan SendMessageBackAsNormalTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long a queue taken over from another member waits before re-reading its offset and pulling.</summary>
    public static readonly TimeSpan HandoverGrace = TimeSpan.FromMilliseconds(200);

    /// <summary>Timeout of lock, unlock, consumer-list and offset queries (Go: 1-3 s).</summary>
    public static readonly TimeSpan BrokerQueryTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Go: <c>_PushConsume</c>.</summary>
    public const string ConsumePassively = ConsumerData.ConsumePassively;

    /// <summary>Go: <c>_PullConsume</c>.</summary>
    public const string ConsumeActively = ConsumerData.ConsumeActively;

    private const int StateCreateJust = 0;
    private const int StateRunning = 1;
    private const int StateShutdown = 2;
    private const int StateStartFailed = 3;

    private readonly SemaphoreSlim _rebalanceLock = new(1, 1);
    private readonly ConcurrentDictionary<MessageQueue, long> _pullFromWhichNodeTable = new();
    private readonly ConcurrentDictionary<string, FlowCounters> _topicCounters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _state;
    private int _retryScheduled;

    /// <summary>Creates the shared part; nothing runs until <see cref="StartShared"/>.</summary>
    protected DefaultConsumer(ConsumerOptions options, string consumeType, ILogger logger)
    {
        Options = options;
        ConsumeType = consumeType;
        Logger = logger;
        ConsumerGroup = Namespace.WrapNamespace(options.Namespace, options.GroupName);
        RetryTopic = Constants.GetRetryTopic(ConsumerGroup);
        PullRequests = Channel.CreateBounded<PullRequest>(new BoundedChannelOptions(1024) { SingleReader = true });
        (InterceptorChain, Tracing) = BuildInterceptors(options);
    }

    /// <summary>The options.</summary>
    public ConsumerOptions Options { get; }

    /// <summary>The group, with its namespace (Go: <c>consumerGroup</c>).</summary>
    public string ConsumerGroup { get; }

    /// <summary>CONSUME_PASSIVELY or CONSUME_ACTIVELY (Go: <c>cType</c>).</summary>
    public string ConsumeType { get; }

    /// <summary>The logger.</summary>
    public ILogger Logger { get; }

    /// <summary>Go: <c>model</c>.</summary>
    public MessageModel Model => Options.ConsumerModel;

    /// <summary>Go: <c>consumeOrderly</c>.</summary>
    public bool ConsumeOrderly => Options.ConsumeOrderly;

    /// <summary>True once this consumer counted itself as a user of the shared client (so it must release it).</summary>
    public bool ClientStarted { get; private set; }

    /// <summary>The shared client; set by <see cref="CreateClient"/>.</summary>
    public IRMQClient Client { get; private set; } = null!;

    /// <summary>Go: <c>storage</c>; set by <see cref="StartShared"/>.</summary>
    public IOffsetStore Storage { get; internal set; } = null!;

    /// <summary>Go: <c>stat</c>; set by <see cref="StartShared"/>.</summary>
    public StatsManager Stats { get; private set; } = null!;

    /// <summary>Start time, Unix ms (Go: <c>consumerStartTimestamp</c>).</summary>
    public long ConsumerStartTimestamp { get; private set; }

    /// <summary>Owned queues (Go: <c>processQueueTable</c>).</summary>
    public ConcurrentDictionary<MessageQueue, ProcessQueue> ProcessQueueTable { get; } = new();

    /// <summary>Readable queues per subscribed topic (Go: <c>topicSubscribeInfoTable</c>).</summary>
    public ConcurrentDictionary<string, IReadOnlyList<MessageQueue>> TopicSubscribeInfoTable { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions per topic, the retry topic's included (Go: <c>subscriptionDataTable</c>).</summary>
    public ConcurrentDictionary<string, SubscriptionData> SubscriptionDataTable { get; } = new(StringComparer.Ordinal);

    /// <summary>Newly owned queues, from the rebalance to the pull loops (Go: <c>prCh</c>, 4 slots there).</summary>
    public Channel<PullRequest> PullRequests { get; }

    /// <summary>Cancelled at shutdown: loops and long polls stop.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    /// <summary>Set by Suspend (Go: <c>pause</c>).</summary>
    public volatile bool Paused;

    /// <summary>The client id (ip@instance), once started.</summary>
    public string? ClientID => Client?.ClientID();

    /// <summary>Queues owned now.</summary>
    public IReadOnlyCollection<MessageQueue> OwnedQueues => [.. ProcessQueueTable.Keys];

    /// <summary>True while running (Go: <c>isRunning</c>).</summary>
    public bool IsRunning => Volatile.Read(ref _state) == StateRunning;

    /// <summary>
    /// What both consumers report in GetConsumerRunningInfo: subscriptions, consume status per topic, every owned
    /// queue's state with its committed offset, and the group; null before the offset store exists.
    /// </summary>
    public ConsumerRunningInfo? NewRunningInfo()
    {
        if (Storage is null)
        {
            return null;
        }

        var info = new ConsumerRunningInfo();
        foreach (var (topic, sub) in SubscriptionDataTable)
        {
            info.SubscriptionSet.Add(sub.Clone());
            info.StatusTable[topic] = Stats.GetConsumeStatus(ConsumerGroup, topic);
        }

        foreach (var (mq, pq) in ProcessQueueTable)
        {
            var pqInfo = pq.CurrentInfo();
            pqInfo.CommitOffset = Storage.ReadFromMemory(mq);
            info.MQTable[mq] = pqInfo;
        }

        info.Properties["consumerGroup"] = ConsumerGroup;
        info.Properties["messageModel"] = GetModel();
        info.Properties["consumeFromWhere"] = GetWhere();
        return info;
    }

    /// <summary>
    /// The level to log a failure at: <paramref name="level"/> while running, Debug once shutdown began, when
    /// cancelled requests and closed channels are expected and a clean shutdown logs nothing above Debug.
    /// </summary>
    public LogLevel WhileRunning(LogLevel level) => IsRunning ? level : LogLevel.Debug;

    /// <summary>True when Start failed or shutdown happened.</summary>
    public bool IsClosed => Volatile.Read(ref _state) is StateShutdown or StateStartFailed;

    /// <summary>
    /// The retry topic of the group (Go: <c>internal.GetRetryTopic(consumerGroup)</c>), made once: every consume call
    /// compares its messages' topic with it.
    /// </summary>
    public string RetryTopic { get; }

    /// <summary>Claims the one start; false when started before.</summary>
    public bool TryBeginStart() => Interlocked.CompareExchange(ref _state, StateStartFailed, StateCreateJust) == StateCreateJust;

    /// <summary>
    /// Gets the shared client (Go: <c>GetOrNewRocketMQClient</c>). A clustering consumer with the default instance
    /// name gets its own, as Java does: Go renames the instance after creating the client, so all of them share one.
    /// </summary>
    public void CreateClient()
    {
        if (Model == MessageModel.Clustering)
        {
            Options.Client.ChangeInstanceNameToPID();
        }

        Client = RMQClientFactory.GetOrNewRocketMQClient(Options.Client);
    }

    /// <summary>
    /// Go: <c>defaultConsumer.start</c>: adds the retry-topic subscription (clustering), creates the offset store and
    /// starts the client.
    /// </summary>
    protected void StartShared()
    {
        if (Model == MessageModel.Clustering)
        {
            SubscriptionDataTable[RetryTopic] = SubscriptionData.Build(RetryTopic, SubscriptionData.SubAll);
        }

        var stores = new OffsetStoreContext(ConsumerGroup, Model, Client, Logger, Options.LocalOffsetStoreDir);
        Storage = Options.OffsetStoreFactory is { } factory
            ? factory(stores) ?? throw new MQClientException($"the offset store factory of group {ConsumerGroup} returned null")
            : Model == MessageModel.Clustering ? stores.NewRemoteBrokerOffsetStore() : stores.NewLocalFileOffsetStore();

        Stats = new StatsManager(Logger);
        Client.Start();
        ClientStarted = true;
        ConsumerStartTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Volatile.Write(ref _state, StateRunning);
    }

    /// <summary>Marks the consumer stopped and cancels <see cref="StoppingToken"/>: loops wind down.</summary>
    public void BeginShutdown()
    {
        Volatile.Write(ref _state, StateShutdown);
        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException e)
        {
            Logger.LogWarning(e, "a shutdown callback failed: group={Group}", ConsumerGroup);
        }

        PullRequests.Writer.TryComplete();
    }

    /// <summary>Drops every queue and stops the statistics (the rest of Go's <c>defaultConsumer.shutdown</c>).</summary>
    public void DropAll()
    {
        foreach (var pq in ProcessQueueTable.Values)
        {
            pq.Drop();
        }

        Stats?.Dispose();
    }

    /// <summary>Writes every owned queue's offset and waits for the answers (Go: <c>persistConsumerOffset</c>).</summary>
    public Task PersistConsumerOffset(CancellationToken cancellationToken = default)
    {
        if (Storage is null)
        {
            return Task.CompletedTask;
        }

        return Storage.Persist([.. ProcessQueueTable.Keys], cancellationToken);
    }

    /// <summary>
    /// Go: <c>updateTopicSubscribeInfo</c>. When the queues of a subscribed topic changed (a new topic, broker or
    /// queue count), a rebalance follows at once instead of up to 20 s later (Go #1056, #1057).
    /// </summary>
    public void UpdateTopicSubscribeInfo(string topic, IReadOnlyList<MessageQueue> mqs)
    {
        if (!SubscriptionDataTable.ContainsKey(topic))
        {
            return;
        }

        var changed = !TopicSubscribeInfoTable.TryGetValue(topic, out var old) || !SameQueues(old, mqs);
        TopicSubscribeInfoTable[topic] = mqs;
        if (changed && IsRunning && _announced)
        {
            ScheduleRebalance(TimeSpan.Zero);
        }
    }

    private static bool SameQueues(IReadOnlyList<MessageQueue> a, IReadOnlyList<MessageQueue> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var set = new HashSet<MessageQueue>(a);
        foreach (var mq in b)
        {
            if (!set.Contains(mq))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go: <c>isSubscribeTopicNeedUpdate</c>.</summary>
    public bool IsSubscribeTopicNeedUpdate(string topic)
        => SubscriptionDataTable.ContainsKey(topic) && !TopicSubscribeInfoTable.ContainsKey(topic);

    /// <summary>Copies of the subscriptions (Go: <c>SubscriptionDataList</c>).</summary>
    public IReadOnlyList<SubscriptionData> SubscriptionDataList()
    {
        var list = new List<SubscriptionData>(SubscriptionDataTable.Count);
        foreach (var sub in SubscriptionDataTable.Values)
        {
            list.Add(sub.Clone());
        }

        return list;
    }

    /// <summary>The flow counters of a topic, summed over its queues.</summary>
    public FlowCounters TopicCounters(string topic) => _topicCounters.GetOrAdd(topic, static _ => new FlowCounters());

    /// <summary>Looks up the broker to pull <paramref name="mq"/> from, refreshing the route once (Go: <c>tryFindBroker</c>).</summary>
    public async Task<FindBrokerResult?> TryFindBroker(MessageQueue mq, CancellationToken cancellationToken)
    {
        var namesrv = Client.GetNameSrv();
        var result = namesrv.FindBrokerAddressInSubscribe(mq.BrokerName, RecalculatePullFromWhichNode(mq), false);
        if (result is not null)
        {
            return result;
        }

        await namesrv.UpdateTopicRouteInfo(mq.Topic, cancellationToken).ConfigureAwait(false);
        return namesrv.FindBrokerAddressInSubscribe(mq.BrokerName, RecalculatePullFromWhichNode(mq), false);
    }

    /// <summary>Go: <c>updatePullFromWhichNode</c>.</summary>
    public void UpdatePullFromWhichNode(MessageQueue mq, long brokerId) => _pullFromWhichNodeTable[mq] = brokerId;

    /// <summary>Go: <c>recalculatePullFromWhichNode</c>.</summary>
    public long RecalculatePullFromWhichNode(MessageQueue mq)
        => _pullFromWhichNodeTable.TryGetValue(mq, out var id) ? id : Constants.MasterId;

    /// <summary>Go: <c>buildSysFlag</c> (PullSysFlag).</summary>
    public static int BuildSysFlag(bool commitOffset, bool suspend, bool subscription, bool classFilter)
        => (commitOffset ? 0x1 : 0) | (suspend ? 0x2 : 0) | (subscription ? 0x4 : 0) | (classFilter ? 0x8 : 0);

    /// <summary>Go: <c>clearCommitOffsetFlag</c>.</summary>
    public static int ClearCommitOffsetFlag(int sysFlag) => sysFlag & ~0x1;

    /// <summary>
    /// Builds a subscription (Go: <c>buildSubscriptionData</c>; Java FilterAPI). Tags are split on "||" and hashed
    /// with Java's String.hashCode, so non-ASCII tags match what the broker stored.
    /// </summary>
    public static SubscriptionData BuildSubscriptionData(string topic, MessageSelector selector)
        => SubscriptionData.Build(topic, selector.Expression, selector.TypeName, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
