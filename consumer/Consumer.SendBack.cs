using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>Returning failed messages for a later retry (Go: push_consumer.go <c>sendMessageBack</c>, consumer.go <c>sendMessageBackAsNormal</c>).</summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>Timeout of CONSUMER_SEND_MSG_BACK (Java: 5 s; Go: 3 s).</summary>
    public static readonly TimeSpan SendMessageBackTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Deliveries before the DLQ in concurrent mode: the option, or 16 for -1 (Go: <c>getMaxReconsumeTimes</c>).</summary>
    public int MaxReconsumeTimes => Options.MaxReconsumeTimes == -1 ? 16 : Options.MaxReconsumeTimes;

    /// <summary>Deliveries before the DLQ in orderly mode: the option, or unlimited for -1 (Go: <c>getOrderlyMaxReconsumeTimes</c>).</summary>
    public int OrderlyMaxReconsumeTimes => Options.MaxReconsumeTimes == -1 ? int.MaxValue : Options.MaxReconsumeTimes;

    /// <summary>
    /// Hands a failed message back to the broker for a retry after a delay (CONSUMER_SEND_MSG_BACK), and when that
    /// fails sends a copy to <c>%RETRY%&lt;group&gt;</c> (Go: <c>sendMessageBack</c>). False only when both failed:
    /// the caller must then keep the message and not move the offset past it.
    /// </summary>
    /// <param name="brokerName">The broker the message came from; its store host when empty.</param>
    /// <param name="msg">The message, its topic restored to the subscribed one.</param>
    /// <param name="delayLevel">Retry delay level; 0 lets the broker use 3 + reconsume times; -1 goes straight to the DLQ.</param>
    /// <param name="maxReconsumeTimes">Deliveries before the DLQ.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    public async Task<bool> SendMessageBack(string? brokerName, MessageExt msg, int delayLevel, int maxReconsumeTimes, CancellationToken cancellationToken = default)
    {
        var originTopic = Namespace.WrapNamespace(Options.Namespace, msg.Topic);
        string? addr = null;
        try
        {
            addr = string.IsNullOrEmpty(brokerName) ? msg.StoreHost : await FindBrokerAddrByName(brokerName, originTopic, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(addr))
            {
                var header = new ConsumerSendMsgBackRequestHeader
                {
                    Group = ConsumerGroup,
                    OriginTopic = originTopic,
                    Offset = msg.CommitLogOffset,
                    DelayLevel = delayLevel,
                    OriginMsgId = msg.MsgId,
                    MaxReconsumeTimes = maxReconsumeTimes,
                    BrokerName = brokerName,
                };
                var response = await Client.InvokeSync(Client.ForVipCall(addr), CommandHeaders.CreateRequest(RequestCode.CONSUMER_SEND_MSG_BACK, header), SendMessageBackTimeout, cancellationToken).ConfigureAwait(false);
                if (response.Code == ResponseCode.SUCCESS)
                {
                    return true;
                }

                Logger.LogWarning("send message back refused, sending it to the retry topic: broker={Broker} code={Code} remark={Remark} msgId={MsgId}", addr, response.Code, response.Remark, msg.MsgId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning(e, "send message back failed, sending it to the retry topic: broker={Broker} msgId={MsgId}", addr, msg.MsgId);
        }

        return await SendMessageBackAsNormal(msg, originTopic, maxReconsumeTimes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a copy of a failed message to the group's retry topic as a normal message (Go:
    /// <c>sendMessageBackAsNormal</c>; Java: the inner producer's send), with RETRY_TOPIC, ORIGIN_MESSAGE_ID, the
    /// next reconsume count and the delay level 3 + reconsume times. The broker moves it to %DLQ% past the maximum.
    /// </summary>
    public async Task<bool> SendMessageBackAsNormal(MessageExt msg, string originTopic, int maxReconsumeTimes, CancellationToken cancellationToken = default)
    {
        var retryTopic = RetryTopic;
        var retry = new Message(retryTopic, msg.Body) { Flag = msg.Flag };
        retry.WithProperties(msg.GetProperties());
        var originMsgId = msg.GetProperty(PropertyKeys.OriginMessageId);
        retry.WithProperty(PropertyKeys.OriginMessageId, originMsgId.Length == 0 ? msg.MsgId : originMsgId);
        retry.WithProperty(PropertyKeys.RetryTopic, originTopic);
        retry.RemoveProperty(PropertyKeys.TransactionPrepared);
        retry.WithProperty(PropertyKeys.ReconsumeTime, (msg.ReconsumeTimes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        retry.WithProperty(PropertyKeys.MaxReconsumeTimes, maxReconsumeTimes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        retry.WithDelayTimeLevel(3 + msg.ReconsumeTimes);

        string? addr = null;
        try
        {
            var mq = await FindPublishMessageQueue(retryTopic, msg, cancellationToken).ConfigureAwait(false);
            addr = await FindBrokerAddrByName(mq.BrokerName, retryTopic, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(addr))
            {
                Logger.LogWarning("sendMessageBackAsNormal cannot find broker address: broker={Broker} msgId={MsgId}", mq.BrokerName, msg.MsgId);
                return false;
            }

            var header = new SendMessageRequestHeader
            {
                ProducerGroup = Constants.ClientInnerProducerGroup,
                Topic = retryTopic,
                QueueId = mq.QueueId,
                BornTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Flag = retry.Flag,
                Properties = retry.MarshallProperties(),
                ReconsumeTimes = msg.ReconsumeTimes + 1,
                MaxReconsumeTimes = maxReconsumeTimes,
                BrokerName = mq.BrokerName,
            };
            var response = await Client.InvokeSync(addr, CommandHeaders.CreateRequest(RequestCode.SEND_MESSAGE, header, retry.Body), SendMessageBackAsNormalTimeout, cancellationToken).ConfigureAwait(false);
            if (response.Code is ResponseCode.SUCCESS or ResponseCode.FLUSH_DISK_TIMEOUT or ResponseCode.FLUSH_SLAVE_TIMEOUT or ResponseCode.SLAVE_NOT_AVAILABLE)
            {
                return true;
            }

            Logger.LogWarning("sendMessageBackAsNormal failed to send: topic={Topic} msgId={MsgId} broker={Broker} code={Code} remark={Remark}", retryTopic, msg.MsgId, addr, response.Code, response.Remark);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogWarning(e, "sendMessageBackAsNormal failed: topic={Topic} msgId={MsgId} broker={Broker}", retryTopic, msg.MsgId, addr);
        }

        return false;
    }

    // A random writable queue of the retry topic; the message's own broker when the retry topic has no route yet.
    private async Task<MessageQueue> FindPublishMessageQueue(string topic, MessageExt msg, CancellationToken cancellationToken)
    {
        try
        {
            var mqs = await Client.GetNameSrv().FetchPublishMessageQueues(topic, cancellationToken).ConfigureAwait(false);
            if (mqs.Count > 0)
            {
                return mqs[Random.Shared.Next(mqs.Count)];
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogDebug(e, "no route for {Topic}, sending to the message's broker", topic);
        }

        return new MessageQueue(topic, msg.Queue?.BrokerName ?? throw new MQClientException(ClientErrors.ErrBrokerNotFound, "no writable queue of " + topic), 0);
    }

    /// <summary>Go: <c>resetRetryAndNamespace</c>: the subscribed topic instead of %RETRY%&lt;group&gt;, without the namespace (Java), and
    /// the consume start time the expiry check reads.</summary>
    protected void ResetRetryAndNamespace(IReadOnlyList<MessageExt> msgs)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var retryTopic = RetryTopic;
        var ns = Options.Namespace;
        for (var i = 0; i < msgs.Count; i++)
        {
            var msg = msgs[i];
            if (msg.Topic == retryTopic)
            {
                MessageUtil.ResetRetryTopic(msg, retryTopic);
            }

            if (ns.Length > 0)
            {
                msg.Topic = Namespace.WithoutNamespace(msg.Topic, ns);
            }

            msg.SetConsumeStartTime(now); // the CONSUME_START_TIME property, made when read
        }
    }
}
