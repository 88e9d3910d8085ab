using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RocketMQ.Go.Port.Benchmark.Consumer;

/// <summary>Runs ali-ons' push consumer (node, alions-consume.js) over the same backlog and returns its msgs/s.</summary>
internal static class AliOnsConsumerRunner
{
    public static async Task<double?> RunAsync(ConsumerBenchmarkOptions options, string nameServer, string group)
    {
        var script = Find("benchmark/Consumer/alions-consume.js");
        var modules = Find("benchmark/alions/node_modules/ali-ons") ?? Find("test/interop/node_modules/ali-ons");
        if (script is null || modules is null)
        {
            Console.Error.WriteLine("alions-consume.js or an installed ali-ons (benchmark/alions or test/interop: npm ci) not found");
            return null;
        }

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["NODE_PATH"] = Path.GetDirectoryName(modules)!;
        foreach (var arg in new[]
        {
            script, "--namesrv", nameServer, "--topic", options.Topic, "--group", group,
            "--count", options.Count.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"ali-ons run failed (exit {process.ExitCode}): {await stderr}");
            return null;
        }

        using var report = JsonDocument.Parse(line);
        return report.RootElement.GetProperty("msgsPerSec").GetDouble();
    }

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
