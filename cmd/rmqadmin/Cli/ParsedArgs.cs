using System.Globalization;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>The options given to a command, looked up by short name (commons-cli's CommandLine).</summary>
internal sealed class ParsedArgs(Dictionary<string, string?> values, bool json)
{
    /// <summary>--json was given: print one JSON document instead of mqadmin's text.</summary>
    public bool Json { get; } = json;

    public bool Has(string shortName) => values.ContainsKey(shortName);

    /// <summary>The trimmed value, or null when the option is absent (mqadmin trims every value it reads).</summary>
    public string? Value(string shortName) => values.TryGetValue(shortName, out var value) ? value?.Trim() : null;

    /// <summary>The value of a required option (the parser has checked it is there).</summary>
    public string Required(string shortName) => Value(shortName) ?? throw new UsageException($"Missing required option: {shortName}");

    public int Int(string shortName, int defaultValue) => Value(shortName) is { } text ? ParseInt(shortName, text) : defaultValue;

    public long Long(string shortName, long defaultValue)
        => Value(shortName) is not { } text ? defaultValue
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new UsageException($"option -{shortName} needs a whole number, not '{text}'");

    /// <summary>Java's Boolean.parseBoolean: "true" in any case is true, anything else false.</summary>
    public bool Bool(string shortName, bool defaultValue)
        => Value(shortName) is { } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : defaultValue;

    private static int ParseInt(string shortName, string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"option -{shortName} needs a whole number, not '{text}'");
}
