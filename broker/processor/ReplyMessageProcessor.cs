using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// SEND_REPLY_MESSAGE (324) and SEND_REPLY_MESSAGE_V2 (325) (Java 4.9: ReplyMessageProcessor): the reply is pushed
/// with PUSH_REPLY_MESSAGE_TO_CLIENT (326) to the requester named in REPLY_TO_CLIENT, on that client's own
/// connection, then stored when <see cref="BrokerConfig.StoreReplyMessageEnable"/> is set. The replier is answered
/// like a send; a push that could not be made (requester gone, or it refused) makes the answer SYSTEM_ERROR with a
/// remark saying why, as Java does, even when the reply was stored.
/// </summary>
internal sealed class ReplyMessageProcessor(BrokerController broker)
{
    /// <summary>
    /// Java waits 10 s for the requester; the replier's send gives up after its own 3 s default, so a longer wait
    /// here would only turn a slow requester into a replier-side timeout and a retried (duplicated) reply.
    /// </summary>
    internal static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(3);

    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.Reply");

    public async ValueTask<RemotingCommand?> ProcessAsync(RemotingCommand request, ServerChannel channel)
    {
        var header = SendMessageRequestHeader.DecodeFor(request.Code, request);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.ExtFields = new Dictionary<string, string>(5)
        {
            [PropertyKeys.MsgRegion] = broker.Config.RegionId,
            [PropertyKeys.TraceSwitch] = broker.Config.TraceOn ? "true" : "false",
        };
        var topicConfig = MessageCheck(header, channel, response);
        if (topicConfig is null)
        {
            return response;
        }

        var queueId = header.QueueId < 0 ? Random.Shared.Next(99999999) % Math.Max(1, topicConfig.WriteQueueNums) : header.QueueId;
        var properties = new PropertyMap().Parse(header.Properties);
        var pushFailure = await PushAsync(header, properties, request.Body, channel).ConfigureAwait(false);
        if (pushFailure is null)
        {
            // Java answers a pushed but unstored reply with these placeholders so clients can decode the result.
            response.ExtFields["msgId"] = "0";
            response.ExtFields["queueId"] = RequestHeader.Str(queueId);
            response.ExtFields["queueOffset"] = "0";
        }
        else
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = pushFailure;
        }

