using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Body of GET_ALL_TOPIC_LIST_FROM_NAMESERVER (206) and similar topic lists (Go: admin <c>TopicList</c>).</summary>
internal sealed class TopicList : IRemotingBody<TopicList>
{
    /// <summary>Topic names.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>The answering broker's address, when a broker answers.</summary>
    public string? BrokerAddr { get; set; }

    /// <inheritdoc />
    public static TopicList Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        return new TopicList { Topics = BodyJson.ReadStrings(obj.GetArray("topicList")), BrokerAddr = obj.GetString("brokerAddr") };
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, list) =>
    {
        w.WriteStartObject();
        w.WriteString("brokerAddr", list.BrokerAddr);
        BodyJson.WriteStrings(w, "topicList", list.Topics);
        w.WriteEndObject();
    });
}

/// <summary>Body of the GET_CONSUMER_LIST_BY_GROUP (38) response: <c>{"consumerIdList":[..]}</c> (Go reads it inline).</summary>
internal sealed class GetConsumerListByGroupResponseBody : IRemotingBody<GetConsumerListByGroupResponseBody>
{
    /// <summary>Client ids of the group's online consumers.</summary>
    public List<string> ConsumerIdList { get; set; } = [];

    /// <inheritdoc />
    public static GetConsumerListByGroupResponseBody Decode(ReadOnlySpan<byte> body)
        => new() { ConsumerIdList = BodyJson.ReadStrings(FastJson.ParseObject(body).GetArray("consumerIdList")) };

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, b) =>
    {
        w.WriteStartObject();
        BodyJson.WriteStrings(w, "consumerIdList", b.ConsumerIdList);
        w.WriteEndObject();
    });
}
