using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// What the shared client needs from a producer registered on it (Go: client.go <c>InnerProducer</c>).
/// Implementations must be thread-safe: the route loop and server-initiated requests call in concurrently.
/// </summary>
internal interface IInnerProducer
{
    /// <summary>Topics this producer has sent to, whose routes the client keeps fresh (Go: <c>PublishTopicList</c>).</summary>
    IReadOnlyList<string> PublishTopicList();

    /// <summary>A refreshed route for <paramref name="topic"/> (Go: <c>UpdateTopicPublishInfo</c>).</summary>
    void UpdateTopicPublishInfo(string topic, TopicPublishInfo info);

    /// <summary>True when the producer has no usable route for <paramref name="topic"/> (Go: <c>IsPublishTopicNeedUpdate</c>).</summary>
    bool IsPublishTopicNeedUpdate(string topic);

    /// <summary>Go: <c>IsUnitMode</c>.</summary>
    bool IsUnitMode();

    /// <summary>
    /// A broker asks for the state of a half message (CHECK_TRANSACTION_STATE, 39). Replaces Go's callback
    /// channel: called on the thread pool, must not block for long (answer with END_TRANSACTION one-way when the
    /// listener has decided). Only called for messages whose producer group is this producer's.
    /// </summary>
    void CheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header);
}

/// <summary>
/// What the shared client needs from a consumer registered on it (Go: client.go <c>InnerConsumer</c>).
/// Implementations must be thread-safe.
/// </summary>
internal interface IInnerConsumer
{
    /// <summary>Writes consumed offsets to the broker (remote store) or file (local store) (Go: <c>PersistConsumerOffset</c>).</summary>
    Task PersistConsumerOffset(CancellationToken cancellationToken = default);

    /// <summary>The readable queues of a subscribed topic changed (Go: <c>UpdateTopicSubscribeInfo</c>).</summary>
    void UpdateTopicSubscribeInfo(string topic, IReadOnlyList<MessageQueue> mqs);

    /// <summary>True when the consumer has no queue list for <paramref name="topic"/> yet (Go: <c>IsSubscribeTopicNeedUpdate</c>).</summary>
    bool IsSubscribeTopicNeedUpdate(string topic);

    /// <summary>The subscriptions, the retry topic's included, as sent in heartbeats (Go: <c>SubscriptionDataList</c>).</summary>
    IReadOnlyList<SubscriptionData> SubscriptionDataList();

    /// <summary>Reassigns queues among the group's consumers (Go: <c>Rebalance</c>).</summary>
    Task Rebalance(CancellationToken cancellationToken = default);

    /// <summary>Rebalances unless the consumer is paused (Go: <c>RebalanceIfNotPaused</c>).</summary>
    Task RebalanceIfNotPaused(CancellationToken cancellationToken = default);

    /// <summary>Go: <c>IsUnitMode</c>.</summary>
    bool IsUnitMode();

    /// <summary>The GET_CONSUMER_RUNNING_INFO answer; null when it cannot be built (Go: <c>GetConsumerRunningInfo</c>).</summary>
    ConsumerRunningInfo? GetConsumerRunningInfo(bool stack);

    /// <summary>Consumes one message handed over by an admin tool (CONSUME_MESSAGE_DIRECTLY, Go: <c>ConsumeMessageDirectly</c>).</summary>
    Task<ConsumeMessageDirectlyResult?> ConsumeMessageDirectly(MessageExt msg, string brokerName);

    /// <summary><see cref="ConsumerData.ConsumePassively"/> (push) or <see cref="ConsumerData.ConsumeActively"/> (pull) (Go: <c>GetcType</c>).</summary>
    string GetCType();

    /// <summary><see cref="ConsumerData.Clustering"/> or <see cref="ConsumerData.Broadcasting"/> (Go: <c>GetModel</c>).</summary>
    string GetModel();

    /// <summary>Java's ConsumeFromWhere name, e.g. <see cref="ConsumerData.ConsumeFromLastOffset"/> (Go: <c>GetWhere</c>).</summary>
    string GetWhere();

    /// <summary>A broker resets the group's offsets (RESET_CONSUMER_CLIENT_OFFSET, Go: <c>ResetOffset</c>).</summary>
    Task ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table);

    /// <summary>Queue offsets of <paramref name="topic"/> for GET_CONSUMER_STATUS_FROM_CLIENT; null when unknown (Go: <c>GetConsumerStatus</c>).</summary>
    GetConsumerStatusBody? GetConsumerStatus(string topic);
}

