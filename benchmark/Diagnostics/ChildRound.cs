using System.Diagnostics;
using System.Text.Json;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>
/// Runs this tool again in a fresh process (a benchmark round that starts cold, as a fresh node process does) and
/// returns the last JSON object it printed.
/// </summary>
internal static class ChildRound
{
    public static async Task<JsonDocument> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(ChildRound).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"benchmark round failed (exit {process.ExitCode}): {output}");
        return JsonDocument.Parse(line);
    }
}
