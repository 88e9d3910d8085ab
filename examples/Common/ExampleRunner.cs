using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Examples.Common;

/// <summary>One runnable example: its Go path (examples/&lt;path&gt;/main.go), a line of description, and its entry point.</summary>
public sealed record Example(string Path, string Description, Func<ExampleContext, Task<int>> Run);

/// <summary>Selects an example by its Go path and runs it with the common flags.</summary>
public static class ExampleRunner
{
    /// <summary>Runs <c>args[0]</c> (a Go path) with the rest as flags; exit code 2 on usage errors.</summary>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<Example> examples)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" or "list")
        {
            PrintUsage(examples);
            return args.Length == 0 ? 2 : 0;
        }

        var example = examples.FirstOrDefault(e => string.Equals(e.Path, args[0].Trim('/'), StringComparison.OrdinalIgnoreCase));
        if (example is null)
        {
            var closest = ExampleHelp.ClosestExample(args[0], examples.Select(e => e.Path));
            await Console.Error.WriteLineAsync($"unknown example '{args[0]}'" + (closest is null ? "" : $"; did you mean {closest}?"));
            PrintUsage(examples);
            return 2;
        }

        Flags flags;
        try
        {
            flags = Flags.Parse(args[1..]);
            if (flags.Has("help"))
            {
                ExampleHelp.PrintUsage(example);
                return 0;
            }

            ExampleHelp.CheckFlags(flags, example);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // stdout carries only what an example prints (with --json, one JSON object a line, for scripts); logs go to stderr.
        using var loggerFactory = LoggerFactory.Create(b => b
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(flags.Verbose ? LogLevel.Debug : LogLevel.Warning));
        await using var context = new ExampleContext(example.Path, flags, loggerFactory, cts.Token);
        try
        {
            return await example.Run(context);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return 130;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e)
        {
            // An example ends with one line naming what went wrong (a missing topic, an unreachable name server),
            // not an unhandled exception's stack trace and exit code 134.
            await Console.Error.WriteLineAsync($"{example.Path}: {OneLine(e)}");
            return 1;
        }
    }

    /// <summary>The messages of <paramref name="error"/> and its causes on one line, each cause once.</summary>
    internal static string OneLine(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } single && single.InnerException is not null)
            {
                continue;
            }

            var text = string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (text.Length > 0 && !parts.Any(p => p.Contains(text, StringComparison.Ordinal)))
            {
                parts.Add(text);
            }
        }

        return string.Join(": ", parts);
    }

    private static void PrintUsage(IReadOnlyList<Example> examples)
    {
        Console.WriteLine("usage: dotnet run --project examples -- <example> [--nameserver host:port] [--topic T] [--group G] [--count N]");
        Console.WriteLine("                                        [--body-size B] [--tag T] [--keys k1,k2] [--json] [--verbose]");
        Console.WriteLine("Without --nameserver an example starts an embedded broker in-process; <example> --help lists its flags.");
        Console.WriteLine("Examples (Go's examples/<path>):");
        foreach (var example in examples.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {example.Path,-28} {example.Description}");
        }
    }
}
