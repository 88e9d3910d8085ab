using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Body of the GET_CONSUME_STATS (208) response: per-queue broker and consumer offsets, keyed by MessageQueue
/// objects (what mqadmin consumerProgress prints). Go lacks it.
/// </summary>
internal sealed class ConsumeStats : IRemotingBody<ConsumeStats>
{
    /// <summary>Queue to offsets.</summary>
    public Dictionary<MessageQueue, OffsetWrapper> OffsetTable { get; set; } = [];

    /// <summary>Consume rate of the group.</summary>
    public double ConsumeTps { get; set; }

    /// <summary>Sum of broker offset minus consumer offset over all queues (Java: computeTotalDiff).</summary>
    public long ComputeTotalDiff()
    {
        long diff = 0;
        foreach (var wrapper in OffsetTable.Values)
        {
            diff += wrapper.BrokerOffset - wrapper.ConsumerOffset;
        }

        return diff;
    }

    /// <inheritdoc />
    public static ConsumeStats Decode(ReadOnlySpan<byte> body) => Read(FastJson.ParseObject(body));

    /// <summary>Reads a ConsumeStats object (also one nested in a ConsumeStatsList, GET_BROKER_CONSUME_STATS).</summary>
    internal static ConsumeStats Read(FastJsonObject obj)
    {
        var stats = new ConsumeStats { ConsumeTps = obj.GetDouble("consumeTps") };
        if (obj.GetObject("offsetTable") is { } table)
        {
            foreach (var entry in table)
            {
                var value = entry.Value.AsObject();
                stats.OffsetTable[MessageQueueJson.ReadKey(entry)] = new OffsetWrapper(
                    value.GetInt64("brokerOffset"), value.GetInt64("consumerOffset"), value.GetInt64("lastTimestamp"));
            }
        }

        return stats;
    }

    /// <summary>Writes the body; queues keep insertion order (Java writes its HashMap's order, which no reader relies on).</summary>
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteNumber("consumeTps", s.ConsumeTps);
        w.WritePropertyName("offsetTable");
        w.WriteStartObject();
        foreach (var (queue, offsets) in s.OffsetTable)
        {
            MessageQueueJson.WriteKey(w, queue);
            w.WriteStartObject();
            w.WriteNumber("brokerOffset", offsets.BrokerOffset);
            w.WriteNumber("consumerOffset", offsets.ConsumerOffset);
            w.WriteNumber("lastTimestamp", offsets.LastTimestamp);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}

/// <summary>Offsets of one queue in <see cref="ConsumeStats"/>.</summary>
/// <param name="BrokerOffset">The queue's max offset.</param>
/// <param name="ConsumerOffset">The group's committed offset.</param>
/// <param name="LastTimestamp">Store time of the last consumed message, epoch ms (0 when none).</param>
internal sealed record OffsetWrapper(long BrokerOffset, long ConsumerOffset, long LastTimestamp);
