namespace RocketMQ.Go.Port.Examples.Common;

/// <summary>
/// The flags examples understand, each example's own ones, per-example <c>--help</c>, and "did you mean" for a
/// mistyped flag or example name.
/// </summary>
public static class ExampleHelp
{
    /// <summary>Flags every example understands.</summary>
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nameserver"] = "host:port[;host:port] of a real cluster; without it an embedded broker starts in-process",
        ["topic"] = "the topic (each example has a default)",
        ["group"] = "the producer or consumer group",
        ["count"] = "how many messages",
        ["body-size"] = "body of this many bytes instead of the example's text",
        ["tag"] = "tag of the messages sent",
        ["keys"] = "keys of the messages sent, comma separated",
        ["json"] = "print one JSON object per result",
        ["verbose"] = "log the client at Debug level",
        ["help"] = "this text",
    };

    /// <summary>The flags an example reads beyond <see cref="Common"/>, by Go path prefix (the longest match wins).</summary>
    private static readonly (string Prefix, string Flag, string Description)[] Own =
    [
        ("quickstart", "timeout", "seconds to wait for every message (default 30)"),
        ("producer/delay", "level", "delay level (default 3 = 10 s)"),
        ("producer/delayms", "delay-ms", "delivery delay in ms"),
        ("producer/orderly", "orders", "number of orders (sharding keys)"),
        ("producer/transaction", "wait", "seconds to wait for check-backs"),
        ("producer/namespace", "namespace", "the namespace"),
        ("producer/acl", "access-key", "ACL access key"),
        ("producer/acl", "secret-key", "ACL secret key"),
        ("producer/acl", "broker-secret-key", "the embedded broker's secret key (default: --secret-key)"),
        ("producer/rpc", "ttl", "request time to live in ms"),
        ("consumer", "timeout", "seconds to wait for the messages (default 30)"),
        ("consumer/delay", "level", "delay level of the messages sent"),
        ("consumer/tag", "expression", "tag expression, e.g. \"TagA || TagC\""),
        ("consumer/sql", "expression", "SQL92 expression"),
        ("consumer/strategy", "strategy", "averagely, circle or hash"),
        ("consumer/namespace", "namespace", "the namespace"),
        ("consumer/acl", "access-key", "ACL access key"),
        ("consumer/acl", "secret-key", "ACL secret key"),
        ("consumer/acl", "broker-secret-key", "the embedded broker's secret key (default: --secret-key)"),
        ("consumer/rpc", "ttl", "request time to live in ms"),
        ("consumer/broadcast", "offset-dir", "directory of the local offset file (default: Go's ~/.rocketmq_client_go; a temporary one with the embedded broker)"),
        ("consumer/retry", "retries", "how many times a message comes back"),
        ("consumer/pull", "wait", "seconds without a message before stopping (default 10)"),
        ("consumer/pull", "namespace", "the namespace"),
        ("consumer/pull", "access-key", "ACL access key"),
        ("consumer/pull", "secret-key", "ACL secret key"),
        ("consumer/pull/poll_assign", "minutes", "look up offsets this many minutes back"),
        ("admin", "namespace", "the namespace"),
        ("admin", "access-key", "ACL access key"),
        ("admin", "secret-key", "ACL secret key"),
        ("admin", "broker", "broker name"),
        ("admin/topic", "queues", "queues of the created topic"),
        ("admin/topic", "keep", "do not delete the topic at the end"),
        ("admin/group", "reset-minutes", "rewind the group on --topic this many minutes"),
        ("admin/group", "reset-ms", "rewind the group on --topic to this timestamp (ms)"),
    ];

    /// <summary>The flags <paramref name="path"/> reads beyond the common ones.</summary>
    public static IReadOnlyList<(string Flag, string Description)> FlagsOf(string path)
        => [.. Own.Where(o => path == o.Prefix || path.StartsWith(o.Prefix + "/", StringComparison.Ordinal))
            .Select(o => (o.Flag, o.Description)).DistinctBy(o => o.Flag)];

    /// <summary>Prints an example's usage: its description, its own flags, then the common ones.</summary>
    public static void PrintUsage(Example example)
    {
        Console.WriteLine($"usage: dotnet run --project examples -- {example.Path} [flags]");
        Console.WriteLine($"  {example.Description}");
        var own = FlagsOf(example.Path);
        if (own.Count > 0)
        {
            Console.WriteLine("flags of this example:");
            foreach (var (flag, description) in own)
            {
                Console.WriteLine($"  --{flag,-20} {description}");
            }
        }

        Console.WriteLine("flags of every example:");
        foreach (var (flag, description) in Common)
        {
            Console.WriteLine($"  --{flag,-20} {description}");
        }
    }

    /// <summary>Throws when a flag is not one this example reads (common or its own), naming the closest one.</summary>
    /// <exception cref="ArgumentException">An unknown flag.</exception>
    public static void CheckFlags(Flags flags, Example example)
    {
        var known = Common.Keys.Concat(FlagsOf(example.Path).Select(f => f.Flag)).ToList();
        foreach (var name in flags.Names)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var closest = Closest(name, known);
                throw new ArgumentException($"unknown flag --{name} for {example.Path}"
                    + (closest is null ? "" : $"; did you mean --{closest}?") + $" (dotnet run --project examples -- {example.Path} --help)");
            }
        }
    }

    /// <summary>
    /// The example a mistyped or partial path most likely meant: one under it (consumer/retry -> consumer/retry/concurrent),
    /// else the nearest by edit distance, else null.
    /// </summary>
    public static string? ClosestExample(string input, IEnumerable<string> paths)
    {
        var all = paths.ToList();
        var trimmed = input.Trim('/');
        var under = all.FirstOrDefault(p => p.StartsWith(trimmed + "/", StringComparison.OrdinalIgnoreCase));
        if (under is not null)
        {
            return under;
        }

        var endsWith = all.FirstOrDefault(p => p.EndsWith("/" + trimmed, StringComparison.OrdinalIgnoreCase));
        return endsWith ?? Closest(trimmed, all);
    }

    /// <summary>The candidate nearest to <paramref name="input"/> by edit distance, if it is near enough to be a typo.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, input.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
