using RocketMQ.Go.Port.Primitive;
using Model = RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// What a running consumer client reports about itself (Java admin: <c>getConsumerRunningInfo</c>, the body of
/// GET_CONSUMER_RUNNING_INFO relayed by a broker; Go lacks the admin side).
/// </summary>
/// <param name="Properties">Configuration and state as text (PROP_CONSUME_TYPE, PROP_CLIENT_VERSION, ...).</param>
/// <param name="Subscriptions">Subscribed topic to its expression (retry topics included).</param>
/// <param name="Queues">Per-queue processing state of the queues the client owns.</param>
/// <param name="StatusTable">Per-topic consume statistics.</param>
/// <param name="JStack">The stack dump, when asked for and given.</param>
public sealed record ConsumerRunningInfo(
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Subscriptions,
    IReadOnlyDictionary<MessageQueue, ProcessQueueInfo> Queues,
    IReadOnlyDictionary<string, ConsumeStatus> StatusTable,
    string? JStack)
{
    /// <summary>PROP_CONSUME_TYPE: CONSUME_PASSIVELY (push) or CONSUME_ACTIVELY (pull); null when not reported.</summary>
    public string? ConsumeType => Properties.TryGetValue(Model.ConsumerRunningInfo.PropConsumeType, out var v) ? v : null;

    internal static ConsumerRunningInfo From(Model.ConsumerRunningInfo body)
    {
        var subscriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var sub in body.SubscriptionSet)
        {
            subscriptions[sub.Topic] = sub.SubString;
        }

        var queues = new Dictionary<MessageQueue, ProcessQueueInfo>(body.MQTable.Count);
        foreach (var (mq, pq) in body.MQTable)
        {
            queues[mq] = new ProcessQueueInfo(pq.CommitOffset, pq.CachedMsgMinOffset, pq.CachedMsgMaxOffset, pq.CachedMsgCount, pq.CachedMsgSizeInMiB,
                pq.Locked, pq.Dropped, pq.LastPullTimestamp, pq.LastConsumeTimestamp);
        }

        var status = new Dictionary<string, ConsumeStatus>(body.StatusTable.Count, StringComparer.Ordinal);
        foreach (var (topic, s) in body.StatusTable)
        {
            status[topic] = new ConsumeStatus(s.PullRT, s.PullTPS, s.ConsumeRT, s.ConsumeOKTPS, s.ConsumeFailedTPS, s.ConsumeFailedMsgs);
        }

        return new ConsumerRunningInfo(new Dictionary<string, string>(body.Properties, StringComparer.Ordinal), subscriptions, queues, status, body.JStack);
    }
}

/// <summary>A queue's processing state in <see cref="ConsumerRunningInfo"/> (Go/Java: <c>ProcessQueueInfo</c>).</summary>
/// <param name="CommitOffset">Committed offset.</param>
/// <param name="CachedMsgMinOffset">Lowest offset pulled and not consumed yet.</param>
/// <param name="CachedMsgMaxOffset">Highest offset pulled and not consumed yet.</param>
/// <param name="CachedMsgCount">Messages pulled and not consumed yet.</param>
/// <param name="CachedMsgSizeInMiB">Their size in MiB.</param>
/// <param name="Locked">Locked for orderly consumption.</param>
/// <param name="Dropped">Dropped by a rebalance.</param>
/// <param name="LastPullTimestamp">Last pull, epoch ms.</param>
/// <param name="LastConsumeTimestamp">Last consume, epoch ms.</param>
public sealed record ProcessQueueInfo(
    long CommitOffset,
    long CachedMsgMinOffset,
    long CachedMsgMaxOffset,
    int CachedMsgCount,
    int CachedMsgSizeInMiB,
    bool Locked,
    bool Dropped,
    long LastPullTimestamp,
    long LastConsumeTimestamp);

/// <summary>Per-topic consume statistics in <see cref="ConsumerRunningInfo"/> (Go/Java: <c>ConsumeStatus</c>).</summary>
/// <param name="PullRT">Pull round trip, ms.</param>
/// <param name="PullTPS">Pulled messages per second.</param>
/// <param name="ConsumeRT">Consume time, ms.</param>
/// <param name="ConsumeOKTPS">Successful consumes per second.</param>
/// <param name="ConsumeFailedTPS">Failed consumes per second.</param>
/// <param name="ConsumeFailedMsgs">Failed consumes in the last hour.</param>
public sealed record ConsumeStatus(double PullRT, double PullTPS, double ConsumeRT, double ConsumeOKTPS, double ConsumeFailedTPS, long ConsumeFailedMsgs);