/// <summary>Where to pull from (Go: model.go <c>FindBrokerResult</c>).</summary>
/// <param name="BrokerAddr">Broker address.</param>
/// <param name="Slave">True when the address is not the master's.</param>
/// <param name="BrokerVersion">The broker's version from its heartbeat answers, 0 when unknown.</param>
internal sealed record FindBrokerResult(string BrokerAddr, bool Slave, int BrokerVersion);

/// <summary>
/// Name server access and the route/broker caches built from it (Go: namesrv.go <c>Namesrvs</c>). Methods Go
/// declares as <c>(T, error)</c> return tasks that throw: <see cref="MQClientException"/> with
/// <see cref="ClientErrors.ErrTopicNotExist"/> naming the topic when no name server knows it,
/// <see cref="MQBrokerException"/> for other failure codes, <see cref="NameServerUnreachableException"/> naming each
/// name server and its failure when none answered, <see cref="ClientErrors.ErrNoNameserver"/> naming the sources tried
/// when there is no address. Route lookups of one topic are shared and bounded by
/// <see cref="ClientIntervals.RouteLookupTimeout"/>.
/// </summary>
internal interface INamesrvs : IAsyncDisposable
{
    /// <summary>Asks the resolver again and takes its list when it differs (Go: <c>UpdateNameServerAddress</c>).</summary>
    Task UpdateNameServerAddress(CancellationToken cancellationToken = default);

    /// <summary>Adds the route's brokers to the broker address map (Go: <c>AddBroker</c>).</summary>
    void AddBroker(TopicRouteData routeData);

    /// <summary>Drops broker addresses that no cached route names any more (Go: <c>cleanOfflineBroker</c>).</summary>
    void CleanOfflineBroker();

    /// <summary>
    /// Queries <paramref name="topic"/>'s route, caches it and reports whether it differs from the cached one
    /// (Go: <c>UpdateTopicRouteInfo</c>). When it changed, the bundled client's producers and consumers get the
    /// new publish/subscribe info before this returns. The returned route is a copy.
    /// </summary>
    Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="UpdateTopicRouteInfo(string, CancellationToken)"/>, but reads <paramref name="defaultTopic"/>'s route (TBW102, for
    /// auto-created topics) capped at <paramref name="defaultQueueNum"/> queues per broker (Go:
    /// <c>UpdateTopicRouteInfoWithDefault</c>).
    /// </summary>
    Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="UpdateTopicRouteInfo(string, CancellationToken)"/>, waiting at most <paramref name="timeout"/>
    /// (then <see cref="RemotingTimeoutException"/> naming the name server being asked). Concurrent callers of one
    /// topic share one lookup, which goes on for the others when one gives up or is cancelled.
    /// </summary>
    Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, TimeSpan timeout, CancellationToken cancellationToken)
        => UpdateTopicRouteInfo(topic, cancellationToken).WaitAsync(timeout, cancellationToken);

    /// <summary>As <see cref="UpdateTopicRouteInfoWithDefault(string, string, int, CancellationToken)"/>, waiting at most <paramref name="timeout"/>.</summary>
    Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, TimeSpan timeout, CancellationToken cancellationToken)
        => UpdateTopicRouteInfoWithDefault(topic, defaultTopic, defaultQueueNum, cancellationToken).WaitAsync(timeout, cancellationToken);

    /// <summary>Writeable queues of <paramref name="topic"/>, from the cache or the name server (Go: <c>FetchPublishMessageQueues</c>).</summary>
    Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(string topic, CancellationToken cancellationToken = default);

    /// <summary>The master (or any) address of a random broker holding <paramref name="topic"/>; null when unknown (Go: <c>FindBrokerAddrByTopic</c>, "" there).</summary>
    string? FindBrokerAddrByTopic(string topic);

    /// <summary>The master address of <paramref name="brokerName"/>; null when unknown (Go: <c>FindBrokerAddrByName</c>).</summary>
    string? FindBrokerAddrByName(string brokerName);

    /// <summary>
    /// The address to pull from (Go: <c>FindBrokerAddressInSubscribe</c>): broker id <paramref name="brokerId"/>,
    /// for a slave id the next id too, then any broker of the group unless <paramref name="onlyThisBroker"/>.
    /// </summary>
    FindBrokerResult? FindBrokerAddressInSubscribe(string brokerName, long brokerId, bool onlyThisBroker);

    /// <summary>Readable queues of <paramref name="topic"/>, always from the name server (Go: <c>FetchSubscribeMessageQueues</c>).</summary>
    Task<IReadOnlyList<MessageQueue>> FetchSubscribeMessageQueues(string topic, CancellationToken cancellationToken = default);

    /// <summary>Clusters holding <paramref name="topic"/> (Go: <c>FetchClusterList</c>).</summary>
    Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken cancellationToken = default);

    /// <summary>The current name server addresses (Go: <c>AddrList</c>).</summary>
    IReadOnlyList<string> AddrList();

    /// <summary>Records the version a broker announced in a heartbeat answer (Go: <c>AddBrokerVersion</c>).</summary>
    void AddBrokerVersion(string brokerName, string brokerAddr, int version);

    /// <summary>The version recorded for a broker, 0 when unknown (Go: <c>findBrokerVersion</c>).</summary>
    int FindBrokerVersion(string brokerName, string brokerAddr);

    /// <summary>The cached route of <paramref name="topic"/> (a copy), or null.</summary>
    TopicRouteData? GetTopicRouteData(string topic);

    /// <summary>Copies of every broker group in the broker address map (heartbeats and unregistering go to these).</summary>
    IReadOnlyList<BrokerData> GetBrokerDataList();

    /// <summary>True when a name server has a route for <paramref name="topic"/> (Go: <c>CheckTopicRouteHasTopic</c>).</summary>
    Task<bool> CheckTopicRouteHasTopic(string topic, CancellationToken cancellationToken = default);
}

