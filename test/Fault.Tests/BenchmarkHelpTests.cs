using System.Diagnostics;
using RocketMQ.Go.Port.Benchmark.Faults;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Every benchmark mode answers <c>--help</c> with its flags and exit code 0, and the stable mode's help names every
/// fault scenario it can run.
/// </summary>
public sealed class BenchmarkHelpTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("producer", "--mode")]
    [InlineData("consumer", "--count")]
    [InlineData("broker", "usage")]
    [InlineData("stable", "--scenario")]
    public async Task Each_mode_prints_its_flags_for_help_and_exits_0(string mode, string expected)
    {
        var (exit, output) = await RunBenchmark(mode, "--help");

        exit.Should().Be(0, output);
        output.Should().Contain(expected).And.NotContain("unknown option");
    }

    [Fact]
    public async Task The_stable_help_names_every_scenario()
    {
        var (_, output) = await RunBenchmark("stable", "--help");

        output.Should().Contain(string.Join('|', Scenarios.Names));
    }

    [Fact]
    public async Task The_top_level_usage_names_every_mode()
    {
        var (exit, output) = await RunBenchmark("--help");

        exit.Should().Be(0);
        output.Split('\n')[0].Should().ContainAll("micro", "producer", "consumer", "broker", "stable");
    }

    private static async Task<(int Exit, string Output)> RunBenchmark(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "RocketMQ.Go.Port.Benchmark.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"benchmark {string.Join(' ', args)} did not exit within {Bound}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
