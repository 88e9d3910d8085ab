using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Body of CHECK_CLIENT_CONFIG (46): one subscription of a consumer, for the broker to compile before the consumer
/// starts (Java: CheckClientRequestBody; Go never sends it). Fields in fastjson's order.
/// </summary>
internal sealed class CheckClientRequestBody
{
    /// <summary>The client id.</summary>
    public string ClientId { get; init; } = string.Empty;

    /// <summary>The consumer group.</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>The subscription to check.</summary>
    public required SubscriptionData SubscriptionData { get; init; }

    /// <summary>The JSON body.</summary>
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, body) =>
    {
        w.WriteStartObject();
        w.WriteString("clientId", body.ClientId);
        w.WriteString("group", body.Group);
        w.WritePropertyName("subscriptionData");
        body.SubscriptionData.Write(w);
        w.WriteEndObject();
    });
}
