using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A JSON command body (Java: RemotingSerializable). Decoding goes through <see cref="FastJson"/>, so fastjson's
/// unquoted and object map keys read; encoding writes fastjson's shape (fields in alphabetical order, null fields
/// left out, object map keys where Java has them).
/// </summary>
internal interface IRemotingBody<out TSelf>
    where TSelf : IRemotingBody<TSelf>
{
    /// <summary>Reads the body; malformed JSON raises <see cref="RemotingProtocolException"/>.</summary>
    static abstract TSelf Decode(ReadOnlySpan<byte> body);

    /// <summary>The UTF-8 JSON body.</summary>
    byte[] Encode();
}

/// <summary>MessageQueue in JSON: <c>{"brokerName":..,"queueId":..,"topic":..}</c>, also as an object map key.</summary>
internal static class MessageQueueJson
{
    public static MessageQueue Read(FastJsonValue value)
    {
        var obj = value.AsObject();
        return new MessageQueue(obj.GetString("topic") ?? string.Empty, obj.GetString("brokerName") ?? string.Empty, obj.GetInt32("queueId"));
    }

    public static void Write(FastJsonWriter writer, MessageQueue queue)
    {
        writer.WriteStartObject();
        WriteFields(writer, queue);
        writer.WriteEndObject();
    }

    /// <summary>Writes the queue as the key of the next map entry; the caller then writes the value.</summary>
    public static void WriteKey(FastJsonWriter writer, MessageQueue queue)
    {
        writer.WriteStartObjectKey();
        WriteFields(writer, queue);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The queue of an object-keyed entry. fastjson writes the key as an object; some writers (gson, or a
    /// map serialized with WriteNonStringKeyAsString) quote it as JSON text, which is read here as well.
    /// </summary>
    public static MessageQueue ReadKey(FastJsonProperty entry)
        => entry.ObjectKey is { } key ? Read(key)
            : entry.Name is { } text && text.StartsWith('{') ? Read(FastJson.ParseObject(text))
            : throw new RemotingProtocolException($"expected a MessageQueue object as map key, found '{entry.Name}'");

    public static List<MessageQueue> ReadList(FastJsonArray? array)
    {
        var list = new List<MessageQueue>(array?.Count ?? 0);
        if (array is not null)
        {
            foreach (var item in array)
            {
                list.Add(Read(item));
            }
        }

        return list;
    }

    public static void WriteList(FastJsonWriter writer, string name, IEnumerable<MessageQueue> queues)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var queue in queues)
        {
            Write(writer, queue);
        }

        writer.WriteEndArray();
    }

    /// <summary>Java's MessageQueue.compareTo: topic, then broker name, then queue id (TreeMap order).</summary>
    public static int Compare(MessageQueue? a, MessageQueue? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(a.Topic, b.Topic);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.BrokerName, b.BrokerName);
        return c != 0 ? c : a.QueueId.CompareTo(b.QueueId);
    }

    private static void WriteFields(FastJsonWriter writer, MessageQueue queue)
    {
        writer.WriteString("brokerName", queue.BrokerName);
        writer.WriteNumber("queueId", queue.QueueId);
        writer.WriteString("topic", queue.Topic);
    }
}

/// <summary>Small helpers shared by the body types.</summary>
internal static class BodyJson
{
    public static List<string> ReadStrings(FastJsonArray? array)
    {
        var list = new List<string>(array?.Count ?? 0);
        if (array is not null)
        {
            foreach (var item in array)
            {
                if (item.GetString() is { } s)
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }

    public static void WriteStrings(FastJsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
