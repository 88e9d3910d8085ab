namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// Reads a command's arguments as mqadmin's commons-cli PosixParser does: <c>-n value</c>, <c>-nvalue</c>,
/// <c>--namesrvAddr value</c>, <c>--namesrvAddr=value</c>, flags without a value, and <c>--json</c>. Unknown
/// options, a missing value, stray words and missing required options are <see cref="UsageException"/>s.
/// </summary>
internal static class ArgParser
{
    public const string JsonOption = "json";

    public static ParsedArgs Parse(IReadOnlyList<OptionSpec> options, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var json = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            OptionSpec? option;
            string? inline = null;
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                var name = token[2..];
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    inline = name[(eq + 1)..];
                    name = name[..eq];
                }

                if (name == JsonOption && inline is null)
                {
                    json = true;
                    continue;
                }

                option = FindLong(options, name) ?? throw new UsageException($"Unrecognized option: {token}");
            }
            else if (token.StartsWith('-') && token.Length > 1)
            {
                option = FindShort(options, token.Substring(1, 1)) ?? FindShort(options, token[1..]) ?? throw new UsageException($"Unrecognized option: {token}");
                if (token.Length > 1 + option.Short.Length)
                {
                    inline = token[(1 + option.Short.Length)..];
                }
            }
            else
            {
                throw new UsageException($"unexpected argument '{token}' (quote a value that contains blanks)");
            }

            if (!option.HasArg)
            {
                if (inline is not null)
                {
                    throw new UsageException($"option -{option.Short} takes no value");
                }

                values[option.Short] = null;
                continue;
            }

            if (inline is null)
            {
                if (i + 1 >= args.Count || IsOption(options, args[i + 1]))
                {
                    throw new UsageException($"Missing argument for option: {option.Short}");
                }

                inline = args[++i];
            }

            values[option.Short] = inline;
        }

        CheckRequired(options, values);
        return new ParsedArgs(values, json);
    }

    private static void CheckRequired(IReadOnlyList<OptionSpec> options, Dictionary<string, string?> values)
    {
        var missing = new List<string>();
        var groups = new Dictionary<string, (bool Given, List<string> Members)>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (option.Group is { } group)
            {
                var entry = groups.TryGetValue(group, out var e) ? e : (false, []);
                entry.Members.Add(option.Short);
                groups[group] = (entry.Given || values.ContainsKey(option.Short), entry.Members);
            }
            else if (option.Required && !values.ContainsKey(option.Short))
            {
                missing.Add(option.Short);
            }
        }

        foreach (var (_, (given, members)) in groups)
        {
            if (!given)
            {
                missing.Add("[" + string.Join(", ", members) + "]");
            }
        }

        if (missing.Count > 0)
        {
            throw new UsageException((missing.Count == 1 ? "Missing required option: " : "Missing required options: ") + string.Join(", ", missing));
        }
    }

    private static bool IsOption(IReadOnlyList<OptionSpec> options, string token)
        => token.StartsWith("--", StringComparison.Ordinal) ? token.Length > 2 && (token == "--" + JsonOption || FindLong(options, token[2..].Split('=')[0]) is not null)
            : token.Length == 2 && token[0] == '-' && FindShort(options, token[1..]) is not null;

    private static OptionSpec? FindShort(IReadOnlyList<OptionSpec> options, string name)
    {
        foreach (var option in options)
        {
            if (option.Short == name)
            {
                return option;
            }
        }

        return null;
    }

    private static OptionSpec? FindLong(IReadOnlyList<OptionSpec> options, string name)
    {
        foreach (var option in options)
        {
            if (option.LongKey == name)
            {
                return option;
            }
        }

        return null;
    }
}
