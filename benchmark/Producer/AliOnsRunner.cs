using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RocketMQ.Go.Port.Benchmark.Producer;

/// <summary>
/// Runs benchmark/alions/bench.js (the pure-JavaScript client ali-ons) with the same settings against the same name
/// server, right after this client's run, and prints the ratio. Installs ali-ons with <c>npm ci</c> when missing.
/// </summary>
internal static class AliOnsRunner
{
    /// <summary>Runs ali-ons once and prints its figures; its msgs/s and CPU us/msg, or null when it could not run.</summary>
    public static async Task<(double MsgsPerSec, double CpuUsPerMsg)?> RunAsync(ProducerBenchmarkOptions options, string nameServer)
    {
        if (options.Mode is not ("sync" or "async"))
        {
            Console.Error.WriteLine("--alions compares sync and async modes only");
            return null;
        }

        var dir = FindScriptDirectory();
        if (dir is null)
        {
            Console.Error.WriteLine("benchmark/alions/bench.js not found above " + AppContext.BaseDirectory);
            return null;
        }

        if (!Directory.Exists(Path.Combine(dir, "node_modules", "ali-ons"))
            && await RunProcess("npm", dir, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], echo: true) is not { Code: 0 })
        {
            Console.Error.WriteLine("npm ci failed in " + dir);
            return null;
        }

        string[] args =
        [
            "bench.js", "--namesrv", nameServer, "--topic", options.Topic, "--count", Str(options.Count), "--warmup", Str(options.WarmupCount),
            "--body-size", Str(options.BodySize), "--mode", options.Mode, "--inflight", Str(options.InFlight), "--json",
        ];
        var run = await RunProcess("node", dir, args, echo: false);
        var line = run?.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (run is not { Code: 0 } || line is null)
        {
            Console.Error.WriteLine($"ali-ons run failed (exit {run?.Code}): {run?.Output}");
            return null;
        }

        using var report = JsonDocument.Parse(line);
        var theirs = (report.RootElement.GetProperty("msgsPerSec").GetDouble(), report.RootElement.GetProperty("cpuUsPerMsg").GetDouble());
        if (options.Json)
        {
            Console.WriteLine(line);
        }
        else
        {
            var r = report.RootElement;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ali-ons {options.Mode}: {r.GetProperty("msgsPerSec").GetDouble():F0} msgs/s, p50 {r.GetProperty("p50Ms").GetDouble():F3} ms, p99 {r.GetProperty("p99Ms").GetDouble():F3} ms, max {r.GetProperty("maxMs").GetDouble():F3} ms, cpu {r.GetProperty("cpuUsPerMsg").GetDouble():F2} us/msg"));
        }

        return theirs;
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? FindScriptDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "benchmark", "alions");
            if (File.Exists(Path.Combine(candidate, "bench.js")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static async Task<(int Code, string Output)?> RunProcess(string file, string workingDirectory, string[] args, bool echo)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = !echo,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = echo ? Task.FromResult(string.Empty) : process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"cannot run {file}: {e.Message}");
            return null;
        }
    }
}
