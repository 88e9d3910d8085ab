using RocketMQ.Go.Port.Broker.Filter;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>A consumer's subscription to one topic (Java: SubscriptionData), plus the compiled SQL92 expression.</summary>
internal sealed class SubscriptionData
{
    /// <summary>Subscribes to every tag.</summary>
    public const string SubAll = "*";

    public string Topic { get; set; } = "";

    public string SubString { get; set; } = SubAll;

    public HashSet<string> TagsSet { get; set; } = [];

    public HashSet<int> CodeSet { get; set; } = [];

    public long SubVersion { get; set; }

    /// <summary>TAG or SQL92.</summary>
    public string ExpressionType { get; set; } = "TAG";

    public bool ClassFilterMode { get; set; }

    /// <summary>The parsed SQL92 expression when <see cref="ExpressionType"/> is SQL92.</summary>
    public SqlExpression? Sql { get; set; }

    /// <summary>True for TAG subscriptions (a missing type means TAG, as in Java).</summary>
    public bool IsTagType => string.IsNullOrEmpty(ExpressionType) || ExpressionType == "TAG";

    /// <summary>
    /// A subscription whose expression did not compile, kept as Java's broker keeps it (the consumer table has it, the
    /// filter manager has no compiled filter): pulls without a subscription in the request are refused with
    /// FILTER_DATA_NOT_EXIST, as from a real broker.
    /// </summary>
    public static SubscriptionData Uncompiled(string topic, string? subString, string? expressionType, long subVersion)
        => new() { Topic = topic, SubString = subString ?? "", ExpressionType = expressionType ?? "", SubVersion = subVersion };

    /// <summary>
    /// Java's FilterAPI.buildSubscriptionData: "*" or empty subscribes to all; otherwise tags split on "||",
    /// trimmed, each with its String.hashCode. SQL92 expressions are compiled and throw on bad syntax.
    /// </summary>
    public static SubscriptionData Build(string topic, string? subString, string? expressionType, long subVersion = 0)
    {
        var data = new SubscriptionData { Topic = topic, SubVersion = subVersion, ExpressionType = string.IsNullOrEmpty(expressionType) ? "TAG" : expressionType };
        if (!data.IsTagType)
        {
            if (data.ExpressionType != "SQL92")
            {
                throw new FormatException($"unsupported expression type {data.ExpressionType}");
            }

            data.SubString = subString ?? "";
            data.Sql = SqlParser.Parse(data.SubString);
            return data;
        }

        if (string.IsNullOrWhiteSpace(subString) || subString.Trim() == SubAll)
        {
            data.SubString = SubAll;
            return data;
        }

        data.SubString = subString;
        foreach (var tag in subString.Split("||"))
        {
            var trimmed = tag.Trim();
            if (trimmed.Length > 0)
            {
                data.TagsSet.Add(trimmed);
                data.CodeSet.Add(Primitive.JavaHash.StringHashCode(trimmed));
            }
        }

        return data;
    }
}
