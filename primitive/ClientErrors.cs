namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Go's sentinel errors (package <c>errors</c>: <c>ErrEmptyTopic</c>, <c>ErrNoNameserver</c>, ...) as
/// <see cref="MQClientException"/> codes. Compare <see cref="MQClientException.Code"/> with a constant where Go code
/// compares errors with <c>==</c>; <see cref="Create"/> builds a fresh exception with Go's message. Codes 10001-10007
/// are Java's ClientErrorCode values; the others are this port's.
/// </summary>
public static class ClientErrors
{
    /// <summary>Java CONNECT_BROKER_EXCEPTION.</summary>
    public const int ConnectBrokerException = 10001;

    /// <summary>Java ACCESS_BROKER_TIMEOUT.</summary>
    public const int AccessBrokerTimeout = 10002;

    /// <summary>Java BROKER_NOT_EXIST_EXCEPTION (Go: ErrBrokerNotFound).</summary>
    public const int ErrBrokerNotFound = 10003;

    /// <summary>Java NO_NAME_SERVER_EXCEPTION (Go: ErrNoNameserver).</summary>
    public const int ErrNoNameserver = 10004;

    /// <summary>Java NOT_FOUND_TOPIC_EXCEPTION (Go: ErrTopicNotExist).</summary>
    public const int ErrTopicNotExist = 10005;

    /// <summary>Java REQUEST_TIMEOUT_EXCEPTION (Go: ErrRequestTimeout); transport timeouts are <see cref="RemotingTimeoutException"/>.</summary>
    public const int ErrRequestTimeout = 10006;

    /// <summary>Java CREATE_REPLY_MESSAGE_EXCEPTION.</summary>
    public const int CreateReplyMessageException = 10007;

    /// <summary>Go: ErrMQEmpty.</summary>
    public const int ErrMQEmpty = 20001;

    /// <summary>Go: ErrOffset.</summary>
    public const int ErrOffset = 20002;

    /// <summary>Go: ErrNumbers.</summary>
    public const int ErrNumbers = 20003;

    /// <summary>Go: ErrEmptyTopic.</summary>
    public const int ErrEmptyTopic = 20004;

    /// <summary>Go: ErrEmptyNameSrv.</summary>
    public const int ErrEmptyNameSrv = 20005;

    /// <summary>Go: ErrEmptyGroupID.</summary>
    public const int ErrEmptyGroupID = 20006;

    /// <summary>Go: ErrMessageBody.</summary>
    public const int ErrMessageBody = 20007;

    /// <summary>Go: ErrEmptyExpression.</summary>
    public const int ErrEmptyExpression = 20008;

    /// <summary>Go: ErrCreated.</summary>
    public const int ErrCreated = 20009;

    /// <summary>Go: ErrStartTopic.</summary>
    public const int ErrStartTopic = 20010;

    /// <summary>Go: ErrSubscriptionType.</summary>
    public const int ErrSubscriptionType = 20011;

    /// <summary>Go: ErrBlankSubType.</summary>
    public const int ErrBlankSubType = 20012;

    /// <summary>Go: ErrResponse.</summary>
    public const int ErrResponse = 20013;

    /// <summary>Go: ErrCompressLevel.</summary>
    public const int ErrCompressLevel = 20014;

    /// <summary>Go: ErrUnknownIP.</summary>
    public const int ErrUnknownIP = 20015;

    /// <summary>Go: ErrService.</summary>
    public const int ErrService = 20016;

    /// <summary>Go: ErrRouteNotFound.</summary>
    public const int ErrRouteNotFound = 20017;

    /// <summary>Go: ErrNotExisted.</summary>
    public const int ErrNotExisted = 20018;

    /// <summary>Go: ErrMultiIP.</summary>
    public const int ErrMultiIP = 20019;

    /// <summary>Go: ErrIllegalIP.</summary>
    public const int ErrIllegalIP = 20020;

    /// <summary>Go: ErrTopicEmpty.</summary>
    public const int ErrTopicEmpty = 20021;

    /// <summary>Go: ErrMessageEmpty.</summary>
    public const int ErrMessageEmpty = 20022;

    /// <summary>Go: ErrNotRunning.</summary>
    public const int ErrNotRunning = 20023;

    /// <summary>Go: ErrPullConsumer.</summary>
    public const int ErrPullConsumer = 20024;

    /// <summary>Go: ErrProducerCreated.</summary>
    public const int ErrProducerCreated = 20025;

    /// <summary>Go: ErrMultipleTopics.</summary>
    public const int ErrMultipleTopics = 20026;

    /// <summary>A new exception for <paramref name="code"/> with Go's message, plus <paramref name="detail"/> when given.</summary>
    public static MQClientException Create(int code, string? detail = null)
    {
        var message = Message(code);
        return new MQClientException(code, detail is null ? message : $"{message}: {detail}");
    }

    /// <summary>True when <paramref name="exception"/> is an <see cref="MQClientException"/> with <paramref name="code"/>.</summary>
    public static bool Is(Exception? exception, int code) => exception is MQClientException e && e.Code == code;

    /// <summary>Go's message for <paramref name="code"/>.</summary>
    public static string Message(int code) => code switch
    {
        ConnectBrokerException => "connect broker failed",
        AccessBrokerTimeout => "access broker timeout",
        ErrBrokerNotFound => "broker can not found",
        ErrNoNameserver => "nameServerAddrs can't be empty.",
        ErrTopicNotExist => "topic not exist",
        ErrRequestTimeout => "request timeout",
        CreateReplyMessageException => "create reply message failed",
        ErrMQEmpty => "MessageQueue is nil",
        ErrOffset => "offset < 0",
        ErrNumbers => "numbers < 0",
        ErrEmptyTopic => "empty topic",
        ErrEmptyNameSrv => "empty namesrv",
        ErrEmptyGroupID => "empty group id",
        ErrMessageBody => "message body size must be positive integer",
        ErrEmptyExpression => "empty expression",
        ErrCreated => "consumer group has been created",
        ErrStartTopic => "cannot subscribe topic since client either failed to start or has been shutdown.",
        ErrSubscriptionType => "subscribe type is not matched",
        ErrBlankSubType => "subscribe type should not be blank",
        ErrResponse => "response error",
        ErrCompressLevel => "unsupported compress level",
        ErrUnknownIP => "unknown IP address",
        ErrService => "service close is not running, please check",
        ErrRouteNotFound => "topic route not found",
        ErrNotExisted => "not existed",
        ErrMultiIP => "multiple IP addr does not support",
        ErrIllegalIP => "IP addr error",
        ErrTopicEmpty => "topic is nil",
        ErrMessageEmpty => "message is nil",
        ErrNotRunning => "producer not started",
        ErrPullConsumer => "pull consumer has not supported",
        ErrProducerCreated => "producer group has been created",
        ErrMultipleTopics => "the topic of the messages in one batch should be the same",
        _ => $"client error {code}",
    };
}
