using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Requests brokers and admin tools send to the client (Go: the <c>RegisterRequestFunc</c> calls of
/// <c>GetOrNewRocketMQClient</c>). Answers follow Java's MQClientInstance/ClientRemotingProcessor.
/// </summary>
internal sealed partial class RMQClient
{
    private void RegisterProcessors()
    {
        _remotingClient.RegisterRequestFunc(RequestCode.CHECK_TRANSACTION_STATE, CheckTransactionState);
        _remotingClient.RegisterRequestFunc(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, NotifyConsumerIdsChanged);
        _remotingClient.RegisterRequestFunc(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, ResetConsumerClientOffset);
        _remotingClient.RegisterRequestFunc(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, GetConsumerStatusFromClient);
        _remotingClient.RegisterRequestFunc(RequestCode.GET_CONSUMER_RUNNING_INFO, GetConsumerRunningInfo);
        _remotingClient.RegisterRequestFunc(RequestCode.CONSUME_MESSAGE_DIRECTLY, ConsumeMessageDirectly);
        _remotingClient.RegisterRequestFunc(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, PushReplyMessageToClient);
    }

    private ValueTask<RemotingCommand?> CheckTransactionState(RemotingCommand request, string addr)
    {
        var header = CheckTransactionStateRequestHeader.Decode(request);
        if (request.Body.IsEmpty)
        {
            _logger.LogWarning("check transaction state from {Broker}: no message in the request", addr);
            return default;
        }

        var msg = MessageDecoder.Decode(request.Body.Span);
        var transactionId = msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
        if (transactionId.Length > 0)
        {
            msg.TransactionId = transactionId;
        }

        var group = msg.GetProperty(PropertyKeys.ProducerGroup);
        if (group.Length == 0)
        {
            _logger.LogWarning("check transaction state from {Broker}: the message has no producer group", addr);
            return default;
        }

        // Go compares with the creator's group only, so a second producer on a shared client never sees checks.
        if (!_producerMap.TryGetValue(group, out var producer))
        {
            _logger.LogWarning("check transaction state from {Broker}: producer group {Group} is not in client {ClientId}", addr, group, ClientID());
            return default;
        }

        producer.CheckTransactionState(addr, msg, header);
        return default;
    }

    private ValueTask<RemotingCommand?> NotifyConsumerIdsChanged(RemotingCommand request, string addr)
    {
        _logger.LogDebug("broker {Broker} notified that the consumers of group {Group} changed; rebalancing", addr, request.GetExtField("consumerGroup"));
        TriggerRebalance();
        return default;
    }

    private async ValueTask<RemotingCommand?> ResetConsumerClientOffset(RemotingCommand request, string addr)
    {
        var header = ResetOffsetHeader.Decode(request);
        _logger.LogInformation("broker {Broker} resets offsets of group {Group} topic {Topic} to timestamp {Timestamp}", addr, header.Group, header.Topic, header.Timestamp);
        var body = request.Body.IsEmpty ? new ResetOffsetBody() : ResetOffsetBody.Decode(request.Body.Span);
        if (_consumerMap.TryGetValue(header.Group, out var consumer))
        {
            await consumer.ResetOffset(header.Topic, body.OffsetTable).ConfigureAwait(false);
        }
        else
        {
            _logger.LogWarning("reset offset: consumer group {Group} is not in client {ClientId}", header.Group, ClientID());
        }

        return null;
    }

    private ValueTask<RemotingCommand?> GetConsumerStatusFromClient(RemotingCommand request, string addr)
    {
        var header = GetConsumerStatusRequestHeader.Decode(request);
        if (!_consumerMap.TryGetValue(header.Group, out var consumer))
        {
            return Answer(request, ResponseCode.SYSTEM_ERROR, $"The Consumer Group <{header.Group}> not exist in this consumer");
        }

        var status = consumer.GetConsumerStatus(header.Topic);
        return status is null
            ? Answer(request, ResponseCode.SYSTEM_ERROR, "there is unexpected error when get consumer status, please check log")
            : Answer(request, ResponseCode.SUCCESS, null, status.Encode());
    }

    private ValueTask<RemotingCommand?> GetConsumerRunningInfo(RemotingCommand request, string addr)
    {
        var header = GetConsumerRunningInfoHeader.Decode(request);
        if (!_consumerMap.TryGetValue(header.ConsumerGroup, out var consumer))
        {
            return Answer(request, ResponseCode.SYSTEM_ERROR, $"The Consumer Group <{header.ConsumerGroup}> not exist in this consumer");
        }

        var info = consumer.GetConsumerRunningInfo(header.JstackEnable);
        if (info is null)
        {
            return Answer(request, ResponseCode.SYSTEM_ERROR, "there is unexpected error when get running info, please check log");
        }

        // What Java's MQClientInstance.consumerRunningInfo adds; mqadmin consumerStatus prints these.
        info.Properties[ConsumerRunningInfo.PropNameServerAddr] = string.Join(';', _namesrv.AddrList());
        info.Properties[ConsumerRunningInfo.PropConsumeType] = consumer.GetCType();
        info.Properties[ConsumerRunningInfo.PropClientVersion] = MQVersion.GetVersionDesc(MQVersion.Current);
        return Answer(request, ResponseCode.SUCCESS, null, info.Encode());
    }

    private async ValueTask<RemotingCommand?> ConsumeMessageDirectly(RemotingCommand request, string addr)
    {
        var header = ConsumeMessageDirectlyHeader.Decode(request);
        if (!_consumerMap.TryGetValue(header.ConsumerGroup, out var consumer))
        {
            return await Answer(request, ResponseCode.SYSTEM_ERROR, $"The Consumer Group <{header.ConsumerGroup}> not exist in this consumer").ConfigureAwait(false);
        }

        var msg = MessageDecoder.Decode(request.Body.Span);
        var result = await consumer.ConsumeMessageDirectly(msg, header.BrokerName ?? string.Empty).ConfigureAwait(false);
        return result is null
            ? await Answer(request, ResponseCode.SYSTEM_ERROR, "there is unexpected error when consume message directly, please check log").ConfigureAwait(false)
            : await Answer(request, ResponseCode.SUCCESS, null, result.Encode()).ConfigureAwait(false);
    }

    private ValueTask<RemotingCommand?> PushReplyMessageToClient(RemotingCommand request, string addr)
    {
        var arrived = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var header = ReplyMessageRequestHeader.Decode(request);
        var msg = new MessageExt
        {
            Topic = header.Topic,
            QueueId = header.QueueId,
            Queue = new MessageQueue(header.Topic, string.Empty, header.QueueId),
            StoreTimestamp = header.StoreTimestamp,
            BornTimestamp = header.BornTimestamp,
            ReconsumeTimes = header.ReconsumeTimes ?? 0,
            Flag = header.Flag,
            SysFlag = header.SysFlag,
            BornHostEndPoint = IPEndPoint.TryParse(header.BornHost, out var born) ? born : null,
            StoreHostEndPoint = IPEndPoint.TryParse(header.StoreHost, out var store) ? store : null,
            Body = (header.SysFlag & MessageSysFlag.Compressed) != 0
                ? MessageDecoder.Decompress(request.Body.Span, header.SysFlag)
                : request.Body.ToArray(),
        };
        if (header.Properties is { Length: > 0 } properties)
        {
            msg.UnmarshalProperties(Encoding.UTF8.GetBytes(properties));
        }

        msg.WithProperty(PropertyKeys.ReplyMessageArriveTime, arrived.ToString(CultureInfo.InvariantCulture));
        var correlationId = msg.GetProperty(PropertyKeys.CorrelationId);
        if (!RequestFutures.SetResponseToRequestResponseFuture(correlationId, msg))
        {
            _logger.LogWarning("reply message {CorrelationId} from {ReplyHost} matches no waiting request", correlationId, header.BornHost);
        }

        return Answer(request, ResponseCode.SUCCESS, null);
    }

    private static ValueTask<RemotingCommand?> Answer(RemotingCommand request, int code, string? remark, byte[]? body = null)
    {
        var response = RemotingCommand.CreateResponse(request, code, remark);
        if (body is not null)
        {
            response.Body = body;
        }

        return new(response);
    }
}
