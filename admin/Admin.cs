using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Topic, group and message administration (Go: admin.go <c>Admin</c>, plus what Go never finished and Java's
/// <c>mqadmin</c> offers: broker cluster info, message query by key and id, consumer progress, a client's running
/// info, offset reset by time). Get one from <see cref="DefaultAdmin.NewAdmin"/> or <c>Rocketmq.NewAdmin</c>; close
/// it with <see cref="Close()"/> or dispose it. Thread-safe. The <c>ctx</c> parameter is Go's
/// <c>context.Context</c>: cancelling it abandons the call.
/// </summary>
/// <remarks>
/// Failures are typed: <see cref="TopicNotExistException"/> (no name server knows the topic),
/// <see cref="BrokerNotAvailableException"/> (a broker or every name server unreachable),
/// <see cref="ConsumerNotOnlineException"/> (the group or client has no live connection),
/// <see cref="MessageNotFoundException"/>, <see cref="MQBrokerException"/> (any other failure code, with the
/// server's remark), <see cref="RemotingTimeoutException"/>, <see cref="MQClientException"/> (bad arguments).
/// </remarks>
public partial interface IAdmin : IAsyncDisposable
{
    /// <summary>
    /// Creates or updates a topic (Go: <c>CreateTopic</c>) on the broker of <see cref="AdminOptions.WithBrokerAddrCreate"/>,
    /// or on every master broker when none is given. Returns once every broker has registered the new route.
    /// </summary>
    Task CreateTopic(CancellationToken ctx, params OptionCreate[] opts);

    /// <summary>
    /// Deletes a topic from its brokers, then its route from the name servers (Go: <c>DeleteTopic</c>). Without
    /// <see cref="AdminOptions.WithBrokerAddrDelete"/> every master holding the topic (of
    /// <see cref="AdminOptions.WithClusterName"/> when given) deletes it.
    /// </summary>
    Task DeleteTopic(CancellationToken ctx, params OptionDelete[] opts);

    /// <summary>Every consumer group configuration of one broker (Go: <c>GetAllSubscriptionGroup</c>).</summary>
    Task<SubscriptionGroupWrapper> GetAllSubscriptionGroup(CancellationToken ctx, string brokerAddr, TimeSpan timeout);

    /// <summary>Every topic the name servers know (Go: <c>FetchAllTopicList</c>).</summary>
    Task<TopicList> FetchAllTopicList(CancellationToken ctx);

    /// <summary>The writable queues of a topic, fresh from the name servers (Go: <c>FetchPublishMessageQueues</c>).</summary>
    Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(CancellationToken ctx, string topic);

    /// <summary>The clusters whose brokers hold a topic (Go: <c>FetchClusterList</c>).</summary>
    Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken ctx = default);

    /// <summary>Every broker and cluster the name servers know (Go's commented-out <c>GetBrokerClusterInfo</c>; Java: <c>examineBrokerClusterInfo</c>).</summary>
    Task<BrokerClusterInfo> GetBrokerClusterInfo(CancellationToken ctx);

    /// <summary>
    /// Messages of <paramref name="topic"/> whose keys include <paramref name="key"/>, stored between
    /// <paramref name="begin"/> and <paramref name="end"/> (default: any time), from every broker of the topic
    /// (Java: <c>queryMessage</c>). No match gives an empty result.
    /// </summary>
    Task<QueryResult> QueryMessageByKey(CancellationToken ctx, string topic, string key, int maxNum = 32, DateTimeOffset? begin = null, DateTimeOffset? end = null);

    /// <summary>
    /// One message by id (Java: <c>viewMessage</c>). An offset message id names its broker and commit-log offset;
    /// with <paramref name="topic"/>, a unique (client) message id is looked up by key too.
    /// </summary>
    Task<MessageExt> ViewMessageById(CancellationToken ctx, string msgId, string? topic = null);

    /// <summary>
    /// Per-queue broker offset, consumer offset and lag of a group, on every topic it has offsets for, or only
    /// <paramref name="topic"/> (Java: <c>examineConsumeStats</c>, <c>mqadmin consumerProgress</c>).
    /// </summary>
    Task<ConsumeProgress> ConsumerProgress(CancellationToken ctx, string group, string? topic = null);

    /// <summary>The group's connected clients and subscriptions (Java: <c>examineConsumerConnectionInfo</c>).</summary>
    Task<ConsumerConnectionInfo> ExamineConsumerConnectionInfo(CancellationToken ctx, string group);

    /// <summary>
    /// What the consumer client <paramref name="clientId"/> of <paramref name="group"/> reports about itself,
    /// asked through a broker it is connected to (Java: <c>getConsumerRunningInfo</c>).
    /// </summary>
    Task<ConsumerRunningInfo> ConsumerRunningInfo(CancellationToken ctx, string group, string clientId, bool jstack = false);

    /// <summary>
    /// Moves the group's offsets on <paramref name="topic"/> to the first message stored at or after
    /// <paramref name="timestamp"/> (Java: <c>resetOffsetNew</c>). Online consumers are told by their brokers and
    /// reconsume from there; an offline group gets the offsets written on the brokers directly. Returns the new
    /// offset of every queue.
    /// </summary>
    /// <param name="ctx">Cancellation.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="group">The consumer group.</param>
    /// <param name="timestamp">Store time to go back (or forward) to.</param>
    /// <param name="isForce">When false, a queue is only moved backwards (Java's isForce).</param>
    Task<IReadOnlyDictionary<MessageQueue, long>> ResetOffsetByTimestamp(CancellationToken ctx, string topic, string group, DateTimeOffset timestamp, bool isForce = true);

    /// <summary>
    /// Releases the admin's client (Go: <c>Close</c>), closing its connections within
    /// <see cref="AdminOptions.RequestTimeout"/>; later calls fail. Idempotent.
    /// </summary>
    Task Close();

    /// <inheritdoc cref="Close()"/>
    /// <param name="cancellationToken">When it fires, the close stops waiting and releases the connections at once
    /// (it does not throw).</param>
    Task Close(CancellationToken cancellationToken);
}

/// <summary>Overloads of <see cref="IAdmin"/> without a cancellation token.</summary>
public static class AdminExtensions
{
    /// <summary><see cref="IAdmin.CreateTopic"/> without cancellation.</summary>
    public static Task CreateTopic(this IAdmin admin, params OptionCreate[] opts) => admin.CreateTopic(CancellationToken.None, opts);

    /// <summary><see cref="IAdmin.DeleteTopic"/> without cancellation.</summary>
    public static Task DeleteTopic(this IAdmin admin, params OptionDelete[] opts) => admin.DeleteTopic(CancellationToken.None, opts);
}
