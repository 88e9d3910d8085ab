using System.Globalization;

namespace RocketMQ.Go.Port.Examples.Common;

/// <summary>
/// The examples' command line: <c>--name value</c> pairs and bare <c>--switch</c>es. The common flags every example
/// understands have properties; an example reads its own with <see cref="Get"/>.
/// </summary>
public sealed class Flags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    /// <summary>Switches that take no value.</summary>
    private static readonly HashSet<string> KnownSwitches = ["json", "help", "verbose"];

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">A value is missing or an argument is not a flag.</exception>
    public static Flags Parse(IReadOnlyList<string> args)
    {
        var flags = new Flags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new ArgumentException($"unexpected argument '{arg}': flags look like --name value");
            }

            var name = arg[2..];
            var eq = name.IndexOf('=');
            if (eq > 0)
            {
                flags._values[name[..eq]] = name[(eq + 1)..];
            }
            else if (KnownSwitches.Contains(name) || i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                flags._switches.Add(name);
            }
            else
            {
                flags._values[name] = args[++i];
            }
        }

        return flags;
    }

    /// <summary>Every flag given, switches and flags with a value.</summary>
    public IEnumerable<string> Names => _values.Keys.Concat(_switches);

    /// <summary>A real cluster's name server(s), "host:port[;host:port]"; null runs against the embedded broker.</summary>
    public string? NameServer => Get("nameserver");

    /// <summary>The topic, or the example's default.</summary>
    public string Topic(string fallback) => Get("topic") ?? fallback;

    /// <summary>The group, or the example's default.</summary>
    public string Group(string fallback) => Get("group") ?? fallback;

    /// <summary>How many messages.</summary>
    public int Count(int fallback) => Int("count", fallback);

    /// <summary>Body size in bytes when given: the body is then that many bytes of text.</summary>
    public int? BodySize => Get("body-size") is null ? null : Int("body-size", 0);

    /// <summary>The tag to set, if any.</summary>
    public string? Tag => Get("tag");

    /// <summary>The keys to set, comma separated, if any.</summary>
    public IReadOnlyList<string> Keys => Get("keys")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Print one JSON object per result.</summary>
    public bool Json => Has("json");

    /// <summary>Log the client at Debug level.</summary>
    public bool Verbose => Has("verbose");

    /// <summary>A flag's value, or null.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the switch (or a flag with a value) was given.</summary>
    public bool Has(string name) => _switches.Contains(name) || _values.ContainsKey(name);

    /// <summary>An integer flag.</summary>
    /// <exception cref="ArgumentException">Not an integer.</exception>
    public int Int(string name, int fallback)
        => Get(name) is not { } text ? fallback
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"--{name} needs a whole number, not '{text}'");

    /// <summary>The body of message number <paramref name="i"/>: Go's example text, or --body-size bytes.</summary>
    public byte[] Body(int i, string text = "Hello RocketMQ Go Client!")
    {
        if (BodySize is { } size)
        {
            var body = new byte[size];
            for (var b = 0; b < size; b++)
            {
                body[b] = (byte)('a' + ((b + i) % 26));
            }

            return body;
        }

        return System.Text.Encoding.UTF8.GetBytes(i < 0 ? text : $"{text} {i}");
    }
}
