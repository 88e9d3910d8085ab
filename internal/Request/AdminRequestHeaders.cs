using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Internal.HeaderFields;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Header of GET_ROUTEINFO_BY_TOPIC (105) (Go: <c>GetRouteInfoRequestHeader</c>).</summary>
internal sealed class GetRouteInfoRequestHeader : ICommandHeader<GetRouteInfoRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>4.9.8+: ask the name server for standard JSON (quoted map keys). Not sent when null.</summary>
    public bool? AcceptStandardJsonOnly { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.AddIfNotNull("acceptStandardJsonOnly", AcceptStandardJsonOnly);
    }

    /// <inheritdoc />
    public static GetRouteInfoRequestHeader Decode(HeaderFieldSource fields)
    {
        return new GetRouteInfoRequestHeader
        {
            Topic = Required(fields, "topic"),
            AcceptStandardJsonOnly = OptionalBoolean(fields, "acceptStandardJsonOnly"),
        };
    }
}

/// <summary>Header of UPDATE_AND_CREATE_TOPIC (17) (Go: <c>CreateTopicRequestHeader</c>).</summary>
internal sealed class CreateTopicRequestHeader : ICommandHeader<CreateTopicRequestHeader>
{
    /// <summary>Topic to create.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Template topic (TBW102).</summary>
    public string DefaultTopic { get; set; } = Constants.DefaultTopic;

    /// <summary>Read queues.</summary>
    public int ReadQueueNums { get; set; } = Constants.DefaultTopicQueueNums;

    /// <summary>Write queues.</summary>
    public int WriteQueueNums { get; set; } = Constants.DefaultTopicQueueNums;

    /// <summary>Permission bits (see <see cref="Perm"/>); 6 = read + write.</summary>
    public int Perm { get; set; } = Internal.Perm.Read | Internal.Perm.Write;

    /// <summary>SINGLE_TAG or MULTI_TAG.</summary>
    public string TopicFilterType { get; set; } = "SINGLE_TAG";

    /// <summary>Topic system flag.</summary>
    public int? TopicSysFlag { get; set; }

    /// <summary>Ordered topic.</summary>
    public bool Order { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("defaultTopic", DefaultTopic);
        fields.Add("readQueueNums", ReadQueueNums);
        fields.Add("writeQueueNums", WriteQueueNums);
        fields.Add("perm", Perm);
        fields.Add("topicFilterType", TopicFilterType);
        fields.Add("order", Order);
        fields.AddIfNotNull("topicSysFlag", TopicSysFlag);
    }

    /// <inheritdoc />
    public static CreateTopicRequestHeader Decode(HeaderFieldSource fields)
    {
        return new CreateTopicRequestHeader
        {
            Topic = Required(fields, "topic"),
            DefaultTopic = Required(fields, "defaultTopic"),
            ReadQueueNums = RequiredInt32(fields, "readQueueNums"),
            WriteQueueNums = RequiredInt32(fields, "writeQueueNums"),
            Perm = RequiredInt32(fields, "perm"),
            TopicFilterType = Required(fields, "topicFilterType"),
            TopicSysFlag = OptionalInt32(fields, "topicSysFlag"),
            Order = OptionalBoolean(fields, "order") ?? false,
        };
    }
}

/// <summary>Header of DELETE_TOPIC_IN_BROKER (215) (Go: <c>DeleteTopicRequestHeader</c>).</summary>
internal sealed class DeleteTopicRequestHeader : ICommandHeader<DeleteTopicRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
    }

    /// <inheritdoc />
    public static DeleteTopicRequestHeader Decode(HeaderFieldSource fields)
        => new() { Topic = Required(fields, "topic") };
}

/// <summary>
/// Header of DELETE_TOPIC_IN_NAMESRV (216). Go sends its DeleteTopicRequestHeader (topic only); Java's header may
/// also name the cluster.
/// </summary>
internal sealed class DeleteTopicFromNamesrvRequestHeader : ICommandHeader<DeleteTopicFromNamesrvRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Only from this cluster's brokers, or everywhere when null.</summary>
    public string? ClusterName { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.AddIfNotNull("clusterName", ClusterName);
    }

    /// <inheritdoc />
    public static DeleteTopicFromNamesrvRequestHeader Decode(HeaderFieldSource fields)
    {
        return new DeleteTopicFromNamesrvRequestHeader { Topic = Required(fields, "topic"), ClusterName = Optional(fields, "clusterName") };
    }
}

