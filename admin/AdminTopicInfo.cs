using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Topic inspection Java's <c>DefaultMQAdminExt</c> offers and Go lacks.</summary>
public partial interface IAdmin
{
    /// <summary>The topic's route as the name servers have it (Java: <c>examineTopicRouteInfo</c>); <see cref="TopicNotExistException"/> when none knows it.</summary>
    Task<TopicRouteInfo> ExamineTopicRouteInfo(CancellationToken ctx, string topic);

    /// <summary>
    /// Min and max offset and last store time of every queue of the topic, asked of each of its brokers (Java:
    /// <c>examineTopicStats</c>), sorted by broker name and queue id.
    /// </summary>
    Task<IReadOnlyList<TopicQueueStats>> ExamineTopicStats(CancellationToken ctx, string topic);

    /// <summary>The topics whose routes include a broker of <paramref name="clusterName"/> (Java: <c>fetchTopicsByCLuster</c>).</summary>
    Task<IReadOnlyList<string>> FetchTopicsByCluster(CancellationToken ctx, string clusterName);

    /// <summary>
    /// Consumer groups that subscribe to the topic or have offsets on it, over all its brokers (Java:
    /// <c>queryTopicConsumeByWho</c>), sorted.
    /// </summary>
    Task<IReadOnlyList<string>> QueryTopicConsumeByWho(CancellationToken ctx, string topic);
}

/// <summary>A topic's route (Java: <c>TopicRouteData</c>).</summary>
/// <param name="Brokers">The broker groups serving the topic, by broker name.</param>
/// <param name="Queues">Queue counts and permission per broker group.</param>
/// <param name="OrderTopicConf">The topic's order configuration ("brokerName:queueNums;..."), when the name server keeps one.</param>
public sealed record TopicRouteInfo(IReadOnlyList<BrokerInfo> Brokers, IReadOnlyList<QueueInfo> Queues, string? OrderTopicConf);

/// <summary>A topic's queues on one broker group (Java: <c>QueueData</c>).</summary>
/// <param name="BrokerName">The broker group.</param>
/// <param name="ReadQueueNums">Readable queues.</param>
/// <param name="WriteQueueNums">Writable queues.</param>
/// <param name="Perm">Permission bits: 2 write, 4 read, 6 both.</param>
/// <param name="TopicSysFlag">Topic system flag.</param>
public sealed record QueueInfo(string BrokerName, int ReadQueueNums, int WriteQueueNums, int Perm, int TopicSysFlag);

/// <summary>One queue of <see cref="IAdmin.ExamineTopicStats"/> (Java: <c>TopicOffset</c>).</summary>
/// <param name="Queue">The queue.</param>
/// <param name="MinOffset">First offset still stored.</param>
/// <param name="MaxOffset">Offset the next message gets.</param>
/// <param name="LastUpdateTimestamp">Store time of the newest message, epoch ms; 0 when the queue is empty.</param>
public sealed record TopicQueueStats(MessageQueue Queue, long MinOffset, long MaxOffset, long LastUpdateTimestamp);
