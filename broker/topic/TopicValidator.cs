namespace RocketMQ.Go.Port.Broker.Topic;

/// <summary>
/// The broker's topic and group name checks (Java: TopicValidator), answering with the remarks a 4.9.8 broker sends.
/// The reserved names themselves are internal's <see cref="Internal.Constants"/>.
/// </summary>
internal static class TopicValidator
{
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
