using System.Text.Json;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// GET_CONSUMER_LIST_BY_GROUP (38), QUERY_CONSUMER_OFFSET (14), UPDATE_CONSUMER_OFFSET (15)
/// (Java: ConsumerManageProcessor).
/// </summary>
internal sealed class ConsumerManageProcessor(BrokerController broker)
{
    public RemotingCommand ConsumerList(RemotingCommand request, ServerChannel channel)
    {
        var group = request.Header<GetConsumerListRequestHeader>().ConsumerGroup;
        var info = broker.Consumers.GetGroup(group);
        var ids = info?.ClientIds();
        if (ids is null || ids.Count == 0)
        {
            return RequestHeader.Response(request, ResponseCode.SYSTEM_ERROR, "no consumer for this group, " + group);
        }

        var response = RequestHeader.Response(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, List<string>> { ["consumerIdList"] = ids });
        return response;
    }

    public RemotingCommand QueryOffset(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<QueryConsumerOffsetRequestHeader>();
        var (group, topic, queueId) = (header.ConsumerGroup, header.Topic, header.QueueId);
        var offset = broker.Offsets.QueryOffset(group, topic, queueId);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        if (offset >= 0)
        {
            response.SetExtField("offset", RequestHeader.Str(offset));
            return response;
        }

        // Java: a group's first query starts at 0 while the queue's head is still there, else "not found".
        if (broker.Store.GetMinOffsetInQueue(topic, queueId) <= 0)
        {
            response.SetExtField("offset", "0");
            return response;
        }

        return RequestHeader.Response(request, ResponseCode.QUERY_NOT_FOUND, "Not found, V3_0_6_SNAPSHOT maybe this group consumer boot first");
    }

    public RemotingCommand UpdateOffset(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<UpdateConsumerOffsetRequestHeader>();
        broker.Offsets.CommitOffset(channel.RemoteAddress, header.ConsumerGroup, header.Topic, header.QueueId, header.CommitOffset);
        return RequestHeader.Response(request, ResponseCode.SUCCESS);
    }
}
