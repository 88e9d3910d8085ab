using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Checks made before any network call (Go: <c>checkMsg</c>, plus Java's <c>Validators.checkMessage</c> and the
/// batch rules of <c>DefaultMQProducer.batch</c>, which Go lacks). Every failure is an <see cref="ArgumentException"/>
/// whose <see cref="ArgumentException.ParamName"/> names the offending field, e.g. <c>msgs[2].Topic</c>.
/// </summary>
internal static class Validation
{
    /// <summary>Checks the messages of one send: one message, or several sent as one batch.</summary>
    /// <exception cref="ArgumentNullException">No array, or a null message.</exception>
    /// <exception cref="ArgumentException">An invalid field; the parameter name says which.</exception>
    public static void CheckMessages(Message[]? msgs, int maxMessageSize)
    {
        ArgumentNullException.ThrowIfNull(msgs);
        if (msgs.Length == 0)
        {
            throw new ArgumentException("no message to send (Go: ErrMessageEmpty)", nameof(msgs));
        }

        if (msgs.Length == 1)
        {
            CheckMessage(msgs[0], maxMessageSize, -1);
            return;
        }

        var first = msgs[0] ?? throw new ArgumentNullException("msgs[0]", "a message of the batch is null");
        var waitStoreMsgOk = first.GetProperty(PropertyKeys.WaitStoreMsgOk);
        for (var i = 0; i < msgs.Length; i++)
        {
            var msg = msgs[i] ?? throw new ArgumentNullException(Field(i, null), "a message of the batch is null");
            CheckMessage(msg, maxMessageSize, i);
            if (!string.Equals(msg.Topic, first.Topic, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"the topic of the messages in one batch should be the same: '{msg.Topic}' differs from '{first.Topic}' (Go: ErrMultipleTopics)",
                    Field(i, ".Topic"));
            }

            if (msg.GetProperty(PropertyKeys.DelayTimeLevel).Length > 0 || msg.GetProperty(PropertyKeys.TimerDeliverMs).Length > 0)
            {
                throw new ArgumentException("a batch cannot carry delayed messages (delay level or delivery time set)", Field(i, ".DelayTimeLevel"));
            }

            if (Constants.IsRetryTopic(msg.Topic))
            {
                throw new ArgumentException($"a batch cannot be sent to the retry topic '{msg.Topic}'", Field(i, ".Topic"));
            }

            if (!string.Equals(msg.GetProperty(PropertyKeys.WaitStoreMsgOk), waitStoreMsgOk, StringComparison.Ordinal))
            {
                throw new ArgumentException("the messages of one batch must agree on waitStoreMsgOK (property WAIT)", Field(i, ".Properties"));
            }
        }
    }

    /// <summary>The checks of one message (Java: <c>Validators.checkMessage</c>); <paramref name="index"/> -1 for a single message.</summary>
    public static void CheckMessage(Message? msg, int maxMessageSize, int index)
    {
        if (msg is null)
        {
            throw new ArgumentNullException(Field(index, null), "the message is null (Go: ErrMessageEmpty)");
        }

        var topic = msg.Topic;
        if (!IsValidTopic(topic))
        {
            CheckTopic(topic, Field(index, ".Topic"));
        }

        var body = msg.Body;
        if (body is null || body.Length == 0)
        {
            throw new ArgumentException("the message body is empty (Go: ErrMessageBody)", Field(index, ".Body"));
        }

        if (body.Length > maxMessageSize)
        {
            throw new ArgumentException($"the message body is {body.Length} bytes, over the maximum of {maxMessageSize}", Field(index, ".Body"));
        }
    }

    /// <summary>The fast check of the hot path; <see cref="CheckTopic"/> explains a failure.</summary>
    private static bool IsValidTopic(string? topic)
        => !string.IsNullOrEmpty(topic) && topic.Length <= Validators.TopicMaxLength && Validators.IsLegal(topic)
            && !Constants.IsNotAllowedSendTopic(topic);

    /// <summary>A topic a producer may send to: set, legal characters, not too long, not broker-internal.</summary>
    public static void CheckTopic(string? topic, string field)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new ArgumentException("the topic is empty (Go: ErrTopicEmpty)", field);
        }

        if (topic.Length > Validators.TopicMaxLength)
        {
            throw new ArgumentException($"the topic is {topic.Length} characters, longer than the maximum of {Validators.TopicMaxLength}", field);
        }

        if (!Validators.IsLegal(topic))
        {
            throw new ArgumentException($"the topic '{topic}' contains illegal characters, allowing only {Validators.ValidPattern}", field);
        }

        if (Constants.IsNotAllowedSendTopic(topic))
        {
            throw new ArgumentException($"sending to topic '{topic}' is forbidden: it is reserved for the broker", field);
        }
    }

    /// <summary>A producer group name: set, legal characters, not too long (Go: <c>ValidateGroup</c>).</summary>
    public static void CheckGroup(string? group, string field)
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            throw new ArgumentException("the producer group is empty (Go: ErrEmptyGroupID)", field);
        }

        if (group.Length > Validators.GroupMaxLength)
        {
            throw new ArgumentException($"the producer group is {group.Length} characters, longer than the maximum of {Validators.GroupMaxLength}", field);
        }

        if (!Validators.IsLegal(group))
        {
            throw new ArgumentException($"the producer group '{group}' contains illegal characters, allowing only {Validators.ValidPattern}", field);
        }
    }

    /// <summary>Checks the size of an encoded batch against the limit.</summary>
    public static void CheckBatchSize(int encodedLength, int maxMessageSize)
    {
        if (encodedLength > maxMessageSize)
        {
            throw new ArgumentException($"the encoded batch is {encodedLength} bytes, over the maximum of {maxMessageSize}; send it in smaller batches", "msgs");
        }
    }

    // Built only when a check fails, so valid sends allocate nothing here.
    private static string Field(int index, string? member) => (index < 0 ? "msg" : $"msgs[{index}]") + member;
}
