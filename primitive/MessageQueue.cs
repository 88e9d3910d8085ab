using System.Text.Json.Serialization;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// One queue of a topic on one broker (Go: <c>primitive.MessageQueue</c>). Value equality, usable as a dictionary
/// key; serializes to JSON with the broker's field names.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="BrokerName">The broker name (not address).</param>
/// <param name="QueueId">The queue id within the topic on that broker.</param>
public sealed record MessageQueue(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("brokerName")] string BrokerName,
    [property: JsonPropertyName("queueId")] int QueueId)
{
    /// <summary>Java's <c>MessageQueue.hashCode</c> (Go: <c>HashCode</c>), for selectors that must match Java's choice.</summary>
    public int JavaHashCode()
    {
        unchecked
        {
            var result = 1;
            result = (31 * result) + JavaHash.StringHashCode(BrokerName);
            result = (31 * result) + QueueId;
            result = (31 * result) + JavaHash.StringHashCode(Topic);
            return result;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"MessageQueue [topic={Topic}, brokerName={BrokerName}, queueId={QueueId}]";
}
