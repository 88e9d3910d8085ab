namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Message property keys (Go: the <c>Property*</c> constants of message.go; Java: <c>MessageConst</c>). The union of
/// both lists, so properties set by Java clients and brokers have a named key here.
/// </summary>
public static class PropertyKeys
{
    /// <summary>Separator between the keys in <see cref="Keys"/>.</summary>
    public const string KeySeparator = " ";

    /// <summary>Business keys, space separated (Go: PropertyKeys).</summary>
    public const string Keys = "KEYS";

    /// <summary>The message tag (Go: PropertyTags).</summary>
    public const string Tags = "TAGS";

    /// <summary>Whether the broker answers only after the message is stored (Go: PropertyWaitStoreMsgOk).</summary>
    public const string WaitStoreMsgOk = "WAIT";

    /// <summary>Delay level 1-18 (Go: PropertyDelayTimeLevel).</summary>
    public const string DelayTimeLevel = "DELAY";

    /// <summary>The original topic of a retried message (Go: PropertyRetryTopic).</summary>
    public const string RetryTopic = "RETRY_TOPIC";

    /// <summary>Absolute delivery time in Unix milliseconds, for 5.x timer messages (Go: PropertyTimerDeliverMS).</summary>
    public const string TimerDeliverMs = "TIMER_DELIVER_MS";

    /// <summary>The topic before the broker redirected the message (delay, retry, transaction).</summary>
    public const string RealTopic = "REAL_TOPIC";

    /// <summary>The queue id before the broker redirected the message.</summary>
    public const string RealQueueId = "REAL_QID";

    /// <summary>"true" on a transactional half message (Go: PropertyTransactionPrepared).</summary>
    public const string TransactionPrepared = "TRAN_MSG";

    /// <summary>The producer group of a transactional message (Go: PropertyProducerGroup).</summary>
    public const string ProducerGroup = "PGROUP";

    /// <summary>The queue's minimum offset, set by the client when pulling.</summary>
    public const string MinOffset = "MIN_OFFSET";

    /// <summary>The queue's maximum offset, set by the client when pulling.</summary>
    public const string MaxOffset = "MAX_OFFSET";

    /// <summary>Java's PROPERTY_BUYER_ID.</summary>
    public const string BuyerId = "BUYER_ID";

    /// <summary>The offset message id of the message a retry was made from.</summary>
    public const string OriginMessageId = "ORIGIN_MESSAGE_ID";

    /// <summary>Java's PROPERTY_TRANSFER_FLAG.</summary>
    public const string TransferFlag = "TRANSFER_FLAG";

    /// <summary>Java's PROPERTY_CORRECTION_FLAG.</summary>
    public const string CorrectionFlag = "CORRECTION_FLAG";

    /// <summary>Java's PROPERTY_MQ2_FLAG.</summary>
    public const string MQ2Flag = "MQ2_FLAG";

    /// <summary>How many times the message was consumed again.</summary>
    public const string ReconsumeTime = "RECONSUME_TIME";

    /// <summary>The region the message was sent in.</summary>
    public const string MsgRegion = "MSG_REGION";

    /// <summary>Whether message tracing is on for this message.</summary>
    public const string TraceSwitch = "TRACE_ON";

    /// <summary>The client-generated unique message id (Go: PropertyUniqueClientMessageIdKeyIndex).</summary>
    public const string UniqueClientMessageIdKeyIndex = "UNIQ_KEY";

    /// <summary>Java's PROPERTY_EXTEND_UNIQ_INFO.</summary>
    public const string ExtendUniqInfo = "EXTEND_UNIQ_INFO";

    /// <summary>Per-message maximum redeliveries before the dead letter queue.</summary>
    public const string MaxReconsumeTimes = "MAX_RECONSUME_TIMES";

    /// <summary>When the consumer started consuming the message (Unix ms).</summary>
    public const string ConsumeStartTime = "CONSUME_START_TIME";

    /// <summary>Java's PROPERTY_INNER_NUM.</summary>
    public const string InnerNum = "INNER_NUM";

