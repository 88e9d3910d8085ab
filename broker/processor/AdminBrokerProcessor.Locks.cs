using System.Buffers;
using System.Text.Json;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42): orderly consumers' queue locks, answered in Java's field order.</summary>
internal sealed partial class AdminBrokerProcessor
{
    public RemotingCommand LockBatch(RemotingCommand request, ServerChannel channel)
    {
        var body = ReadLockBody(request);
        if (body is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed LOCK_BATCH_MQ body");
        }

        var locked = broker.Locks.TryLockBatch(body.ConsumerGroup!, Queues(body), body.ClientId!);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteStartArray("lockOKMQSet");
            foreach (var q in locked)
            {
                WriteQueue(json, q);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        response.Body = output.WrittenSpan.ToArray();
        return response;
    }

    public RemotingCommand UnlockBatch(RemotingCommand request, ServerChannel channel)
    {
        var body = ReadLockBody(request);
        if (body is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed UNLOCK_BATCH_MQ body");
        }

        broker.Locks.UnlockBatch(body.ConsumerGroup!, Queues(body), body.ClientId!);
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    private static LockBody? ReadLockBody(RemotingCommand request)
    {
        try
        {
            var body = JsonSerializer.Deserialize<LockBody>(request.Body.Span, ClientManageProcessor.JsonOptions);
            return body is { ConsumerGroup: not null, ClientId: not null } ? body : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<QueueKey> Queues(LockBody body)
    {
        var queues = new List<QueueKey>();
        foreach (var mq in body.MqSet ?? [])
        {
            queues.Add(new QueueKey(mq.Topic ?? "", mq.BrokerName ?? "", mq.QueueId));
        }

        return queues;
    }

    private static void WriteQueue(Utf8JsonWriter json, QueueKey q)
    {
        json.WriteStartObject();
        json.WriteString("brokerName", q.BrokerName);
        json.WriteNumber("queueId", q.QueueId);
        json.WriteString("topic", q.Topic);
        json.WriteEndObject();
    }

    private sealed class LockBody
    {
        public string? ConsumerGroup { get; set; }

        public string? ClientId { get; set; }

        public List<QueueBody>? MqSet { get; set; }
    }

    private sealed class QueueBody
    {
        public string? Topic { get; set; }

        public string? BrokerName { get; set; }

        public int QueueId { get; set; }
    }
}
