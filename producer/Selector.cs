using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Chooses the queue a message goes to (Go: <c>producer.QueueSelector</c>). Called once per attempt: on a retry
/// the last broker name argument names the broker that just failed, so a balancing selector can avoid it.
/// Implementations must be thread-safe.
/// </summary>
public interface IQueueSelector
{
    /// <summary>The queue for <paramref name="message"/> among <paramref name="queues"/> (never empty); null to give up.</summary>
    /// <param name="message">The message being sent.</param>
    /// <param name="queues">The topic's writeable queues.</param>
    /// <param name="lastBrokerName">The broker of the failed previous attempt, or the empty string on the first.</param>
    MessageQueue? Select(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName);
}

/// <summary>Go's selector constructors (<c>NewRoundRobinQueueSelector</c>, ...).</summary>
public static class QueueSelectors
{
    /// <summary>Round robin over the queues, per topic; the default (Go: <c>NewRoundRobinQueueSelector</c>).</summary>
    public static IQueueSelector NewRoundRobinQueueSelector() => new RoundRobinQueueSelector();

    /// <summary>A random queue each time (Go: <c>NewRandomQueueSelector</c>).</summary>
    public static IQueueSelector NewRandomQueueSelector() => new RandomQueueSelector();

    /// <summary>
    /// The queue picked by the hash of the sharding key, so one key's messages keep their order in one queue; a
    /// random queue when the message has no sharding key (Go: <c>NewHashQueueSelector</c>).
    /// </summary>
    public static IQueueSelector NewHashQueueSelector() => new HashQueueSelector();

    /// <summary>The queue set on the message's <see cref="Message.Queue"/> (Go: <c>NewManualQueueSelector</c>).</summary>
    public static IQueueSelector NewManualQueueSelector() => new ManualQueueSelector();
}

/// <summary>A predicate on broker names, used by the latency fault strategy to steer a balancing selector.</summary>
internal interface IBrokerFilter
{
    /// <summary>True when <paramref name="brokerName"/> may receive the message.</summary>
    bool Accept(string brokerName);
}

/// <summary>A selector that spreads load and may therefore be steered away from brokers (round robin, random).</summary>
internal interface IBalancingQueueSelector : IQueueSelector
{
    /// <summary>
    /// As <see cref="IQueueSelector.Select"/>, taking only a queue whose broker is not <paramref name="lastBrokerName"/>
    /// and that <paramref name="filter"/> accepts; null when no queue qualifies.
    /// </summary>
    MessageQueue? SelectFiltered(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName, IBrokerFilter? filter);
}

/// <summary>Go's <c>roundRobinQueueSelector</c>: one counter per topic, advanced on every pick.</summary>
public sealed class RoundRobinQueueSelector : IBalancingQueueSelector
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _indexer = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public MessageQueue? Select(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName)
    {
        if (queues.Count == 0)
        {
            return null;
        }

        // As Go: avoid the last broker when another one exists, else plain round robin.
        return (string.IsNullOrEmpty(lastBrokerName) ? null : SelectFiltered(message, queues, lastBrokerName, null))
            ?? queues[Next(message.Topic, queues.Count)];
    }

    MessageQueue? IBalancingQueueSelector.SelectFiltered(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName, IBrokerFilter? filter)
        => SelectFiltered(message, queues, lastBrokerName, filter);

    private MessageQueue? SelectFiltered(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName, IBrokerFilter? filter)
    {
        var count = queues.Count;
        for (var i = 0; i < count; i++)
        {
            var queue = queues[Next(message.Topic, count)];
            if ((string.IsNullOrEmpty(lastBrokerName) || !string.Equals(queue.BrokerName, lastBrokerName, StringComparison.Ordinal))
                && (filter is null || filter.Accept(queue.BrokerName)))
            {
                return queue;
            }
        }

        return null;
    }

    private int Next(string topic, int count)
    {
        var counter = _indexer.GetOrAdd(topic, static _ => new StrongBox<int>(0));

        // Unsigned modulo: the counter wraps negative after 2^31 picks.
        return (int)((uint)Interlocked.Increment(ref counter.Value) % (uint)count);
    }
}

/// <summary>Go's <c>randomQueueSelector</c>.</summary>
public sealed class RandomQueueSelector : IBalancingQueueSelector
{
    /// <inheritdoc />
    public MessageQueue? Select(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName)
        => queues.Count == 0 ? null : queues[Random.Shared.Next(queues.Count)];

    MessageQueue? IBalancingQueueSelector.SelectFiltered(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName, IBrokerFilter? filter)
    {
        var count = queues.Count;
        if (count == 0)
        {
            return null;
        }

        // A random start then a scan keeps the choice uniform among the accepted queues' neighbours and bounded.
        var start = Random.Shared.Next(count);
        for (var i = 0; i < count; i++)
        {
            var queue = queues[(start + i) % count];
            if ((string.IsNullOrEmpty(lastBrokerName) || !string.Equals(queue.BrokerName, lastBrokerName, StringComparison.Ordinal))
                && (filter is null || filter.Accept(queue.BrokerName)))
            {
                return queue;
            }
        }

        return null;
    }
}

/// <summary>
/// Go's <c>hashQueueSelector</c>: FNV-1a (32 bit) of the sharding key's UTF-8 bytes modulo the queue count, the same
/// queue Go producers pick for the key; random without a key.
/// </summary>
public sealed class HashQueueSelector : IQueueSelector
{
    private readonly RandomQueueSelector _random = new();

    /// <inheritdoc />
    public MessageQueue? Select(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName)
    {
        if (queues.Count == 0)
        {
            return null;
        }

        var key = message.GetShardingKey();
        if (key.Length == 0)
        {
            return _random.Select(message, queues, lastBrokerName);
        }

        return queues[(int)(Fnv1a32(key) % (uint)queues.Count)];
    }

    /// <summary>FNV-1a over the UTF-8 encoding of <paramref name="key"/> (Go: <c>hash/fnv.New32a</c>).</summary>
    internal static uint Fnv1a32(string key)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var bytes = max <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return hash;
    }
}

/// <summary>Go's <c>manualQueueSelector</c>: the queue the sender set on <see cref="Message.Queue"/>.</summary>
public sealed class ManualQueueSelector : IQueueSelector
{
    /// <inheritdoc />
    public MessageQueue? Select(Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName) => message.Queue;
}
