using System.Collections.Concurrent;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>A queue of a topic on this broker, as lock bodies name it.</summary>
internal readonly record struct QueueKey(string Topic, string BrokerName, int QueueId);

/// <summary>
/// Orderly-consumption queue locks (Java: RebalanceLockManager): a client holds a queue for its group until it
/// unlocks it or stops renewing for 60 s.
/// </summary>
internal sealed class RebalanceLockManager(TimeProvider time, TimeSpan maxLiveTime)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<QueueKey, LockEntry>> _table = new();

    /// <summary>Locks (or renews) what is free or already the client's; returns the queues the client now holds.</summary>
    public HashSet<QueueKey> TryLockBatch(string group, IEnumerable<QueueKey> queues, string clientId)
    {
        var locked = new HashSet<QueueKey>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
        {
            if (!_table.TryGetValue(group, out var groupTable))
            {
                _table[group] = groupTable = new Dictionary<QueueKey, LockEntry>();
            }

            foreach (var queue in queues)
            {
                if (!groupTable.TryGetValue(queue, out var entry) || IsExpired(entry, now) || entry.ClientId == clientId)
                {
                    groupTable[queue] = new LockEntry(clientId, now);
                    locked.Add(queue);
                }
            }
        }

        return locked;
    }

    /// <summary>Releases the client's locks on the queues.</summary>
    public void UnlockBatch(string group, IEnumerable<QueueKey> queues, string clientId)
    {
        lock (_lock)
        {
            if (!_table.TryGetValue(group, out var groupTable))
            {
                return;
            }

            foreach (var queue in queues)
            {
                if (groupTable.TryGetValue(queue, out var entry) && entry.ClientId == clientId)
                {
                    groupTable.Remove(queue);
                }
            }
        }
    }

    /// <summary>True when the client holds a live lock on the queue.</summary>
    public bool IsLockedBy(string group, QueueKey queue, string clientId)
    {
        lock (_lock)
        {
            return _table.TryGetValue(group, out var groupTable) && groupTable.TryGetValue(queue, out var entry)
                && entry.ClientId == clientId && !IsExpired(entry, time.GetUtcNow().ToUnixTimeMilliseconds());
        }
    }

    private bool IsExpired(LockEntry entry, long now) => now - entry.LastUpdate > (long)maxLiveTime.TotalMilliseconds;

    private readonly record struct LockEntry(string ClientId, long LastUpdate);
}
