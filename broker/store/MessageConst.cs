namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>Property keys and system flags the broker reads or writes (Java: MessageConst, MessageSysFlag).</summary>
internal static class MessageConst
{
    public const string Tags = "TAGS";
    public const string Keys = "KEYS";
    public const string WaitStoreMsgOk = "WAIT";
    public const string DelayTimeLevel = "DELAY";
    public const string RetryTopic = "RETRY_TOPIC";
    public const string RealTopic = "REAL_TOPIC";
    public const string RealQueueId = "REAL_QID";
    public const string TransactionPrepared = "TRAN_MSG";
    public const string ProducerGroup = "PGROUP";
    public const string UniqueClientMessageId = "UNIQ_KEY";
    public const string OriginMessageId = "ORIGIN_MESSAGE_ID";
    public const string ReconsumeTime = "RECONSUME_TIME";
    public const string MaxReconsumeTimes = "MAX_RECONSUME_TIMES";
    public const string Cluster = "CLUSTER";
    public const string TransactionCheckTimes = "TRANSACTION_CHECK_TIMES";
    public const string TransactionId = "__transactionId__";
    public const string MsgRegion = "MSG_REGION";
    public const string TraceSwitch = "TRACE_ON";
    public const string CheckImmunityTime = "CHECK_IMMUNITY_TIME_IN_SECONDS";

    /// <summary>Separates a property's key from its value.</summary>
    public const char NameValueSeparator = '\u0001';

    /// <summary>Separates properties.</summary>
    public const char PropertySeparator = '\u0002';
}

/// <summary>Bits of a stored message's sysFlag (Java: MessageSysFlag).</summary>
internal static class MessageSysFlag
{
    public const int CompressedFlag = 0x1;
    public const int MultiTagsFlag = 0x2;
    public const int TransactionNotType = 0;
    public const int TransactionPreparedType = 0x1 << 2;
    public const int TransactionCommitType = 0x2 << 2;
    public const int TransactionRollbackType = 0x3 << 2;
    public const int BornHostV6Flag = 0x1 << 4;
    public const int StoreHostV6Flag = 0x1 << 5;

    public static int GetTransactionValue(int flag) => flag & TransactionRollbackType;

    public static int ResetTransactionValue(int flag, int type) => (flag & ~TransactionRollbackType) | type;
}

/// <summary>System topics and name prefixes (Java: TopicValidator, MixAll).</summary>
internal static class SystemTopics
{
    public const string AutoCreateTopicKey = "TBW102";
    public const string Schedule = "SCHEDULE_TOPIC_XXXX";
    public const string TransHalf = "RMQ_SYS_TRANS_HALF_TOPIC";
    public const string TransOpHalf = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
    public const string SelfTest = "SELF_TEST_TOPIC";
    public const string OffsetMovedEvent = "OFFSET_MOVED_EVENT";
    public const string RetryGroupTopicPrefix = "%RETRY%";
    public const string DlqGroupTopicPrefix = "%DLQ%";

    public static string RetryTopic(string group) => RetryGroupTopicPrefix + group;

    public static string DlqTopic(string group) => DlqGroupTopicPrefix + group;

    /// <summary>Topics a producer may not send to directly.</summary>
    public static bool IsNotAllowedSendTopic(string topic)
        => topic is Schedule or TransHalf or TransOpHalf or "TRANS_CHECK_MAX_TIME_TOPIC" or SelfTest or OffsetMovedEvent;

    /// <summary>Java's topic rule: 1-127 characters of <c>[%|a-zA-Z0-9_-]</c>; returns the refusal remark or null.</summary>
    public static string? ValidateTopic(string? topic)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            return "The specified topic is blank.";
        }

        if (!IsLegalName(topic))
        {
            return "The specified topic contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";
        }

        return topic.Length > 127 ? "The specified topic is longer than topic max length." : null;
    }

    /// <summary>True when every character is one Java accepts in a topic or group name.</summary>
    public static bool IsLegalName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '%' or '-' or '_' or '|'))
            {
                return false;
            }
        }

        return true;
    }
}
