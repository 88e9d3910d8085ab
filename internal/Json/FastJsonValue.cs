using System.Globalization;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>The kind of a <see cref="FastJsonValue"/>.</summary>
internal enum FastJsonKind
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A number, kept as its raw text.</summary>
    Number,
    /// <summary>A string.</summary>
    String,
    /// <summary>An array.</summary>
    Array,
    /// <summary>An object whose keys may be strings, unquoted numbers or objects.</summary>
    Object,
}

/// <summary>
/// A node of the small DOM <see cref="FastJson.Parse(ReadOnlySpan{byte})"/> builds from fastjson output.
/// The typed getters are lenient the way fastjson's own reader is: a number read as a string gives its text,
/// a string holding digits reads as a number, so broker bodies that quote numbers (property maps) still read.
/// </summary>
internal abstract class FastJsonValue
{
    private protected FastJsonValue()
    {
    }

    /// <summary>What this node is.</summary>
    public abstract FastJsonKind Kind { get; }

    /// <summary>True for JSON null.</summary>
    public bool IsNull => Kind == FastJsonKind.Null;

    /// <summary>The string value (a number's raw text; null for JSON null).</summary>
    public virtual string? GetString() => throw Mismatch("a string");

    /// <summary>The value as a 64-bit integer.</summary>
    public virtual long GetInt64() => throw Mismatch("an integer");

    /// <summary>The value as a 32-bit integer.</summary>
    public int GetInt32()
    {
        var value = GetInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new RemotingProtocolException($"JSON number {value} does not fit a 32-bit integer");
        }

        return (int)value;
    }

    /// <summary>The value as a double.</summary>
    public virtual double GetDouble() => throw Mismatch("a number");

    /// <summary>The value as a boolean.</summary>
    public virtual bool GetBoolean() => throw Mismatch("a boolean");

    /// <summary>This node as an object; throws when it is not one.</summary>
    public FastJsonObject AsObject() => this as FastJsonObject ?? throw Mismatch("an object");

    /// <summary>This node as an array; throws when it is not one.</summary>
    public FastJsonArray AsArray() => this as FastJsonArray ?? throw Mismatch("an array");

    /// <summary>Compact JSON text of this node (object keys written as objects, like fastjson).</summary>
    public override string ToString() => FastJsonWriter.ToJsonString(this);

    private protected RemotingProtocolException Mismatch(string expected)
        => new($"expected {expected} in JSON body but found {Kind.ToString().ToLowerInvariant()}");
}

/// <summary>JSON null (a singleton).</summary>
internal sealed class FastJsonNull : FastJsonValue
{
    /// <summary>The only instance.</summary>
    public static readonly FastJsonNull Instance = new();

    private FastJsonNull()
    {
    }

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.Null;

    /// <inheritdoc />
    public override string? GetString() => null;
}

/// <summary>JSON true or false.</summary>
internal sealed class FastJsonBoolean : FastJsonValue
{
    /// <summary>true.</summary>
    public static readonly FastJsonBoolean True = new(true);

    /// <summary>false.</summary>
    public static readonly FastJsonBoolean False = new(false);

    private readonly bool _value;

    private FastJsonBoolean(bool value) => _value = value;

    /// <summary>The shared instance for <paramref name="value"/>.</summary>
    public static FastJsonBoolean Of(bool value) => value ? True : False;

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.Boolean;

    /// <inheritdoc />
    public override bool GetBoolean() => _value;

    /// <inheritdoc />
    public override string GetString() => _value ? "true" : "false";
}

/// <summary>A JSON number kept as its raw text, so longs never pass through a double.</summary>
internal sealed class FastJsonNumber : FastJsonValue
{
    /// <summary>A number from its JSON text (not validated here; the parser validates what it reads).</summary>
    public FastJsonNumber(string raw) => Raw = raw;

    /// <summary>A number from an integer.</summary>
    public FastJsonNumber(long value) => Raw = value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number exactly as written.</summary>
    public string Raw { get; }

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.Number;

    /// <inheritdoc />
    public override string GetString() => Raw;

    /// <inheritdoc />
    public override long GetInt64() => FastJsonText.ParseInt64(Raw);

    /// <inheritdoc />
    public override double GetDouble() => FastJsonText.ParseDouble(Raw);
}

/// <summary>A JSON string.</summary>
internal sealed class FastJsonString : FastJsonValue
{
    /// <summary>A string node.</summary>
    public FastJsonString(string value) => Value = value;

    /// <summary>The unescaped text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.String;

    /// <inheritdoc />
    public override string GetString() => Value;

    /// <inheritdoc />
    public override long GetInt64() => FastJsonText.ParseInt64(Value);

    /// <inheritdoc />
    public override double GetDouble() => FastJsonText.ParseDouble(Value);

    /// <inheritdoc />
    public override bool GetBoolean() => Value switch
    {
        "true" => true,
        "false" => false,
        _ => throw Mismatch("a boolean"),
    };
}

/// <summary>Number parsing for the lenient getters, with the protocol exception the callers expect.</summary>
internal static class FastJsonText
{
    public static long ParseInt64(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // fastjson writes whole doubles as "1.0"; accept them where an integer is wanted, as fastjson does.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
        {
            return (long)d;
        }

        throw new RemotingProtocolException($"JSON value '{text}' is not an integer");
    }

    public static double ParseDouble(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RemotingProtocolException($"JSON value '{text}' is not a number");
}
