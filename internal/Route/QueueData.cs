using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>A topic's queues on one broker (Go: route.go <c>QueueData</c>).</summary>
internal sealed class QueueData : IEquatable<QueueData>
{
    /// <summary>Broker name.</summary>
    public string BrokerName { get; set; } = string.Empty;

    /// <summary>Readable queue count.</summary>
    public int ReadQueueNums { get; set; }

    /// <summary>Writeable queue count.</summary>
    public int WriteQueueNums { get; set; }

    /// <summary>Permission bits (<see cref="Internal.Perm"/>).</summary>
    public int Perm { get; set; }

    /// <summary>
    /// Topic system flag. Go names this <c>TopicSynFlag</c> with JSON tag <c>topicSynFlag</c>, which never matches
    /// the broker's <c>topicSysFlag</c>; read and written here under Java's name.
    /// </summary>
    public int TopicSysFlag { get; set; }

    internal static QueueData Read(FastJsonObject obj) => new()
    {
        BrokerName = obj.GetString("brokerName") ?? string.Empty,
        ReadQueueNums = obj.GetInt32("readQueueNums"),
        WriteQueueNums = obj.GetInt32("writeQueueNums"),
        Perm = obj.GetInt32("perm"),
        TopicSysFlag = obj.GetInt32("topicSysFlag"),
    };

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("brokerName", BrokerName);
        writer.WriteNumber("perm", Perm);
        writer.WriteNumber("readQueueNums", ReadQueueNums);
        writer.WriteNumber("topicSysFlag", TopicSysFlag);
        writer.WriteNumber("writeQueueNums", WriteQueueNums);
        writer.WriteEndObject();
    }

    /// <summary>A copy.</summary>
    public QueueData Clone() => (QueueData)MemberwiseClone();

    /// <summary>Go: <c>QueueData.Equals</c>.</summary>
    public bool Equals(QueueData? other)
        => other is not null && BrokerName == other.BrokerName && ReadQueueNums == other.ReadQueueNums
            && WriteQueueNums == other.WriteQueueNums && Perm == other.Perm && TopicSysFlag == other.TopicSysFlag;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as QueueData);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BrokerName, ReadQueueNums, WriteQueueNums, Perm, TopicSysFlag);

    /// <inheritdoc />
    public override string ToString()
        => $"QueueData [brokerName={BrokerName}, readQueueNums={ReadQueueNums}, writeQueueNums={WriteQueueNums}, perm={Internal.Perm.ToString(Perm)}, topicSysFlag={TopicSysFlag}]";
}
