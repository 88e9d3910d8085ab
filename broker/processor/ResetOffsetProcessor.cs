using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// INVOKE_BROKER_TO_RESET_OFFSET (222) from an admin tool (Java: AdminBrokerProcessor.resetOffset ->
/// Broker2Client.resetOffset): computes each write queue's offset for the timestamp, sends
/// RESET_CONSUMER_CLIENT_OFFSET (220) one-way to every online client of the group, and answers with the offsets.
/// As Java 4.9, the broker's stored offsets are left to the clients, which commit the new ones themselves.
/// </summary>
internal sealed class ResetOffsetProcessor(BrokerController broker)
{
    public async ValueTask<RemotingCommand?> Process(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        var group = request.Required("group");
        var timestamp = request.RequiredLong("timestamp");
        var isForce = request.OptionalBool("isForce");
        var config = broker.Topics.Select(topic);
        if (config is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.TOPIC_NOT_EXIST, $"[reset-offset] reset offset failed, no topic in this broker. topic={topic}");
        }

        var info = broker.Consumers.GetGroup(group);
        if (info is null || info.Channels.IsEmpty)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.CONSUMER_NOT_ONLINE,
                $"Consumer not online, so can not reset offset, Group: {group} Topic: {topic} Timestamp: {timestamp}");
        }

        var body = new ResetOffsetBody();
        for (var queueId = 0; queueId < config.WriteQueueNums; queueId++)
        {
            var target = timestamp == -1 ? broker.Store.GetMaxOffsetInQueue(topic, queueId) : broker.Store.GetOffsetInQueueByTime(topic, queueId, timestamp);
            target = Math.Max(0, target);

            // Java refuses the whole reset when a queue has no committed offset; a queue the group never
            // committed on is reset like the others here, so a group that consumed only some queues can rewind.
            var consumed = broker.Offsets.QueryOffset(group, topic, queueId);
            body.OffsetTable[new MessageQueue(topic, broker.Config.BrokerName, queueId)] = isForce || consumed < 0 || target < consumed ? target : consumed;
        }

        var header = new ResetOffsetHeader { Topic = topic, Group = group, Timestamp = timestamp, IsForce = isForce };
        var encoded = body.Encode();
        foreach (var client in info.Channels.Values)
        {
            try
            {
                await client.Channel.InvokeOneWay(CommandHeaders.CreateRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, header, encoded)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                broker.LoggerFactory.CreateLogger("RocketMQ.Broker").LogWarning("[reset-offset] telling {ClientId} of group {Group} failed: {Reason}", client.ClientId, group, e.Message);
            }
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = encoded;
        return response;
    }
}
