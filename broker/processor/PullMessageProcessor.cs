using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.LongPolling;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>PULL_MESSAGE (11) with long polling and tag / SQL92 filtering (Java: PullMessageProcessor).</summary>
internal sealed class PullMessageProcessor(BrokerController broker)
{
    private const int FlagCommitOffset = 0x1;
    private const int FlagSuspend = 0x2;
    private const int FlagSubscription = 0x4;

    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.Pull");

    public ValueTask<RemotingCommand?> ProcessAsync(RemotingCommand request, ServerChannel channel)
        => ValueTask.FromResult(Process(request, channel, brokerAllowSuspend: true));

    /// <summary>Re-runs a held pull when it is woken (Java: executeRequestWhenWakeup) and sends the answer.</summary>
    public async Task Wakeup(PullRequest pull)
    {
        var response = Process(pull.Request, pull.Channel, brokerAllowSuspend: false);
        if (response is not null && pull.Channel.IsActive)
        {
            response.Opaque = pull.Request.Opaque;
            await pull.Channel.SendResponse(response).ConfigureAwait(false);
        }
    }

    private RemotingCommand? Process(RemotingCommand request, IClientChannel channel, bool brokerAllowSuspend)
    {
        var group = request.Required("consumerGroup");
        var topic = request.Required("topic");
        var queueId = request.RequiredInt("queueId");
        var queueOffset = request.RequiredLong("queueOffset");
        var maxMsgNums = request.RequiredInt("maxMsgNums");
        var sysFlag = request.RequiredInt("sysFlag");
        var commitOffset = request.RequiredLong("commitOffset");
        var suspendTimeoutMillis = request.RequiredLong("suspendTimeoutMillis");
        var subVersion = request.RequiredLong("subVersion");
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        if (!PermName.IsReadable(broker.Config.BrokerPermission))
        {
            return Refuse(response, ResponseCode.NO_PERMISSION, $"the broker[{broker.Config.ListenHost}] pulling message is forbidden");
        }

        var groupConfig = broker.Groups.Find(group);
        if (groupConfig is null)
        {
            return Refuse(response, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, $"subscription group [{group}] does not exist");
        }

        if (!groupConfig.ConsumeEnable)
        {
            return Refuse(response, ResponseCode.NO_PERMISSION, "subscription group no permission, " + group);
        }

        var topicConfig = broker.Topics.Select(topic);
        if (topicConfig is null)
        {
            return Refuse(response, ResponseCode.TOPIC_NOT_EXIST, $"topic[{topic}] not exist, apply first please!");
        }

        if (!PermName.IsReadable(topicConfig.Perm))
        {
            return Refuse(response, ResponseCode.NO_PERMISSION, $"the topic[{topic}] pulling message is forbidden");
        }

        if (queueId < 0 || queueId >= topicConfig.ReadQueueNums)
        {
            return Refuse(response, ResponseCode.SYSTEM_ERROR,
                $"queueId[{queueId}] is illegal, topic:[{topic}] topicConfig.readQueueNums:[{topicConfig.ReadQueueNums}] consumer:[{channel.RemoteAddress}]");
        }

        SubscriptionData? subscription;
        if ((sysFlag & FlagSubscription) != 0)
        {
            try
            {
                subscription = SubscriptionData.Build(topic, request.GetExtField("subscription"), request.GetExtField("expressionType"), subVersion);
            }
            catch (FormatException)
            {
                return Refuse(response, ResponseCode.SUBSCRIPTION_PARSE_FAILED, "parse the consumer's subscription failed");
            }
        }
        else
        {
            var groupInfo = broker.Consumers.GetGroup(group);
            if (groupInfo is null)
            {
                return Refuse(response, ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's group info not exist");
            }

            if (!groupConfig.ConsumeBroadcastEnable && groupInfo.MessageModel == "BROADCASTING")
            {
                return Refuse(response, ResponseCode.NO_PERMISSION, $"the consumer group[{group}] can not consume by broadcast way");
            }

            subscription = groupInfo.FindSubscription(topic);
            if (subscription is null)
            {
                return Refuse(response, ResponseCode.SUBSCRIPTION_NOT_EXIST, "the consumer's subscription not exist");
            }

            if (subscription.SubVersion < subVersion)
            {
                return Refuse(response, ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest", emptyExt: true);
            }

            if (!subscription.IsTagType && subscription.Sql is null)
            {
                return Refuse(response, ResponseCode.FILTER_DATA_NOT_EXIST, "The broker's consumer filter data is not exist!Your expression may be wrong!");
            }
        }

        if (!subscription.IsTagType && !broker.Config.EnablePropertyFilter)
        {
            return Refuse(response, ResponseCode.SYSTEM_ERROR, "The broker does not support consumer to filter message by " + subscription.ExpressionType);
        }

        var filter = new ExpressionMessageFilter(subscription);
        var result = broker.Store.GetMessage(topic, queueId, queueOffset, maxMsgNums, filter);
        response.Remark = StatusName(result.Status);
        // As a 4.9 broker with slaveReadEnable off (the default), master and slave both suggest the master (id 0).
        response.SetExtField("suggestWhichBrokerId", "0");
        var nextBeginOffset = broker.IsSlave && IsCorrection(result.Status) ? queueOffset : result.NextBeginOffset;
        response.SetExtField("nextBeginOffset", RequestHeader.Str(nextBeginOffset));
        response.SetExtField("minOffset", RequestHeader.Str(result.MinOffset));
        response.SetExtField("maxOffset", RequestHeader.Str(result.MaxOffset));
        response.Code = result.Status switch
        {
            GetMessageStatus.Found => ResponseCode.SUCCESS,
            GetMessageStatus.MessageWasRemoving or GetMessageStatus.NoMatchedMessage => ResponseCode.PULL_RETRY_IMMEDIATELY,
            GetMessageStatus.NoMatchedLogicQueue or GetMessageStatus.NoMessageInQueue
                => queueOffset != 0 ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND,
            GetMessageStatus.OffsetFoundNull or GetMessageStatus.OffsetOverflowOne => ResponseCode.PULL_NOT_FOUND,
            _ => ResponseCode.PULL_OFFSET_MOVED,
        };

        if (response.Code == ResponseCode.PULL_OFFSET_MOVED && broker.IsSlave)
        {
            // As Java without offsetCheckInSlave: a slave does not correct offsets, it sends the consumer back to
            // the group's broker id.
            response.Code = ResponseCode.PULL_RETRY_IMMEDIATELY;
            response.SetExtField("suggestWhichBrokerId", RequestHeader.Str(groupConfig.BrokerId));
        }

        broker.PullObserved?.Invoke(new PullServed(topic, queueId, queueOffset, response.Code, nextBeginOffset, result.MessageCount));

        // As Java: a slave does not store the offset a pull carries (the master owns the offsets).
        if (brokerAllowSuspend && (sysFlag & FlagCommitOffset) != 0 && !broker.IsSlave)
        {
            broker.Offsets.CommitOffset(channel.RemoteAddress, group, topic, queueId, commitOffset);
        }

        if (response.Code == ResponseCode.SUCCESS)
        {
            broker.StatsManager.IncGroupGet(group, topic, result.MessageCount, result.BufferTotalSize);
            response.Body = result.ToBody();
            return response;
        }

        if (response.Code == ResponseCode.PULL_NOT_FOUND && brokerAllowSuspend && (sysFlag & FlagSuspend) != 0)
        {
            var hold = broker.Config.LongPollingEnable ? TimeSpan.FromMilliseconds(suspendTimeoutMillis) : broker.Config.ShortPollingTime;
            broker.HoldService.Suspend(topic, queueId, new PullRequest(request, channel, queueOffset, filter), hold);
            return null;
        }

        if (response.Code == ResponseCode.PULL_OFFSET_MOVED)
        {
            _logger.LogInformation("PULL_OFFSET_MOVED: {Group} {Topic}:{QueueId} asked {Requested}, next {Next}", group, topic, queueId, queueOffset, result.NextBeginOffset);
        }

        return response;
    }

    private static RemotingCommand Refuse(RemotingCommand response, int code, string remark, bool emptyExt = false)
    {
        response.Code = code;
        response.Remark = remark;
        if (emptyExt)
        {
            response.ExtFields = new Dictionary<string, string>();
        }

        return response;
    }

    // The statuses whose next offset Java corrects on a master and leaves at the request's on a slave.
    private static bool IsCorrection(GetMessageStatus status)
        => status is GetMessageStatus.NoMessageInQueue or GetMessageStatus.NoMatchedLogicQueue or GetMessageStatus.OffsetTooSmall
            or GetMessageStatus.OffsetOverflowBadly or GetMessageStatus.OffsetFoundNull;

    private static string StatusName(GetMessageStatus status) => status switch
    {
        GetMessageStatus.Found => "FOUND",
        GetMessageStatus.NoMatchedMessage => "NO_MATCHED_MESSAGE",
        GetMessageStatus.MessageWasRemoving => "MESSAGE_WAS_REMOVING",
        GetMessageStatus.OffsetFoundNull => "OFFSET_FOUND_NULL",
        GetMessageStatus.OffsetOverflowBadly => "OFFSET_OVERFLOW_BADLY",
        GetMessageStatus.OffsetOverflowOne => "OFFSET_OVERFLOW_ONE",
        GetMessageStatus.OffsetTooSmall => "OFFSET_TOO_SMALL",
        GetMessageStatus.NoMatchedLogicQueue => "NO_MATCHED_LOGIC_QUEUE",
        _ => "NO_MESSAGE_IN_QUEUE",
    };
}

/// <summary>A pull a broker answered: the queue, the offset asked for, the response code, the next offset and the messages found.</summary>
internal readonly record struct PullServed(string Topic, int QueueId, long Offset, int Code, long NextBeginOffset, int MessageCount);