        if (broker.Config.StoreReplyMessageEnable)
        {
            await StoreAsync(header, properties, request.Body, queueId, channel, response).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Pushes the reply to its requester; null when it took it, else the remark for the replier.</summary>
    private async Task<string?> PushAsync(SendMessageRequestHeader header, PropertyMap properties, ReadOnlyMemory<byte> body, ServerChannel replier)
    {
        var requester = properties.Get(Primitive.PropertyKeys.MessageReplyToClient);
        if (string.IsNullOrEmpty(requester))
        {
            _logger.LogWarning("reply from {Replier} to {Topic} has no {Property}: not pushed", replier.RemoteAddress, header.Topic, Primitive.PropertyKeys.MessageReplyToClient);
            return $"reply message properties[{Primitive.PropertyKeys.MessageReplyToClient}] is null";
        }

        var target = FindChannel(requester);
        if (target is null)
        {
            _logger.LogWarning("reply to {ClientId}: the client is not connected to this broker", requester);
            return $"push reply message fail, channel of <{requester}> not found: the requesting client is not connected to broker {broker.Config.BrokerName}";
        }

        var pushed = new PropertyMap().CopyFrom(properties);
        pushed.Put(Primitive.PropertyKeys.PushReplyTime, RequestHeader.Str(broker.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        var push = new ReplyMessageRequestHeader
        {
            ProducerGroup = header.ProducerGroup,
            Topic = header.Topic,
            DefaultTopic = header.DefaultTopic,
            DefaultTopicQueueNums = header.DefaultTopicQueueNums,
            QueueId = header.QueueId,
            SysFlag = header.SysFlag,
            BornTimestamp = header.BornTimestamp,
            Flag = header.Flag,
            Properties = pushed.ToString(),
            ReconsumeTimes = header.ReconsumeTimes,
            UnitMode = header.UnitMode,
            BornHost = replier.RemoteEndPoint.ToString(),
            StoreHost = broker.StoreHost.ToString(),
            StoreTimestamp = broker.Time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        try
        {
            var answer = await target.InvokeSync(CommandHeaders.CreateRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, push, body.ToArray()), PushTimeout).ConfigureAwait(false);
            if (answer.Code == ResponseCode.SUCCESS)
            {
                return null;
            }

            _logger.LogWarning("push of a reply to {ClientId} refused: {Code} {Remark}", requester, answer.Code, answer.Remark);
            return $"push reply message to <{requester}> failed: the client answered {answer.Code} {answer.Remark}";
        }
        catch (Exception e) when (e is Primitive.RemotingException or OperationCanceledException)
        {
            _logger.LogWarning("push of a reply to {ClientId} at {Address} failed: {Reason}", requester, target.RemoteAddress, e.Message);
            return $"push reply message to <{requester}> failed: {e.Message}";
        }
    }

    /// <summary>
    /// The requester's connection: it registered as a producer by heartbeat (Java looks only there); a client that
    /// only consumes on this broker is found among the consumers.
    /// </summary>
    private IClientChannel? FindChannel(string clientId)
    {
        foreach (var channels in broker.Producers.Groups.Values)
        {
            foreach (var info in channels.Values)
            {
                if (info.ClientId == clientId && info.Channel.IsActive)
                {
                    return info.Channel;
                }
            }
        }

        foreach (var group in broker.Consumers.Groups)
        {
            foreach (var info in group.Channels.Values)
            {
                if (info.ClientId == clientId && info.Channel.IsActive)
                {
                    return info.Channel;
                }
            }
        }

        return null;
    }

    private async Task StoreAsync(SendMessageRequestHeader header, PropertyMap properties, ReadOnlyMemory<byte> body, int queueId, ServerChannel replier, RemotingCommand response)
    {
        var message = new MessageInner
        {
            Topic = header.Topic,
            QueueId = queueId,
            Body = body,
            Flag = header.Flag,
            SysFlag = header.SysFlag,
            BornTimestamp = header.BornTimestamp,
            BornHost = replier.RemoteEndPoint,
            StoreHost = broker.StoreHost,
            ReconsumeTimes = header.ReconsumeTimes ?? 0,
            Properties = properties,
        };
        var result = broker.IsSlave ? PutMessageResult.ServiceNotAvailable : broker.Store.PutMessage(message);
        if (!result.IsOk)
        {
            // As Java: a failed store is only logged; the answer reflects the push.
            _logger.LogWarning("storing a reply to {Topic} failed: {Status}", header.Topic, result.Status);
            return;
        }

        try
        {
            await broker.Store.WhenDurable(result).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning("storing a reply to {Topic} failed: {Reason}", header.Topic, e.Message);
            return;
        }

        response.ExtFields!["msgId"] = MessageEncoder.OffsetMessageId(broker.StoreHost, result.CommitLogOffset);
        response.ExtFields["queueId"] = RequestHeader.Str(queueId);
        response.ExtFields["queueOffset"] = RequestHeader.Str(result.QueueOffset);
    }

    /// <summary>Java's msgCheck as far as a reply needs it: writable broker and topic, a legal topic, a valid queue.</summary>
    private TopicConfig? MessageCheck(SendMessageRequestHeader header, ServerChannel channel, RemotingCommand response)
    {
        if (TopicValidator.ValidateTopic(header.Topic) is { } invalid)
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = invalid;
            return null;
        }

        if (Constants.IsNotAllowedSendTopic(header.Topic))
        {
            response.Code = ResponseCode.NO_PERMISSION;
            response.Remark = $"Sending message to topic[{header.Topic}] is forbidden.";
            return null;
        }

        var topicConfig = broker.Topics.Select(header.Topic)
            ?? broker.Topics.CreateInSendMessage(header.Topic, header.DefaultTopic, channel.RemoteAddress, header.DefaultTopicQueueNums, 0);
        if (topicConfig is null)
        {
            response.Code = ResponseCode.TOPIC_NOT_EXIST;
            response.Remark = $"topic[{header.Topic}] not exist, apply first please!";
            return null;
        }

        if (!PermName.IsWriteable(broker.Config.BrokerPermission) || !PermName.IsWriteable(topicConfig.Perm))
        {
            response.Code = ResponseCode.NO_PERMISSION;
            response.Remark = $"the topic[{header.Topic}] sending message is forbidden";
            return null;
        }

        if (header.QueueId >= Math.Max(topicConfig.WriteQueueNums, topicConfig.ReadQueueNums))
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = $"request queueId[{header.QueueId}] is illegal, {topicConfig} Producer: {channel.RemoteAddress}";
            return null;
        }

        return topicConfig;
    }
}
