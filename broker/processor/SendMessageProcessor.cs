using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// SEND_MESSAGE (10), SEND_MESSAGE_V2 (310), SEND_BATCH_MESSAGE (320) and CONSUMER_SEND_MSG_BACK (36)
/// (Java: SendMessageProcessor + AbstractSendMessageProcessor.msgCheck).
/// </summary>
internal sealed partial class SendMessageProcessor(BrokerController broker)
{
    private const int DlqNumsPerGroup = 1;

    [ThreadStatic] private static MessageInner? _message;

    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.Send");

    /// <summary>
    /// Stores the message(s) of a send. Done on return (see <see cref="BrokerController"/>'s registration): the store
    /// copies the body and the response holds only strings, so remote may take the request's frame back then.
    /// </summary>
    public ValueTask<RemotingCommand?> ProcessAsync(RemotingCommand request, ServerChannel channel)
    {
        var header = SendHeader.Read(request);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.ExtFields = new Dictionary<string, string>(5);
        response.SetExtField(PropertyKeys.MsgRegion, broker.Config.RegionId);
        response.SetExtField(PropertyKeys.TraceSwitch, broker.Config.TraceOn ? "true" : "false");
        if (broker.IsSlave)
        {
            // Java's slave store refuses every put (SERVICE_NOT_AVAILABLE). Refused before msgCheck here, so a send
            // to a slave cannot create a topic in the table it shares with its master.
            return ValueTask.FromResult<RemotingCommand?>(Failed(response, PutMessageResult.ServiceNotAvailable));
        }

        var topicConfig = MessageCheck(request, header, channel, response);
        if (topicConfig is null)
        {
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        if (request.Body.Length > broker.StoreConfig.MaxMessageSize)
        {
            return ValueTask.FromResult<RemotingCommand?>(Illegal(response));
        }

        var queueId = header.QueueId < 0 ? Random.Shared.Next(99999999) % Math.Max(1, topicConfig.WriteQueueNums) : header.QueueId;
        var message = _message ??= new MessageInner();
        message.Reset();
        message.Topic = header.Topic;
        message.QueueId = queueId;
        message.Flag = header.Flag;
        message.BornTimestamp = header.BornTimestamp;
        message.BornHost = channel.RemoteEndPoint;
        message.StoreHost = broker.StoreHost;
        message.ReconsumeTimes = header.ReconsumeTimes;
        message.SysFlag = header.SysFlag | (topicConfig.TopicFilterType == "MULTI_TAG" ? MessageSysFlag.MultiTags : 0);
        message.Properties.Parse(header.Properties);
        if (!HandleRetryAndDlq(header, message, response))
        {
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        PutMessageResult result;
        if (header.Batch)
        {
            message.Properties.Put(PropertyKeys.Cluster, broker.Config.BrokerClusterName);
            result = broker.Store.PutMessages(message, request.Body.Span);
        }
        else
        {
            message.Body = request.Body;
            message.ApplySendRules(broker.Config.BrokerClusterName);
            if (message.Properties.TryGet(PropertyKeys.TransactionPrepared, out var tran) && bool.TryParse(tran.Span, out var prepared) && prepared)
            {
                if (broker.Config.RejectTransactionMessage)
                {
                    response.Code = ResponseCode.NO_PERMISSION;
                    response.Remark = $"the broker[{broker.Config.ListenHost}] sending transaction message is forbidden";
                    return ValueTask.FromResult<RemotingCommand?>(response);
                }

                result = broker.Transactions.Prepare(message);
            }
            else
            {
                result = broker.Store.PutMessage(message);
            }
        }

        message.Body = default;
        if (!result.IsOk)
        {
            return ValueTask.FromResult<RemotingCommand?>(Failed(response, result));
        }

        broker.StatsManager.IncTopicPut(message.Topic, Math.Max(1, result.MessageCount), result.WroteBytes);
        response.SetExtField("msgId", MessageIds(result));
        response.SetExtField("queueId", RequestHeader.Str(queueId));
        response.SetExtField("queueOffset", RequestHeader.Str(result.QueueOffset));
        var durable = broker.Store.WhenDurable(result);
        return durable.IsCompletedSuccessfully ? ValueTask.FromResult<RemotingCommand?>(response) : AwaitDurable(durable, response);
    }

    private static async ValueTask<RemotingCommand?> AwaitDurable(Task durable, RemotingCommand response)
    {
        try
        {
            await durable.ConfigureAwait(false);
        }
        catch (Exception)
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = "writing the commit log to disk failed";
            response.ExtFields?.Remove("msgId");
        }

        return response;
    }

    private string MessageIds(PutMessageResult result)
    {
        if (result.BatchOffsets is not { } offsets)
        {
            return MessageEncoder.OffsetMessageId(broker.StoreHost, result.CommitLogOffset);
        }

        var builder = new StringBuilder(offsets.Length * 33);
        foreach (var offset in offsets)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(MessageEncoder.OffsetMessageId(broker.StoreHost, offset));
        }

        return builder.ToString();
    }

