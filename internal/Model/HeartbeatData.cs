using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Body of HEART_BEAT (34) (Go: model.go <c>heartbeatData</c>): the client id and every producer and consumer group
/// it runs. Written field for field like the Java client's (tested byte-exact against the captures).
/// </summary>
internal sealed class HeartbeatData : IRemotingBody<HeartbeatData>
{
    /// <summary>Client id (JSON <c>clientID</c>).</summary>
    public string ClientID { get; set; } = string.Empty;

    /// <summary>Producer groups (Go: <c>ProducerDatas</c>), in the order added.</summary>
    public List<ProducerData> ProducerDataSet { get; set; } = [];

    /// <summary>Consumer groups (Go: <c>ConsumerDatas</c>), in the order added.</summary>
    public List<ConsumerData> ConsumerDataSet { get; set; } = [];

    /// <summary>Go: <c>NewHeartbeatData</c>.</summary>
    public static HeartbeatData Create(string clientID) => new() { ClientID = clientID };

    /// <inheritdoc />
    public static HeartbeatData Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var data = new HeartbeatData { ClientID = obj.GetString("clientID") ?? string.Empty };
        if (obj.GetArray("producerDataSet") is { } producers)
        {
            foreach (var p in producers)
            {
                data.ProducerDataSet.Add(new ProducerData(p.AsObject().GetString("groupName") ?? string.Empty));
            }
        }

        if (obj.GetArray("consumerDataSet") is { } consumers)
        {
            foreach (var c in consumers)
            {
                data.ConsumerDataSet.Add(ConsumerData.Read(c.AsObject()));
            }
        }

        return data;
    }

    /// <summary>Go: <c>encode</c>.</summary>
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, data) => data.Write(w));

    private void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("clientID", ClientID);
        writer.WritePropertyName("consumerDataSet");
        writer.WriteStartArray();
        foreach (var consumer in ConsumerDataSet)
        {
            consumer.Write(writer);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("producerDataSet");
        writer.WriteStartArray();
        foreach (var producer in ProducerDataSet)
        {
            writer.WriteStartObject();
            writer.WriteString("groupName", producer.GroupName);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A producer group in a heartbeat (Go: <c>producerData</c>).</summary>
/// <param name="GroupName">Producer group.</param>
internal sealed record ProducerData(string GroupName);

/// <summary>A consumer group in a heartbeat (Go: <c>consumerData</c>).</summary>
internal sealed class ConsumerData
{
    /// <summary>Push consumer (Java ConsumeType.CONSUME_PASSIVELY).</summary>
    public const string ConsumePassively = "CONSUME_PASSIVELY";

    /// <summary>Pull consumer (Java ConsumeType.CONSUME_ACTIVELY).</summary>
    public const string ConsumeActively = "CONSUME_ACTIVELY";

    /// <summary>Java MessageModel.CLUSTERING.</summary>
    public const string Clustering = "CLUSTERING";

    /// <summary>Java MessageModel.BROADCASTING.</summary>
    public const string Broadcasting = "BROADCASTING";

    /// <summary>Java ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET.</summary>
    public const string ConsumeFromLastOffset = "CONSUME_FROM_LAST_OFFSET";

    /// <summary>Java ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET.</summary>
    public const string ConsumeFromFirstOffset = "CONSUME_FROM_FIRST_OFFSET";

    /// <summary>Java ConsumeFromWhere.CONSUME_FROM_TIMESTAMP.</summary>
    public const string ConsumeFromTimestamp = "CONSUME_FROM_TIMESTAMP";

    /// <summary>Consumer group.</summary>
    public string GroupName { get; set; } = string.Empty;

    /// <summary><see cref="ConsumePassively"/> or <see cref="ConsumeActively"/> (Go: <c>CType</c>).</summary>
    public string ConsumeType { get; set; } = ConsumePassively;

    /// <summary><see cref="Clustering"/> or <see cref="Broadcasting"/>.</summary>
    public string MessageModel { get; set; } = Clustering;

    /// <summary>Where a new group starts (Go: <c>Where</c>).</summary>
    public string ConsumeFromWhere { get; set; } = ConsumeFromLastOffset;

    /// <summary>Subscriptions (Go: <c>SubscriptionDatas</c>), in the order added.</summary>
    public List<SubscriptionData> SubscriptionDataSet { get; set; } = [];

    /// <summary>Unit mode.</summary>
    public bool UnitMode { get; set; }

    internal static ConsumerData Read(FastJsonObject obj)
    {
        var data = new ConsumerData
        {
            GroupName = obj.GetString("groupName") ?? string.Empty,
            ConsumeType = obj.GetString("consumeType") ?? ConsumePassively,
            MessageModel = obj.GetString("messageModel") ?? Clustering,
            ConsumeFromWhere = obj.GetString("consumeFromWhere") ?? ConsumeFromLastOffset,
            UnitMode = obj.GetBoolean("unitMode"),
        };
        if (obj.GetArray("subscriptionDataSet") is { } subs)
        {
            foreach (var s in subs)
            {
                data.SubscriptionDataSet.Add(SubscriptionData.Read(s.AsObject()));
            }
        }

        return data;
    }

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("consumeFromWhere", ConsumeFromWhere);
        writer.WriteString("consumeType", ConsumeType);
        writer.WriteString("groupName", GroupName);
        writer.WriteString("messageModel", MessageModel);
        writer.WritePropertyName("subscriptionDataSet");
        writer.WriteStartArray();
        foreach (var sub in SubscriptionDataSet)
        {
            sub.Write(writer);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("unitMode", UnitMode);
        writer.WriteEndObject();
    }
}
