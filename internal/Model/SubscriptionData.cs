using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// One topic subscription of a consumer group (Go: model.go <c>SubscriptionData</c>): the expression, its tags and
/// the tags' Java hash codes. Sent in heartbeats and in ConsumerRunningInfo.
/// </summary>
internal sealed class SubscriptionData
{
    /// <summary>Subscribe to every tag.</summary>
    public const string SubAll = "*";

    /// <summary>Tag expression type.</summary>
    public const string ExpressionTypeTag = "TAG";

    /// <summary>SQL92 expression type.</summary>
    public const string ExpressionTypeSql92 = "SQL92";

    /// <summary>Class filter mode (deprecated filter servers).</summary>
    public bool ClassFilterMode { get; set; }

    /// <summary>Topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The expression: "*", "TagA || TagB" or SQL92 text.</summary>
    public string SubString { get; set; } = SubAll;

    /// <summary>Tags of a TAG expression (JSON <c>tagsSet</c>); empty for "*".</summary>
    public HashSet<string> Tags { get; set; } = [];

    /// <summary>Java String.hashCode of each tag (JSON <c>codeSet</c>).</summary>
    public HashSet<int> Codes { get; set; } = [];

    /// <summary>Version of this subscription, epoch ms when it was built (the pull header's subVersion).</summary>
    public long SubVersion { get; set; }

    /// <summary>TAG or SQL92 (Go: <c>ExpType</c>).</summary>
    public string ExpType { get; set; } = ExpressionTypeTag;

    /// <summary>
    /// Builds a subscription from an expression (Java: FilterAPI.buildSubscriptionData). For TAG: null, "" or "*"
    /// subscribe to all; otherwise the expression is split on "||", each part trimmed, empty parts dropped, and each
    /// tag's Java hash code kept. Other types keep the expression as is (it must not be empty).
    /// </summary>
    public static SubscriptionData Build(string topic, string? expression, string expressionType = ExpressionTypeTag, long? subVersion = null)
    {
        var data = new SubscriptionData
        {
            Topic = topic,
            SubString = expression ?? SubAll,
            ExpType = string.IsNullOrEmpty(expressionType) ? ExpressionTypeTag : expressionType,
            SubVersion = subVersion ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };

        if (data.ExpType != ExpressionTypeTag)
        {
            if (string.IsNullOrEmpty(expression))
            {
                throw new MQClientException($"the {data.ExpType} expression of topic {topic} is empty");
            }

            return data;
        }

        if (string.IsNullOrEmpty(expression) || expression == SubAll)
        {
            data.SubString = SubAll;
            return data;
        }

        foreach (var part in expression.Split("||"))
        {
            var tag = part.Trim();
            if (tag.Length > 0 && data.Tags.Add(tag))
            {
                data.Codes.Add(JavaHash.StringHashCode(tag));
            }
        }

        return data;
    }

    /// <summary>True when the subscription takes every tag.</summary>
    public bool IsSubscribeAll => ExpType == ExpressionTypeTag && (SubString == SubAll || SubString.Length == 0);

    /// <summary>A deep copy (Go: <c>Clone</c>).</summary>
    public SubscriptionData Clone() => new()
    {
        ClassFilterMode = ClassFilterMode,
        Topic = Topic,
        SubString = SubString,
        Tags = new HashSet<string>(Tags),
        Codes = new HashSet<int>(Codes),
        SubVersion = SubVersion,
        ExpType = ExpType,
    };

    /// <summary>Java's SubscriptionData.compareTo order (TreeSet in ConsumerRunningInfo): "topic@subString", ordinal.</summary>
    public static int Compare(SubscriptionData a, SubscriptionData b)
        => string.CompareOrdinal(a.Topic + "@" + a.SubString, b.Topic + "@" + b.SubString);

    internal static SubscriptionData Read(FastJsonObject obj)
    {
        var data = new SubscriptionData
        {
            ClassFilterMode = obj.GetBoolean("classFilterMode"),
            Topic = obj.GetString("topic") ?? string.Empty,
            SubString = obj.GetString("subString") ?? SubAll,
            SubVersion = obj.GetInt64("subVersion"),
            ExpType = obj.GetString("expressionType") ?? ExpressionTypeTag,
        };
        if (obj.GetArray("tagsSet") is { } tags)
        {
            foreach (var tag in tags)
            {
                data.Tags.Add(tag.GetString() ?? string.Empty);
            }
        }

        if (obj.GetArray("codeSet") is { } codes)
        {
            foreach (var code in codes)
            {
                data.Codes.Add(code.GetInt32());
            }
        }

        return data;
    }

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("classFilterMode", ClassFilterMode);
        writer.WritePropertyName("codeSet");
        writer.WriteStartArray();
        foreach (var code in JavaHashSetOrder.Order(Codes, static c => c))
        {
            writer.WriteNumberValue(code);
        }

        writer.WriteEndArray();
        writer.WriteString("expressionType", ExpType);
        writer.WriteString("subString", SubString);
        writer.WriteNumber("subVersion", SubVersion);
        BodyJson.WriteStrings(writer, "tagsSet", JavaHashSetOrder.Order(Tags, static t => JavaHash.StringHashCode(t)));
        writer.WriteString("topic", Topic);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override string ToString()
        => $"SubscriptionData [classFilterMode={ClassFilterMode}, topic={Topic}, subString={SubString}, tagsSet=[{string.Join(", ", Tags)}], codeSet=[{string.Join(", ", Codes)}], subVersion={SubVersion}, expressionType={ExpType}]";
}