    /// <summary>Java's PROPERTY_INNER_BASE.</summary>
    public const string InnerBase = "INNER_BASE";

    /// <summary>Java's DUP_INFO.</summary>
    public const string DupInfo = "DUP_INFO";

    /// <summary>The queue offset of the half message (Go: PropertyTranscationPreparedQueueOffset).</summary>
    public const string TransactionPreparedQueueOffset = "TRAN_PREPARED_QUEUE_OFFSET";

    /// <summary>How often the broker has checked a half message back.</summary>
    public const string TransactionCheckTimes = "TRANSACTION_CHECK_TIMES";

    /// <summary>Seconds before the first transaction check-back.</summary>
    public const string CheckImmunityTimeInSeconds = "CHECK_IMMUNITY_TIME_IN_SECONDS";

    /// <summary>Java's PROPERTY_INSTANCE_ID.</summary>
    public const string InstanceId = "INSTANCE_ID";

    /// <summary>Ordering key for orderly sends (Go: PropertyShardingKey; Java 4.9 has no such key, 5.x uses <c>__SHARDINGKEY</c>).</summary>
    public const string ShardingKey = "SHARDING_KEY";

    /// <summary>The transaction id of a transactional message.</summary>
    public const string TransactionId = "__transactionId__";

    /// <summary>Request-reply correlation id.</summary>
    public const string CorrelationId = "CORRELATION_ID";

    /// <summary>The client id a reply goes back to.</summary>
    public const string MessageReplyToClient = "REPLY_TO_CLIENT";

    /// <summary>Request-reply time to live in ms.</summary>
    public const string MessageTtl = "TTL";

    /// <summary>When a reply arrived (Go: PropertyReplyMessageArriveTime).</summary>
    public const string ReplyMessageArriveTime = "ARRIVE_TIME";

    /// <summary>Java's PROPERTY_PUSH_REPLY_TIME.</summary>
    public const string PushReplyTime = "PUSH_REPLY_TIME";

    /// <summary>The cluster that stored the message.</summary>
    public const string Cluster = "CLUSTER";

    /// <summary>Message type ("reply" for replies).</summary>
    public const string MsgType = "MSG_TYPE";

    /// <summary>Java's PROPERTY_INNER_MULTI_DISPATCH.</summary>
    public const string InnerMultiDispatch = "INNER_MULTI_DISPATCH";

    /// <summary>Java's PROPERTY_INNER_MULTI_QUEUE_OFFSET.</summary>
    public const string InnerMultiQueueOffset = "INNER_MULTI_QUEUE_OFFSET";

    /// <summary>Java 5.x delay in seconds.</summary>
    public const string TimerDelaySec = "TIMER_DELAY_SEC";

    /// <summary>Java 5.x delay in milliseconds.</summary>
    public const string TimerDelayMs = "TIMER_DELAY_MS";

    /// <summary>Every key above: the names the decoder shares instead of allocating a string per message.</summary>
    internal static readonly string[] All =
    [
        Keys, Tags, WaitStoreMsgOk, DelayTimeLevel, RetryTopic, TimerDeliverMs, RealTopic, RealQueueId,
        TransactionPrepared, ProducerGroup, MinOffset, MaxOffset, BuyerId, OriginMessageId, TransferFlag,
        CorrectionFlag, MQ2Flag, ReconsumeTime, MsgRegion, TraceSwitch, UniqueClientMessageIdKeyIndex, ExtendUniqInfo,
        MaxReconsumeTimes, ConsumeStartTime, InnerNum, InnerBase, DupInfo, TransactionPreparedQueueOffset,
        TransactionCheckTimes, CheckImmunityTimeInSeconds, InstanceId, ShardingKey, TransactionId, CorrelationId,
        MessageReplyToClient, MessageTtl, ReplyMessageArriveTime, PushReplyTime, Cluster, MsgType, InnerMultiDispatch,
        InnerMultiQueueOffset, TimerDelaySec, TimerDelayMs,
    ];
}
