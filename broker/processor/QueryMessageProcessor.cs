using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>QUERY_MESSAGE (12) by key or unique key, VIEW_MESSAGE_BY_ID (33) (Java: QueryMessageProcessor).</summary>
internal sealed class QueryMessageProcessor(BrokerController broker)
{
    private const int DefaultQueryMaxNum = 32;

    public RemotingCommand Query(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<QueryMessageRequestHeader>();
        var (topic, key, maxNum, begin, end) = (header.Topic, header.Key, header.MaxNum, header.BeginTimestamp, header.EndTimestamp);
        if (request.OptionalBool("_UNIQUE_KEY_QUERY"))
        {
            maxNum = DefaultQueryMaxNum;
        }

        var records = broker.Store.QueryMessage(topic, key, Math.Clamp(maxNum, 1, 64 * 1024), begin, end);
        var response = RequestHeader.Response(request, ResponseCode.SUCCESS);
        response.SetExtField("indexLastUpdateTimestamp", RequestHeader.Str(broker.Store.Now()));
        response.SetExtField("indexLastUpdatePhyoffset", RequestHeader.Str(broker.Store.MaxPhysicalOffset));
        if (records.Count == 0)
        {
            response.Code = ResponseCode.QUERY_NOT_FOUND;
            response.Remark = "can not find message, maybe time range not correct";
            return response;
        }

        var total = 0;
        foreach (var r in records)
        {
            total += r.Length;
        }

        var body = new byte[total];
        var position = 0;
        foreach (var r in records)
        {
            r.Span.CopyTo(body.AsSpan(position));
            position += r.Length;
        }

        response.Body = body;
        return response;
    }

    public RemotingCommand ViewById(RemotingCommand request, ServerChannel channel)
    {
        var offset = request.Header<ViewMessageRequestHeader>().Offset;
        var record = broker.Store.ReadRecord(offset);
        if (record.IsEmpty || !StoredMessage.IsExact(record.Span))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"can not find message by the offset, {offset}");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = record.ToArray();
        return response;
    }
}