    private RemotingCommand Illegal(RemotingCommand response)
    {
        response.Code = ResponseCode.MESSAGE_ILLEGAL;
        response.Remark = $"the message is illegal, maybe msg body or properties length not matched. msg body length limit {broker.StoreConfig.MaxMessageSize}B, msg properties length limit 32KB.";
        return response;
    }

    private RemotingCommand Failed(RemotingCommand response, PutMessageResult result)
    {
        switch (result.Status)
        {
            case PutMessageStatus.MessageIllegal:
            case PutMessageStatus.PropertiesSizeExceeded:
                return Illegal(response);
            case PutMessageStatus.ServiceNotAvailable:
                response.Code = ResponseCode.SERVICE_NOT_AVAILABLE;
                response.Remark = "service not available now. It may be caused by one of the following reasons: the broker's disk is full ["
                    + DiskUtil() + "], messages are put to the slave, message store has been shut down, etc.";
                return response;
            default:
                response.Code = ResponseCode.SYSTEM_ERROR;
                response.Remark = "UNKNOWN_ERROR";
                return response;
        }
    }

    // Java's diskUtil(): the used share of the store's partition ("CL: 0.42 ..."), -1 where there is no directory.
    private string DiskUtil()
    {
        var ratio = -1d;
        if (broker.StoreConfig.StoreDirectory is { } dir)
        {
            try
            {
                var drive = new DriveInfo(Path.GetFullPath(dir));
                ratio = drive.TotalSize > 0 ? (double)(drive.TotalSize - drive.TotalFreeSpace) / drive.TotalSize : -1;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                ratio = -1;
            }
        }

        var text = ratio.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(5);
        return $"CL: {text} CQ: {text} INDEX: {text}";
    }

    private TopicConfig? MessageCheck(RemotingCommand request, in SendHeader header, ServerChannel channel, RemotingCommand response)
    {
        if (!PermName.IsWriteable(broker.Config.BrokerPermission) && broker.Topics.IsOrderTopic(header.Topic))
        {
            response.Code = ResponseCode.NO_PERMISSION;
            response.Remark = $"the broker[{broker.Config.ListenHost}] sending message is forbidden";
            return null;
        }

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

        var topicConfig = broker.Topics.Select(header.Topic);
        if (topicConfig is null)
        {
            var defaultTopic = SendHeader.DefaultTopic(request);
            _logger.LogInformation("topic {Topic} does not exist; producer {Remote} asks to create it from {Default}", header.Topic, channel.RemoteAddress, defaultTopic);
            topicConfig = broker.Topics.CreateInSendMessage(header.Topic, defaultTopic, channel.RemoteAddress, header.DefaultTopicQueueNums, 0);
            if (topicConfig is null && header.Topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal))
            {
                topicConfig = broker.Topics.CreateInSendMessageBack(header.Topic, 1, PermName.Read | PermName.Write, 0);
            }

            if (topicConfig is null)
            {
                response.Code = ResponseCode.TOPIC_NOT_EXIST;
                response.Remark = $"topic[{header.Topic}] not exist, apply first please!";
                return null;
            }
        }

        if (!PermName.IsWriteable(topicConfig.Perm))
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

    /// <summary>
    /// SendMessageRequestHeader, read from either the long (10) or the short (310/320) field names. Only what the
    /// send path uses is read, and numbers without building strings; the producer group is not needed to store a
    /// message and the default topic only when the topic must be created (<see cref="DefaultTopic"/>).
    /// </summary>
    private readonly record struct SendHeader(
        string Topic, int DefaultTopicQueueNums, int QueueId, int SysFlag, long BornTimestamp, int Flag, string? Properties,
        int ReconsumeTimes, int? MaxReconsumeTimes, bool Batch)
    {
        public static SendHeader Read(RemotingCommand r)
        {
            var v2 = r.Code != RequestCode.SEND_MESSAGE;
            return new SendHeader(
                r.Required(v2 ? "b" : "topic"),
                r.RequiredInt(v2 ? "d" : "defaultTopicQueueNums"),
                r.RequiredInt(v2 ? "e" : "queueId"),
                r.RequiredInt(v2 ? "f" : "sysFlag"),
                r.RequiredLong(v2 ? "g" : "bornTimestamp"),
                r.RequiredInt(v2 ? "h" : "flag"),
                r.GetExtField(v2 ? "i" : "properties"),
                r.OptionalInt(v2 ? "j" : "reconsumeTimes", 0),
                r.TryGetExtField(v2 ? "l" : "maxReconsumeTimes", out var max) ? (int)max : null,
                r.Code == RequestCode.SEND_BATCH_MESSAGE || r.OptionalBool(v2 ? "m" : "batch"));
        }

        /// <summary>The default topic (TBW102) a new topic is created from.</summary>
        public static string DefaultTopic(RemotingCommand r) => r.Required(r.Code != RequestCode.SEND_MESSAGE ? "c" : "defaultTopic");
    }
}
