using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Body of RESET_CONSUMER_CLIENT_OFFSET (220): new offsets keyed by MessageQueue objects (Go: model.go
/// <c>ResetOffsetBody</c>, which splits the text by hand for fastjson's form and mis-reads nested braces).
/// </summary>
internal sealed class ResetOffsetBody : IRemotingBody<ResetOffsetBody>
{
    /// <summary>Queue to offset.</summary>
    public Dictionary<MessageQueue, long> OffsetTable { get; set; } = [];

    /// <inheritdoc />
    public static ResetOffsetBody Decode(ReadOnlySpan<byte> body)
        => new() { OffsetTable = OffsetTables.Read(FastJson.ParseObject(body)["offsetTable"]) };

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, b) =>
    {
        w.WriteStartObject();
        OffsetTables.Write(w, "offsetTable", b.OffsetTable);
        w.WriteEndObject();
    });
}

/// <summary>
/// Answer to GET_CONSUMER_STATUS_FROM_CLIENT (221) (Go: model.go <c>ConsumerStatus</c>; Java: GetConsumerStatusBody).
/// A client fills <see cref="MessageQueueTable"/>; the broker aggregates clients into <see cref="ConsumerTable"/>.
/// </summary>
internal sealed class GetConsumerStatusBody : IRemotingBody<GetConsumerStatusBody>
{
    /// <summary>Queue to consumed offset (Go: <c>MQOffsetMap</c>).</summary>
    public Dictionary<MessageQueue, long> MessageQueueTable { get; set; } = [];

    /// <summary>Client id to its queue offsets.</summary>
    public Dictionary<string, Dictionary<MessageQueue, long>> ConsumerTable { get; set; } = [];

    /// <inheritdoc />
    public static GetConsumerStatusBody Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var result = new GetConsumerStatusBody { MessageQueueTable = OffsetTables.Read(obj["messageQueueTable"]) };
        if (obj.GetObject("consumerTable") is { } table)
        {
            foreach (var entry in table)
            {
                result.ConsumerTable[entry.Name ?? string.Empty] = OffsetTables.Read(entry.Value);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, b) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("consumerTable");
        w.WriteStartObject();
        foreach (var (client, table) in b.ConsumerTable)
        {
            w.WritePropertyName(client);
            OffsetTables.WriteValue(w, table);
        }

        w.WriteEndObject();
        OffsetTables.Write(w, "messageQueueTable", b.MessageQueueTable);
        w.WriteEndObject();
    });
}

/// <summary>Maps keyed by MessageQueue objects with a long value.</summary>
internal static class OffsetTables
{
    /// <summary>
    /// Reads fastjson's object-keyed form <c>{{mq}:offset,..}</c> and also gson's complex-key form
    /// <c>[[{mq},offset],..]</c>, which some tools send (Go's ResetOffsetBody handles both by splitting text).
    /// </summary>
    public static Dictionary<MessageQueue, long> Read(FastJsonValue? value)
    {
        var table = new Dictionary<MessageQueue, long>();
        switch (value)
        {
            case FastJsonObject obj:
                foreach (var entry in obj)
                {
                    table[MessageQueueJson.ReadKey(entry)] = entry.Value.GetInt64();
                }

                break;
            case FastJsonArray pairs:
                foreach (var pair in pairs)
                {
                    var kv = pair.AsArray();
                    if (kv.Count != 2)
                    {
                        throw new RemotingProtocolException($"expected a [queue, offset] pair in an offset table, found {kv.Count} items");
                    }

                    table[MessageQueueJson.Read(kv[0])] = kv[1].GetInt64();
                }

                break;
        }

        return table;
    }

    public static void Write(FastJsonWriter writer, string name, Dictionary<MessageQueue, long> table)
    {
        writer.WritePropertyName(name);
        WriteValue(writer, table);
    }

    public static void WriteValue(FastJsonWriter writer, Dictionary<MessageQueue, long> table)
    {
        writer.WriteStartObject();
        var queues = new List<MessageQueue>(table.Keys);
        queues.Sort(MessageQueueJson.Compare);
        foreach (var queue in queues)
        {
            MessageQueueJson.WriteKey(writer, queue);
            writer.WriteNumberValue(table[queue]);
        }

        writer.WriteEndObject();
    }
}