/// <summary>
/// The client shared by every producer and consumer of one client id (Go: client.go <c>RMQClient</c>): one
/// transport, one name server view, the background loops and the handlers of server-initiated requests.
/// Get it from <see cref="RMQClientFactory.GetOrNewRocketMQClient"/>; each user calls <see cref="Start"/> once
/// and <see cref="Shutdown"/> once; the last <see cref="Shutdown"/> really stops it.
/// </summary>
internal interface IRMQClient
{
    /// <summary>Starts the loops on the first call; later calls only count another user (Go: <c>Start</c>).</summary>
    void Start();

    /// <summary>
    /// Releases one user (Go: <c>Shutdown</c>); the last one stops every loop, unregisters from every broker
    /// (waiting for the answers), closes the transport and removes the client from the client map. When
    /// <paramref name="cancellationToken"/> fires, that shutdown stops waiting for loops, offsets and unregistering
    /// and closes the transport at once (it does not throw).
    /// </summary>
    Task Shutdown(CancellationToken cancellationToken = default);

    /// <summary>ip@instanceName[@unitName] (Go: <c>ClientID</c>).</summary>
    string ClientID();

    /// <summary>The options it was created with.</summary>
    ClientOptions Options { get; }

    /// <summary>Adds a producer group; throws <see cref="MQClientException"/> when the group is registered already (Go: <c>RegisterProducer</c>).</summary>
    void RegisterProducer(string group, IInnerProducer producer);

    /// <summary>Go: <c>UnregisterProducer</c>.</summary>
    void UnregisterProducer(string group);

