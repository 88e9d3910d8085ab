using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Body of the GET_CONSUMER_CONNECTION_LIST (203) response: a group's clients and subscriptions. Go lacks it.</summary>
internal sealed class ConsumerConnection : IRemotingBody<ConsumerConnection>
{
    /// <summary>Connected clients.</summary>
    public List<Connection> ConnectionSet { get; set; } = [];

    /// <summary>Topic to subscription.</summary>
    public Dictionary<string, SubscriptionData> SubscriptionTable { get; set; } = [];

    /// <summary>CONSUME_PASSIVELY or CONSUME_ACTIVELY.</summary>
    public string? ConsumeType { get; set; }

    /// <summary>CLUSTERING or BROADCASTING.</summary>
    public string? MessageModel { get; set; }

    /// <summary>Where the group starts.</summary>
    public string? ConsumeFromWhere { get; set; }

    /// <inheritdoc />
    public static ConsumerConnection Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var result = new ConsumerConnection
        {
            ConsumeType = obj.GetString("consumeType"),
            MessageModel = obj.GetString("messageModel"),
            ConsumeFromWhere = obj.GetString("consumeFromWhere"),
        };
        if (obj.GetArray("connectionSet") is { } connections)
        {
            foreach (var c in connections)
            {
                result.ConnectionSet.Add(Connection.Read(c.AsObject()));
            }
        }

        if (obj.GetObject("subscriptionTable") is { } subs)
        {
            foreach (var entry in subs)
            {
                result.SubscriptionTable[entry.Name ?? string.Empty] = SubscriptionData.Read(entry.Value.AsObject());
            }
        }

        return result;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, c) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("connectionSet");
        w.WriteStartArray();
        foreach (var connection in c.ConnectionSet)
        {
            connection.Write(w);
        }

        w.WriteEndArray();
        w.WriteString("consumeFromWhere", c.ConsumeFromWhere);
        w.WriteString("consumeType", c.ConsumeType);
        w.WriteString("messageModel", c.MessageModel);
        w.WritePropertyName("subscriptionTable");
        w.WriteStartObject();
        foreach (var (topic, sub) in c.SubscriptionTable)
        {
            w.WritePropertyName(topic);
            sub.Write(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}

/// <summary>One client connection of a group.</summary>
internal sealed class Connection
{
    /// <summary>Client id.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Remote address host:port.</summary>
    public string ClientAddr { get; set; } = string.Empty;

    /// <summary>Language name (JAVA, DOTNET, GO, ...).</summary>
    public string Language { get; set; } = string.Empty;

    /// <summary>Protocol version number (409 = V4_9_8).</summary>
    public int Version { get; set; }

    internal static Connection Read(FastJsonObject obj) => new()
    {
        ClientId = obj.GetString("clientId") ?? string.Empty,
        ClientAddr = obj.GetString("clientAddr") ?? string.Empty,
        Language = obj.GetString("language") ?? string.Empty,
        Version = obj.GetInt32("version"),
    };

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("clientAddr", ClientAddr);
        writer.WriteString("clientId", ClientId);
        writer.WriteString("language", Language);
        writer.WriteNumber("version", Version);
        writer.WriteEndObject();
    }
}
