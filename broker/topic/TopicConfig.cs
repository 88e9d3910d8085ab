using System.Text.Json.Serialization;

namespace RocketMQ.Go.Port.Broker.Topic;

/// <summary>Permission bits of topics and brokers (Java: PermName).</summary>
internal static class PermName
{
    public const int Priority = 0x8;
    public const int Read = 0x4;
    public const int Write = 0x2;
    public const int Inherit = 0x1;

    public static bool IsReadable(int perm) => (perm & Read) == Read;

    public static bool IsWriteable(int perm) => (perm & Write) == Write;

    public static bool IsInherited(int perm) => (perm & Inherit) == Inherit;
}

/// <summary>One topic's configuration on a broker (Java: TopicConfig); serialised with Java's field names.</summary>
internal sealed class TopicConfig
{
    public TopicConfig()
    {
    }

    public TopicConfig(string topicName, int readQueueNums = 16, int writeQueueNums = 16, int perm = PermName.Read | PermName.Write)
    {
        TopicName = topicName;
        ReadQueueNums = readQueueNums;
        WriteQueueNums = writeQueueNums;
        Perm = perm;
    }

    [JsonPropertyName("topicName")]
    public string TopicName { get; set; } = "";

    [JsonPropertyName("readQueueNums")]
    public int ReadQueueNums { get; set; } = 16;

    [JsonPropertyName("writeQueueNums")]
    public int WriteQueueNums { get; set; } = 16;

    [JsonPropertyName("perm")]
    public int Perm { get; set; } = PermName.Read | PermName.Write;

    [JsonPropertyName("topicFilterType")]
    public string TopicFilterType { get; set; } = "SINGLE_TAG";

    [JsonPropertyName("topicSysFlag")]
    public int TopicSysFlag { get; set; }

    [JsonPropertyName("order")]
    public bool Order { get; set; }

    public TopicConfig Clone() => (TopicConfig)MemberwiseClone();

    public override string ToString()
        => $"TopicConfig [topicName={TopicName}, readQueueNums={ReadQueueNums}, writeQueueNums={WriteQueueNums}, perm={PermString(Perm)}, topicFilterType={TopicFilterType}, topicSysFlag={TopicSysFlag}, order={Order.ToString().ToLowerInvariant()}]";

    /// <summary>Java's PermName.perm2String.</summary>
    public static string PermString(int perm)
        => (PermName.IsReadable(perm) ? "R" : "-") + (PermName.IsWriteable(perm) ? "W" : "-") + (PermName.IsInherited(perm) ? "X" : "-");
}
