using System.Globalization;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>A typed request or response header that becomes a command's ext fields (Java: CommandCustomHeader).</summary>
internal interface ICommandHeader
{
    /// <summary>The ext-field map, with Java's field names and value formats; null fields are left out.</summary>
    Dictionary<string, string> Encode();
}

/// <summary>A header that can also be read back from ext fields (the embedded broker decodes requests with these).</summary>
internal interface ICommandHeader<out TSelf> : ICommandHeader
    where TSelf : ICommandHeader<TSelf>
{
    /// <summary>
    /// Reads the header; a missing required field or an unparsable number raises
    /// <see cref="RemotingProtocolException"/> with Java's wording ("the custom field &lt;x&gt; is null").
    /// </summary>
    static abstract TSelf Decode(IReadOnlyDictionary<string, string>? fields);
}

/// <summary>
/// Reading and writing ext-field values the way Java's RemotingCommand does: <c>toString()</c> of the field
/// (decimal numbers, <c>true</c>/<c>false</c>), parse back with <c>Integer.parseInt</c>/<c>Boolean.parseBoolean</c>.
/// </summary>
internal static class HeaderFields
{
    /// <summary>Java's field name for <c>RpcRequestHeader.brokerName</c> (4.9.8 and later).</summary>
    public const string BrokerName = "bname";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> OrEmpty(IReadOnlyDictionary<string, string>? fields) => fields ?? Empty;

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    public static string Required(IReadOnlyDictionary<string, string> fields, string key)
        => fields.TryGetValue(key, out var value) ? value : throw Missing(key);

    public static string? Optional(IReadOnlyDictionary<string, string> fields, string key)
        => fields.TryGetValue(key, out var value) ? value : null;

    public static int RequiredInt32(IReadOnlyDictionary<string, string> fields, string key)
        => ParseInt32(key, Required(fields, key));

    public static long RequiredInt64(IReadOnlyDictionary<string, string> fields, string key)
        => ParseInt64(key, Required(fields, key));

    public static bool RequiredBoolean(IReadOnlyDictionary<string, string> fields, string key)
        => ParseBoolean(Required(fields, key));

    public static int? OptionalInt32(IReadOnlyDictionary<string, string> fields, string key)
        => fields.TryGetValue(key, out var value) ? ParseInt32(key, value) : null;

    public static long? OptionalInt64(IReadOnlyDictionary<string, string> fields, string key)
        => fields.TryGetValue(key, out var value) ? ParseInt64(key, value) : null;

    public static bool? OptionalBoolean(IReadOnlyDictionary<string, string> fields, string key)
        => fields.TryGetValue(key, out var value) ? ParseBoolean(value) : null;

    public static void PutIfNotNull(Dictionary<string, string> fields, string key, string? value)
    {
        if (value is not null)
        {
            fields[key] = value;
        }
    }

    public static void PutIfNotNull(Dictionary<string, string> fields, string key, int? value)
    {
        if (value is { } v)
        {
            fields[key] = Format(v);
        }
    }

    public static void PutIfNotNull(Dictionary<string, string> fields, string key, long? value)
    {
        if (value is { } v)
        {
            fields[key] = Format(v);
        }
    }

    public static void PutIfNotNull(Dictionary<string, string> fields, string key, bool? value)
    {
        if (value is { } v)
        {
            fields[key] = Format(v);
        }
    }

    private static int ParseInt32(string key, string value)
        => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw NotANumber(key, value);

    private static long ParseInt64(string key, string value)
        => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw NotANumber(key, value);

    // Java's Boolean.parseBoolean: "true" in any case is true, anything else false.
    private static bool ParseBoolean(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static RemotingProtocolException Missing(string key) => new($"the custom field <{key}> is null");

    private static RemotingProtocolException NotANumber(string key, string value)
        => new($"the custom field <{key}> is not a number: '{value}'");
}