/// <summary>Header of QUERY_MESSAGE (12) (Go: <c>QueryMessageRequestHeader</c>).</summary>
internal sealed class QueryMessageRequestHeader : ICommandHeader<QueryMessageRequestHeader>
{
    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>Message key (or unique id).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Most results.</summary>
    public int MaxNum { get; set; }

    /// <summary>Range start, epoch ms.</summary>
    public long BeginTimestamp { get; set; }

    /// <summary>Range end, epoch ms.</summary>
    public long EndTimestamp { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("topic", Topic);
        fields.Add("key", Key);
        fields.Add("maxNum", MaxNum);
        fields.Add("beginTimestamp", BeginTimestamp);
        fields.Add("endTimestamp", EndTimestamp);
    }

    /// <inheritdoc />
    public static QueryMessageRequestHeader Decode(HeaderFieldSource fields)
    {
        return new QueryMessageRequestHeader
        {
            Topic = Required(fields, "topic"),
            Key = Required(fields, "key"),
            MaxNum = RequiredInt32(fields, "maxNum"),
            BeginTimestamp = RequiredInt64(fields, "beginTimestamp"),
            EndTimestamp = RequiredInt64(fields, "endTimestamp"),
        };
    }
}

/// <summary>Header of VIEW_MESSAGE_BY_ID (33) (Go: <c>ViewMessageRequestHeader</c>).</summary>
internal sealed class ViewMessageRequestHeader : ICommandHeader<ViewMessageRequestHeader>
{
    /// <summary>Commit-log offset (from the offset message id).</summary>
    public long Offset { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("offset", Offset);
    }

    /// <inheritdoc />
    public static ViewMessageRequestHeader Decode(HeaderFieldSource fields)
        => new() { Offset = RequiredInt64(fields, "offset") };
}

/// <summary>Header of REGISTER_BROKER (103), broker to name server. Go lacks it (the embedded broker needs it).</summary>
internal sealed class RegisterBrokerRequestHeader : ICommandHeader<RegisterBrokerRequestHeader>
{
    /// <summary>Broker name.</summary>
    public string BrokerName { get; set; } = string.Empty;

    /// <summary>Broker address host:port.</summary>
    public string BrokerAddr { get; set; } = string.Empty;

    /// <summary>Cluster name.</summary>
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>HA service address.</summary>
    public string HaServerAddr { get; set; } = string.Empty;

    /// <summary>0 for a master.</summary>
    public long BrokerId { get; set; }

    /// <summary>Body is compressed; always sent.</summary>
    public bool Compressed { get; set; }

    /// <summary>CRC32 of the body; always sent.</summary>
    public int BodyCrc32 { get; set; }

    /// <inheritdoc />
    public void Write(PackedExtFields fields)
    {
        fields.Add("brokerName", BrokerName);
        fields.Add("brokerAddr", BrokerAddr);
        fields.Add("clusterName", ClusterName);
        fields.Add("haServerAddr", HaServerAddr);
        fields.Add("brokerId", BrokerId);
        fields.Add("compressed", Compressed);
        fields.Add("bodyCrc32", BodyCrc32);
    }

    /// <inheritdoc />
    public static RegisterBrokerRequestHeader Decode(HeaderFieldSource fields)
    {
        return new RegisterBrokerRequestHeader
        {
            BrokerName = Required(fields, "brokerName"),
            BrokerAddr = Required(fields, "brokerAddr"),
            ClusterName = Required(fields, "clusterName"),
            HaServerAddr = Required(fields, "haServerAddr"),
            BrokerId = RequiredInt64(fields, "brokerId"),
            Compressed = OptionalBoolean(fields, "compressed") ?? false,
            BodyCrc32 = OptionalInt32(fields, "bodyCrc32") ?? 0,
        };
    }
}