    /// <summary>
    /// Request/response through the shared transport (Go: <c>InvokeSync</c>); fails with the service-state error after
    /// shutdown. The request belongs to the transport from here on; the response is the caller's.
    /// </summary>
    Task<RemotingCommand> InvokeSync(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Request/response for hot paths (sends, pulls; Go: <c>InvokeAsync</c>): returns what <paramref name="read"/>
    /// makes of the response, which is lent to it only (see <see cref="RemotingClient.InvokeAsync"/>: the transport
    /// takes the response's pooled frame back once <paramref name="read"/> returns or throws). The request belongs
    /// to the transport from here on. Await the result exactly once.
    /// </summary>
    ValueTask<TResult> InvokeAsync<TState, TResult>(string addr, RemotingCommand request, TimeSpan timeout,
        Func<RemotingCommand, TState, TResult> read, TState state, CancellationToken cancellationToken = default);

    /// <summary>Sends without waiting for an answer (Go: <c>InvokeOneWay</c>).</summary>
    Task InvokeOneWay(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Has a broker of each topic compile the consumer's SQL92 selectors before it starts (Java:
    /// <c>checkClientInBroker</c>; an empty function in Go). Throws <see cref="Primitive.MQClientException"/> with the
    /// broker's parse error when one refuses a selector; a broker that cannot be reached is skipped (the pulls will
    /// report it).
    /// </summary>
    Task CheckClientInBroker(string consumerGroup, IReadOnlyList<SubscriptionData> subscriptions, CancellationToken cancellationToken = default);

    /// <summary>Sends HEART_BEAT with every group to every known broker, one run at a time (Go: <c>SendHeartbeatToAllBrokerWithLock</c>).</summary>
    Task SendHeartbeatToAllBrokerWithLock(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends HEART_BEAT with every group to one broker now, outside the 30 s round: a broker that restarted has lost
    /// its consumer table and refuses pulls (SUBSCRIPTION_NOT_EXIST) until it hears from the client again. Calls for
    /// one address while a heartbeat to it is in flight share it. True when the broker answered SUCCESS; failures
    /// are logged at Debug and give false. Not in Go, which waits for the next round.
    /// </summary>
    Task<bool> HeartbeatBroker(string brokerAddr, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until <paramref name="brokerAddr"/>, which failed to connect, answers a heartbeat again (one probe per
    /// address sends one every <see cref="ClientIntervals.BrokerProbe"/> while anyone waits), or until
    /// <paramref name="max"/> passed. True when the broker answered: it knows the client's groups again. Pull loops
    /// wait here instead of sleeping 3 s, so consumption resumes as soon as a restarted broker is back.
    /// </summary>
    Task<bool> WaitForBroker(string brokerAddr, TimeSpan max, CancellationToken cancellationToken = default);

    /// <summary>
    /// A request for <paramref name="topic"/> to <paramref name="brokerAddr"/> failed to connect: refreshes the topic's
    /// route now (one refresh per topic in flight, each bounded, asked again for up to 5 s while it still names the
    /// broker) and heartbeats the broker until it answers, then refreshes every route until one names it, so the
    /// broker leaves and rejoins rotation without waiting for the 30 s route poll (Go and Java wait for it). Returns
    /// at once the topic's refresh in flight, which ends (never faulting) once the route no longer names the broker,
    /// the broker answers, or the 5 s are spent.
    /// </summary>
    Task BrokerUnreachable(string topic, string brokerAddr);

    /// <summary>Refreshes the routes of every published and subscribed topic now (Go: <c>UpdateTopicRouteInfo</c>).</summary>
    Task UpdateTopicRouteInfo(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a send response into <paramref name="result"/> (Go: <c>ProcessSendResponse</c>, which returns a new
    /// result; here the caller passes it, so a transaction send fills a <see cref="TransactionSendResult"/>):
    /// SUCCESS, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT and SLAVE_NOT_AVAILABLE give a result with that status; any
    /// other code throws <see cref="MQBrokerException"/>. <paramref name="selected"/>, when given, is the queue the
    /// message was sent to, which the result shares when the response names the same queue (no copy per send).
    /// </summary>
    void ProcessSendResponse(string brokerName, RemotingCommand response, SendResult result, IReadOnlyList<Message> msgs, MessageQueue? selected);

    /// <summary>Adds a consumer group; throws <see cref="MQClientException"/> when the group is registered already (Go: <c>RegisterConsumer</c>).</summary>
    void RegisterConsumer(string group, IInnerConsumer consumer);

    /// <summary>Go: <c>UnregisterConsumer</c>.</summary>
    void UnregisterConsumer(string group);

    /// <summary>
    /// PULL_MESSAGE (Go: <c>PullMessage</c>). FOUND decodes the body into messages; PULL_NOT_FOUND,
    /// PULL_RETRY_IMMEDIATELY and PULL_OFFSET_MOVED map to their statuses; other codes throw
    /// <see cref="MQBrokerException"/>.
    /// </summary>
    Task<PullResult> PullMessage(string brokerAddr, PullMessageRequestHeader header, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Rebalances every consumer now, serialised with the rebalance loop (Go: <c>RebalanceImmediately</c>).</summary>
    Task RebalanceImmediately(CancellationToken cancellationToken = default);

    /// <summary>Rebalances every consumer that is not paused (Go: <c>RebalanceIfNotPaused</c>).</summary>
    Task RebalanceIfNotPaused(CancellationToken cancellationToken = default);

    /// <summary>Hands a route to the producers that need it (Go: <c>UpdatePublishInfo</c>).</summary>
    void UpdatePublishInfo(string topic, TopicRouteData? data, bool changed);

    /// <summary>The name server view (Go: <c>GetNameSrv</c>).</summary>
    INamesrvs GetNameSrv();

    /// <summary>Pending request/reply futures completed by PUSH_REPLY_MESSAGE_TO_CLIENT (Go: the global <c>RequestResponseFutureMap</c>).</summary>
    RequestResponseFutureMap RequestFutures { get; }
}
