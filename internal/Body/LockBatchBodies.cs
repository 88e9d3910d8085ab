using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Body of LOCK_BATCH_MQ (41) (Go: consumer.go <c>lockBatchRequestBody</c>).</summary>
internal sealed class LockBatchRequestBody : IRemotingBody<LockBatchRequestBody>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Client id asking for the locks.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Queues to lock (JSON <c>mqSet</c>).</summary>
    public List<MessageQueue> MqSet { get; set; } = [];

    /// <inheritdoc />
    public static LockBatchRequestBody Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        return new LockBatchRequestBody
        {
            ConsumerGroup = obj.GetString("consumerGroup") ?? string.Empty,
            ClientId = obj.GetString("clientId") ?? string.Empty,
            MqSet = MessageQueueJson.ReadList(obj.GetArray("mqSet")),
        };
    }

    /// <inheritdoc />
    public byte[] Encode() => LockBodies.Write(ClientId, ConsumerGroup, MqSet);
}

/// <summary>Body of UNLOCK_BATCH_MQ (42), same shape as the lock request.</summary>
internal sealed class UnlockBatchRequestBody : IRemotingBody<UnlockBatchRequestBody>
{
    /// <summary>Consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>Client id releasing the locks.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Queues to unlock (JSON <c>mqSet</c>).</summary>
    public List<MessageQueue> MqSet { get; set; } = [];

    /// <inheritdoc />
    public static UnlockBatchRequestBody Decode(ReadOnlySpan<byte> body)
    {
        var lockBody = LockBatchRequestBody.Decode(body);
        return new UnlockBatchRequestBody { ConsumerGroup = lockBody.ConsumerGroup, ClientId = lockBody.ClientId, MqSet = lockBody.MqSet };
    }

    /// <inheritdoc />
    public byte[] Encode() => LockBodies.Write(ClientId, ConsumerGroup, MqSet);
}

/// <summary>Body of the LOCK_BATCH_MQ response: the queues now locked by the caller (JSON <c>lockOKMQSet</c>).</summary>
internal sealed class LockBatchResponseBody : IRemotingBody<LockBatchResponseBody>
{
    /// <summary>Queues locked.</summary>
    public List<MessageQueue> LockOKMQSet { get; set; } = [];

    /// <inheritdoc />
    public static LockBatchResponseBody Decode(ReadOnlySpan<byte> body)
        => new() { LockOKMQSet = MessageQueueJson.ReadList(FastJson.ParseObject(body).GetArray("lockOKMQSet")) };

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, b) =>
    {
        w.WriteStartObject();
        MessageQueueJson.WriteList(w, "lockOKMQSet", b.LockOKMQSet);
        w.WriteEndObject();
    });
}

file static class LockBodies
{
    public static byte[] Write(string clientId, string group, List<MessageQueue> queues)
        => FastJsonWriter.ToUtf8Bytes((clientId, group, queues), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("clientId", s.clientId);
            w.WriteString("consumerGroup", s.group);
            MessageQueueJson.WriteList(w, "mqSet", s.queues);
            w.WriteEndObject();
        });
}
