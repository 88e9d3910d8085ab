using System.Globalization;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A typed request or response header that becomes a command's ext fields (Java: CommandCustomHeader). Its one
/// encoder is <see cref="Write"/>: requests go on the wire from it through <see cref="CommandHeaders.CreateRequest"/>
/// (no map of strings), and the map form (<see cref="CommandHeaders.Encode"/>) is derived from it.
/// </summary>
internal interface ICommandHeader
{
    /// <summary>
    /// Adds the header's fields with Java's field names, numbers as numbers and booleans as <c>true</c>/<c>false</c>;
    /// null fields are left out.
    /// </summary>
    void Write(PackedExtFields fields);
}

/// <summary>
/// A header that can also be read back from ext fields: the client's processors and the embedded broker decode
/// received commands with these, straight from the frame (see <see cref="HeaderFieldSource"/>).
/// </summary>
internal interface ICommandHeader<out TSelf> : ICommandHeader
    where TSelf : ICommandHeader<TSelf>
{
    /// <summary>
    /// Reads the header; a missing required field or an unparsable number raises
    /// <see cref="RemotingProtocolException"/> with Java's wording ("the custom field &lt;x&gt; is null").
    /// </summary>
    static abstract TSelf Decode(HeaderFieldSource fields);
}

/// <summary>
/// Reading and writing ext-field values the way Java's RemotingCommand does: <c>toString()</c> of the field
/// (decimal numbers, <c>true</c>/<c>false</c>), parse back with <c>Integer.parseInt</c>/<c>Boolean.parseBoolean</c>.
/// </summary>
internal static class HeaderFields
{
    /// <summary>Java's field name for <c>RpcRequestHeader.brokerName</c> (4.9.8 and later).</summary>
    public const string BrokerName = "bname";

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    public static string Required(HeaderFieldSource fields, string key) => fields.Get(key) ?? throw Missing(key);

    public static string? Optional(HeaderFieldSource fields, string key) => fields.Get(key);

    public static int RequiredInt32(HeaderFieldSource fields, string key)
        => OptionalInt32(fields, key) ?? throw Missing(key);

    public static long RequiredInt64(HeaderFieldSource fields, string key)
        => OptionalInt64(fields, key) ?? throw Missing(key);

    public static bool RequiredBoolean(HeaderFieldSource fields, string key)
        => ParseBoolean(Required(fields, key));

    public static int? OptionalInt32(HeaderFieldSource fields, string key)
        => OptionalInt64(fields, key) is not { } value ? null
            : value is >= int.MinValue and <= int.MaxValue ? (int)value
            : throw NotANumber(key, fields.Get(key));

    public static long? OptionalInt64(HeaderFieldSource fields, string key)
        => fields.TryGetNumber(key, out var value) ? value
            : fields.Get(key) is { } text ? throw NotANumber(key, text)
            : null;

    public static bool? OptionalBoolean(HeaderFieldSource fields, string key)
        => fields.Get(key) is { } value ? ParseBoolean(value) : null;

    /// <summary>A boolean field as Java's <c>Boolean.toString</c> writes it.</summary>
    public static void Add(this PackedExtFields fields, string key, bool value) => fields.Add(key, Format(value));

    public static void AddIfNotNull(this PackedExtFields fields, string key, string? value)
    {
        if (value is not null)
        {
            fields.Add(key, value);
        }
    }

    public static void AddIfNotNull(this PackedExtFields fields, string key, long? value)
    {
        if (value is { } v)
        {
            fields.Add(key, v);
        }
    }

    public static void AddIfNotNull(this PackedExtFields fields, string key, bool? value)
    {
        if (value is { } v)
        {
            fields.Add(key, Format(v));
        }
    }

    // Java's Boolean.parseBoolean: "true" in any case is true, anything else false.
    private static bool ParseBoolean(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static RemotingProtocolException Missing(string key) => new($"the custom field <{key}> is null");

    private static RemotingProtocolException NotANumber(string key, string? value)
        => new($"the custom field <{key}> is not a number: '{value}'");
}

/// <summary>Commands and maps made from a header's one <see cref="ICommandHeader.Write"/>.</summary>
internal static class CommandHeaders
{
    /// <summary>
    /// A request whose ext fields <paramref name="header"/> writes into pooled <see cref="PackedExtFields"/>, which
    /// the codec writes straight into the frame: no map and no string per number. Like every request it belongs to
    /// remote once handed to an invoke (remote gives the fields back once it is answered), so send it once.
    /// </summary>
    public static RemotingCommand CreateRequest(int code, ICommandHeader header, ReadOnlyMemory<byte> body = default)
    {
        var fields = PackedExtFields.Rent();
        header.Write(fields);
        return RemotingCommand.CreatePackedRequest(code, fields, body);
    }

    /// <summary>
    /// The header's ext-field map, in write order, with the strings the codec would write: for responses the
    /// broker answers with and for tests.
    /// </summary>
    public static Dictionary<string, string> Encode(this ICommandHeader header) => Encode(header, static (h, f) => h.Write(f));

    /// <summary>The map <paramref name="write"/> makes of <paramref name="header"/> (a header with more than one name set).</summary>
    public static Dictionary<string, string> Encode<THeader>(THeader header, Action<THeader, PackedExtFields> write)
    {
        var fields = PackedExtFields.Rent();
        try
        {
            write(header, fields);
            return fields.ToDictionary();
        }
        finally
        {
            PackedExtFields.Return(fields);
        }
    }
}
