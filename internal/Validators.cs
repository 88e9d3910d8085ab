using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Topic and group name checks (Go: internal/validators.go, which only checks groups; the topic checks and the
/// reserved-topic rules are Java's Validators/TopicValidator). Failures throw <see cref="MQClientException"/>
/// naming the field.
/// </summary>
internal static class Validators
{
    /// <summary>The pattern topics and groups must match (checked without a regex: the allowed set is tiny).</summary>
    public const string ValidPattern = "^[%|a-zA-Z0-9_-]+$";

    /// <summary>Longest group name (Go: <c>_CharacterMaxLength</c>).</summary>
    public const int GroupMaxLength = 255;

    /// <summary>Longest topic name.</summary>
    public const int TopicMaxLength = 127;

    /// <summary>Go: <c>ValidateGroup</c>. <paramref name="field"/> names the option in the message (e.g. consumerGroup).</summary>
    public static void ValidateGroup(string? group, string field = "group")
    {
        if (string.IsNullOrWhiteSpace(group))
        {
            throw new MQClientException($"the specified {field} is blank");
        }

        if (group.Length > GroupMaxLength)
        {
            throw new MQClientException($"the specified {field} is longer than group max length {GroupMaxLength}: {group.Length} characters");
        }

        if (!IsLegal(group))
        {
            throw new MQClientException($"the specified {field}[{group}] contains illegal characters, allowing only {ValidPattern}");
        }
    }

    /// <summary>Checks a topic name (Java: Validators.checkTopic).</summary>
    public static void ValidateTopic(string? topic, string field = "topic")
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new MQClientException($"the specified {field} is blank");
        }

        if (topic.Length > TopicMaxLength)
        {
            throw new MQClientException($"the specified {field} is longer than topic max length {TopicMaxLength}: {topic.Length} characters");
        }

        if (!IsLegal(topic))
        {
            throw new MQClientException($"the specified {field}[{topic}] contains illegal characters, allowing only {ValidPattern}");
        }
    }

    /// <summary>Checks a topic a producer sends to: a legal name that is not broker-internal (SCHEDULE_TOPIC_XXXX, ...).</summary>
    public static void ValidateSendTopic(string? topic)
    {
        ValidateTopic(topic);
        if (Constants.IsNotAllowedSendTopic(topic!))
        {
            throw new MQClientException($"sending message to topic[{topic}] is forbidden: it is reserved for the broker");
        }
    }

    /// <summary>Rejects reserved system topics (TBW102, rmq_sys_*, ...), e.g. for topic creation.</summary>
    public static void ValidateNotSystemTopic(string topic)
    {
        if (Constants.IsSystemTopic(topic))
        {
            throw new MQClientException($"the topic[{topic}] is conflict with system topic");
        }
    }

    /// <summary>True when every character is in <see cref="ValidPattern"/>.</summary>
    public static bool IsLegal(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '%' or '|' or '_' or '-'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
