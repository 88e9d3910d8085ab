using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Reads what the embedded brokers stored, over the wire with plain PULL_MESSAGE requests (no consumer needed), so
/// tests see messages exactly as a consumer would: decoded, decompressed, with broker-side properties.
/// </summary>
internal static class QueueReader
{
    /// <summary>Every message of <paramref name="topic"/> on every broker, by queue, in queue order.</summary>
    public static async Task<List<MessageExt>> ReadAll(EmbeddedCluster cluster, string topic, Credentials? credentials = null)
    {
        var all = new List<MessageExt>();
        await using var client = new RemotingClient(new RemotingClientOptions { Credentials = credentials });
        for (var b = 0; b < cluster.BrokerAddresses.Count; b++)
        {
            var broker = cluster.Brokers[b];
            if (!broker.IsServing)
            {
                continue;
            }

            foreach (var queue in broker.Store.QueuesOf(topic).Select(q => q.QueueId).Order())
            {
                all.AddRange(await ReadQueue(client, cluster.BrokerAddresses[b], cluster.BrokerNames[b], topic, queue));
            }
        }

        return all;
    }

    public static async Task<List<MessageExt>> ReadQueue(RemotingClient client, string addr, string brokerName, string topic, int queueId)
    {
        var messages = new List<MessageExt>();
        long offset = 0;
        while (true)
        {
            var header = new PullMessageRequestHeader
            {
                ConsumerGroup = "producer_tests_reader",
                Topic = topic,
                QueueId = queueId,
                QueueOffset = offset,
                MaxMsgNums = 256,
                SysFlag = 0x4,
                SubExpression = "*",
                ExpressionType = "TAG",
                BrokerName = brokerName,
            };
            var response = await client.InvokeSync(addr, RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE, header.Encode()), TimeSpan.FromSeconds(5));
            if (response.Code != ResponseCode.SUCCESS || response.Body.IsEmpty)
            {
                return messages;
            }

            var batch = MessageDecoder.DecodeMessages(response.Body.Span, new MessageQueue(topic, brokerName, queueId));
            messages.AddRange(batch);
            offset = long.Parse(response.GetExtField("nextBeginOffset")!, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
