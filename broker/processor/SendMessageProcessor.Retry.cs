using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// CONSUMER_SEND_MSG_BACK (36) and the retry/DLQ routing of sends to a retry topic (Java: consumerSendMsgBack,
/// handleRetryAndDLQ): a message consumed too often goes to the group's dead-letter topic.
/// </summary>
internal sealed partial class SendMessageProcessor
{
    /// <summary>CONSUMER_SEND_MSG_BACK: into %RETRY%group with the delay level's timing, or %DLQ%group when spent.</summary>
    public ValueTask<RemotingCommand?> SendBack(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<ConsumerSendMsgBackRequestHeader>();
        var (group, offset, delayLevel) = (header.Group, header.Offset, header.DelayLevel);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        var groupConfig = broker.Groups.Find(group);
        if (groupConfig is null)
        {
            response.Code = ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST;
            response.Remark = $"subscription group not exist, {group}";
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        if (!PermName.IsWriteable(broker.Config.BrokerPermission))
        {
            response.Code = ResponseCode.NO_PERMISSION;
            response.Remark = $"the broker[{broker.Config.ListenHost}] sending message is forbidden";
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        if (groupConfig.RetryQueueNums <= 0)
        {
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        if (broker.IsSlave)
        {
            // As Java: the slave store refuses the put, and a send-back reports the put status by name.
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = "SERVICE_NOT_AVAILABLE";
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        var topic = Constants.RetryGroupTopicPrefix + group;
        var queueId = Random.Shared.Next(99999999) % groupConfig.RetryQueueNums;
        var topicConfig = broker.Topics.CreateInSendMessageBack(topic, groupConfig.RetryQueueNums, PermName.Read | PermName.Write, 0);
        if (!PermName.IsWriteable(topicConfig.Perm))
        {
            response.Code = ResponseCode.NO_PERMISSION;
            response.Remark = $"the topic[{topic}] sending message is forbidden";
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        var record = broker.Store.ReadRecord(offset);
        if (record.IsEmpty || !StoredMessage.IsExact(record.Span))
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = $"look message by offset failed, {offset}";
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        var view = StoredMessage.Read(record.Span, out _);
        var original = MessageInner.FromRecord(record.Span);
        var originalTopic = original.Topic;
        var properties = original.Properties;
        if (!properties.Contains(PropertyKeys.RetryTopic))
        {
            properties.Put(PropertyKeys.RetryTopic, originalTopic);
        }

        properties.Put(PropertyKeys.WaitStoreMsgOk, "false");
        var maxReconsumeTimes = request.Version >= 261 && header.MaxReconsumeTimes is { } max ? max : groupConfig.RetryMaxTimes;
        if (view.ReconsumeTimes >= maxReconsumeTimes || delayLevel < 0)
        {
            topic = Constants.GetDlqTopic(group);
            queueId = Random.Shared.Next(99999999) % DlqNumsPerGroup;
            broker.Topics.CreateInSendMessageBack(topic, DlqNumsPerGroup, PermName.Read | PermName.Write, 0);
            properties.Put(PropertyKeys.DelayTimeLevel, "0");
        }
        else
        {
            if (delayLevel == 0)
            {
                delayLevel = 3 + view.ReconsumeTimes;
            }

            properties.Put(PropertyKeys.DelayTimeLevel, delayLevel.ToString(CultureInfo.InvariantCulture));
        }

        if (string.IsNullOrWhiteSpace(properties.Get(PropertyKeys.OriginMessageId)))
        {
            properties.Put(PropertyKeys.OriginMessageId, MessageEncoder.OffsetMessageId(view.StoreHost, view.CommitLogOffset));
        }

        var retry = new MessageInner
        {
            Topic = topic,
            QueueId = queueId,
            Body = original.Body,
            Flag = original.Flag,
            SysFlag = original.SysFlag,
            BornTimestamp = original.BornTimestamp,
            BornHost = original.BornHost,
            StoreHost = original.StoreHost,
            ReconsumeTimes = view.ReconsumeTimes + 1,
            Properties = properties,
        };
        var result = broker.Store.PutMessage(retry);
        if (!result.IsOk)
        {
            response.Code = ResponseCode.SYSTEM_ERROR;
            response.Remark = result.Status.ToString();
            return ValueTask.FromResult<RemotingCommand?>(response);
        }

        var durable = broker.Store.WhenDurable(result);
        return durable.IsCompletedSuccessfully ? ValueTask.FromResult<RemotingCommand?>(response) : AwaitDurable(durable, response);
    }

    private bool HandleRetryAndDlq(in SendHeader header, MessageInner message, RemotingCommand response)
    {
        if (!header.Topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal))
        {
            return true;
        }

        var group = header.Topic[Constants.RetryGroupTopicPrefix.Length..];
        var groupConfig = broker.Groups.Find(group);
        if (groupConfig is null)
        {
            response.Code = ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST;
            response.Remark = $"subscription group not exist, {group}";
            return false;
        }

        var maxReconsumeTimes = header.MaxReconsumeTimes ?? groupConfig.RetryMaxTimes;
        if (header.ReconsumeTimes >= maxReconsumeTimes)
        {
            message.Topic = Constants.GetDlqTopic(group);
            message.QueueId = Random.Shared.Next(99999999) % DlqNumsPerGroup;
            broker.Topics.CreateInSendMessageBack(message.Topic, DlqNumsPerGroup, PermName.Read | PermName.Write, 0);
            if (message.Properties.Contains(PropertyKeys.DelayTimeLevel))
            {
                message.Properties.Put(PropertyKeys.DelayTimeLevel, "0");
            }
        }

        return true;
    }
}
