using System.Text.Json.Serialization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Body of the GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201) response (Go: admin <c>SubscriptionGroupWrapper</c>).</summary>
internal sealed class SubscriptionGroupWrapper : IRemotingBody<SubscriptionGroupWrapper>
{
    /// <summary>Group name to configuration.</summary>
    public Dictionary<string, SubscriptionGroupConfig> SubscriptionGroupTable { get; set; } = [];

    /// <summary>Version of the table.</summary>
    public DataVersion DataVersion { get; set; } = new(0, 0);

    /// <inheritdoc />
    public static SubscriptionGroupWrapper Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var wrapper = new SubscriptionGroupWrapper();
        if (obj.GetObject("dataVersion") is { } version)
        {
            wrapper.DataVersion = new DataVersion(version.GetInt64("timestamp"), version.GetInt64("counter"));
        }

        if (obj.GetObject("subscriptionGroupTable") is { } table)
        {
            foreach (var entry in table)
            {
                wrapper.SubscriptionGroupTable[entry.Name ?? string.Empty] = SubscriptionGroupConfig.Read(entry.Value.AsObject());
            }
        }

        return wrapper;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, s) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("dataVersion");
        w.WriteStartObject();
        w.WriteNumber("counter", s.DataVersion.Counter);
        w.WriteNumber("timestamp", s.DataVersion.Timestamp);
        w.WriteEndObject();
        w.WritePropertyName("subscriptionGroupTable");
        w.WriteStartObject();
        foreach (var (name, config) in s.SubscriptionGroupTable)
        {
            w.WritePropertyName(name);
            config.Write(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}

/// <summary>
/// A config table's version: change counter and time (Go: admin <c>DataVersion</c>; Java: DataVersion). The embedded
/// broker bumps it on every change and writes it with System.Text.Json in Java's field order (counter, timestamp).
/// </summary>
/// <param name="Timestamp">Epoch ms of the last change.</param>
/// <param name="Counter">Change count.</param>
internal sealed record DataVersion(
    [property: JsonPropertyName("timestamp"), JsonPropertyOrder(1)] long Timestamp,
    [property: JsonPropertyName("counter")] long Counter)
{
    /// <summary>The version after one more change at <paramref name="now"/> epoch ms (Java: nextVersion).</summary>
    public DataVersion Next(long now) => new(now, Counter + 1);
}

/// <summary>
/// A consumer group's broker-side configuration (Go: admin <c>SubscriptionGroupConfig</c>; Java: SubscriptionGroupConfig).
/// Clients read and write it with fastjson's sorted keys; the embedded broker persists and answers with System.Text.Json
/// under Java's names in declaration order.
/// </summary>
internal sealed class SubscriptionGroupConfig
{
    /// <summary>Group name.</summary>
    [JsonPropertyName("groupName")]
    public string GroupName { get; set; } = string.Empty;

    /// <summary>Consumption allowed.</summary>
    [JsonPropertyName("consumeEnable")]
    public bool ConsumeEnable { get; set; } = true;

    /// <summary>New groups start from the min offset.</summary>
    [JsonPropertyName("consumeFromMinEnable")]
    public bool ConsumeFromMinEnable { get; set; } = true;

    /// <summary>Broadcasting allowed.</summary>
    [JsonPropertyName("consumeBroadcastEnable")]
    public bool ConsumeBroadcastEnable { get; set; } = true;

    /// <summary>Retry topic queues.</summary>
    [JsonPropertyName("retryQueueNums")]
    public int RetryQueueNums { get; set; } = 1;

    /// <summary>Retries before the DLQ.</summary>
    [JsonPropertyName("retryMaxTimes")]
    public int RetryMaxTimes { get; set; } = 16;

    /// <summary>Broker id to consume from.</summary>
    [JsonPropertyName("brokerId")]
    public long BrokerId { get; set; }

    /// <summary>Broker id to switch to when consumption is slow.</summary>
    [JsonPropertyName("whichBrokerWhenConsumeSlowly")]
    public long WhichBrokerWhenConsumeSlowly { get; set; } = 1;

    /// <summary>Notify consumers when the group's members change.</summary>
    [JsonPropertyName("notifyConsumerIdsChangedEnable")]
    public bool NotifyConsumerIdsChangedEnable { get; set; } = true;

    internal static SubscriptionGroupConfig Read(FastJsonObject obj) => new()
    {
        GroupName = obj.GetString("groupName") ?? string.Empty,
        ConsumeEnable = obj.GetBoolean("consumeEnable", true),
        ConsumeFromMinEnable = obj.GetBoolean("consumeFromMinEnable", true),
        ConsumeBroadcastEnable = obj.GetBoolean("consumeBroadcastEnable", true),
        RetryQueueNums = obj.GetInt32("retryQueueNums", 1),
        RetryMaxTimes = obj.GetInt32("retryMaxTimes", 16),
        BrokerId = obj.GetInt64("brokerId"),
        WhichBrokerWhenConsumeSlowly = obj.GetInt64("whichBrokerWhenConsumeSlowly", 1),
        NotifyConsumerIdsChangedEnable = obj.GetBoolean("notifyConsumerIdsChangedEnable", true),
    };

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("brokerId", BrokerId);
        writer.WriteBoolean("consumeBroadcastEnable", ConsumeBroadcastEnable);
        writer.WriteBoolean("consumeEnable", ConsumeEnable);
        writer.WriteBoolean("consumeFromMinEnable", ConsumeFromMinEnable);
        writer.WriteString("groupName", GroupName);
        writer.WriteBoolean("notifyConsumerIdsChangedEnable", NotifyConsumerIdsChangedEnable);
        writer.WriteNumber("retryMaxTimes", RetryMaxTimes);
        writer.WriteNumber("retryQueueNums", RetryQueueNums);
        writer.WriteNumber("whichBrokerWhenConsumeSlowly", WhichBrokerWhenConsumeSlowly);
        writer.WriteEndObject();
    }
}
