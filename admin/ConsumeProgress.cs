using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// A consumer group's progress (Java admin: <c>examineConsumeStats</c>, what <c>mqadmin consumerProgress</c>
/// prints; Go lacks it): one row per queue, sorted by topic, broker and queue id, and the totals.
/// </summary>
/// <param name="Group">The consumer group as the broker knows it (namespaced).</param>
/// <param name="Queues">Per-queue offsets.</param>
/// <param name="ConsumeTps">Messages per second the group consumes, summed over the brokers.</param>
public sealed record ConsumeProgress(string Group, IReadOnlyList<QueueProgress> Queues, double ConsumeTps)
{
    /// <summary>Sum of the queues' broker offsets.</summary>
    public long TotalBrokerOffset
    {
        get
        {
            long total = 0;
            foreach (var q in Queues)
            {
                total += q.BrokerOffset;
            }

            return total;
        }
    }

    /// <summary>Sum of the queues' consumer offsets.</summary>
    public long TotalConsumerOffset
    {
        get
        {
            long total = 0;
            foreach (var q in Queues)
            {
                total += q.ConsumerOffset;
            }

            return total;
        }
    }

    /// <summary>Messages stored but not consumed yet, over every queue (Java: <c>computeTotalDiff</c>).</summary>
    public long TotalLag
    {
        get
        {
            long total = 0;
            foreach (var q in Queues)
            {
                total += q.Lag;
            }

            return total;
        }
    }
}

/// <summary>One queue's row of <see cref="ConsumeProgress"/> (Java: <c>OffsetWrapper</c> with its queue).</summary>
/// <param name="Queue">The queue.</param>
/// <param name="BrokerOffset">The queue's max offset: the offset the next stored message gets.</param>
/// <param name="ConsumerOffset">The group's committed offset: the next message it will consume.</param>
/// <param name="LastTimestamp">Store time of the last consumed message, epoch ms; 0 when none.</param>
public sealed record QueueProgress(MessageQueue Queue, long BrokerOffset, long ConsumerOffset, long LastTimestamp)
{
    /// <summary>Messages not consumed yet: broker offset minus consumer offset, never negative.</summary>
    public long Lag => Math.Max(0, BrokerOffset - ConsumerOffset);
}
