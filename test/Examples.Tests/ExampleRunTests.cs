using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Examples;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Runs every example in this process against its own embedded broker, as `dotnet run --project examples -- path`
/// would, with a small count: exit code 0, and with --json every stdout line a JSON object and no error among them.
/// One class, so the cases run one after another (they share the process's console).
/// </summary>
public sealed class ExampleRunTests
{
    /// <summary>Flags that keep an example short: fewer messages, the 1 s delay level, short waits.</summary>
    private static readonly Dictionary<string, string[]> Short = new(StringComparer.Ordinal)
    {
        ["producer/delay"] = ["--level", "1"],
        ["consumer/delay"] = ["--level", "1"],
        ["consumer/retry/concurrent"] = ["--retries", "1"],
        ["consumer/retry/order"] = ["--retries", "1"],
        ["consumer/pull/poll"] = ["--wait", "3"],
        ["consumer/pull/poll_assign"] = ["--wait", "3"],
        ["consumer/pull/pull"] = ["--wait", "3"],
        ["consumer/pull/pull_from"] = ["--wait", "3"],
        ["producer/transaction"] = ["--wait", "15"],
    };

    public static TheoryData<string> Paths => [.. ExampleTable.All.Select(e => e.Path)];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryExampleRunsAgainstTheEmbeddedBroker(string path)
    {
        string[] args = [path, "--count", "3", "--json", .. Short.GetValueOrDefault(path, [])];
        var (code, output, errors) = await RunAsync(args);
        code.Should().Be(0, $"{string.Join(' ', args)} exits 0; stdout:\n{output}\nstderr:\n{errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().NotBeEmpty($"{path} prints its results");
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            json.RootElement.ValueKind.Should().Be(JsonValueKind.Object, $"{path} prints one JSON object a line with --json: {line}");
            if (json.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
            {
                status.GetString().Should().NotBe("ERROR", $"{path}: {line}");
            }
        }
    }

    [Fact]
    public async Task AnExampleExplainsItselfWithHelp()
    {
        var (code, output, _) = await RunAsync(["consumer/tag", "--help"]);
        code.Should().Be(0);
        output.Should().Contain("usage: dotnet run --project examples -- consumer/tag").And.Contain("--expression").And.Contain("--nameserver");
    }

    [Fact]
    public async Task AnUnknownFlagIsAnErrorThatNamesTheClosestOne()
    {
        var (code, _, errors) = await RunAsync(["producer/simple", "--cuont", "3"]);
        code.Should().Be(2);
        errors.Should().Contain("unknown flag --cuont").And.Contain("did you mean --count?");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryExampleRejectsAFlagItDoesNotReadWithAOneLineUsageError(string path)
    {
        // --orders is producer/orderly's own flag: another example would silently ignore it.
        var flag = path == "producer/orderly" ? "--no-such-flag" : "--orders";
        var (code, output, errors) = await RunAsync([path, flag, "3"]);
        code.Should().Be(2, $"{path} {flag} is a usage error");
        output.Should().BeEmpty($"{path} does not run with an unknown flag");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle($"{path}: the usage error is one line").Which.Should()
            .StartWith($"unknown flag {flag} for {path}").And.Contain($"{path} --help");
    }

    [Theory]
    [InlineData("consumer/retry", "consumer/retry/concurrent")]
    [InlineData("producer/simpel", "producer/simple")]
    [InlineData("pull/poll", "consumer/pull/poll")]
    public async Task AnUnknownExampleSuggestsTheClosest(string typed, string suggested)
    {
        var (code, _, errors) = await RunAsync([typed]);
        code.Should().Be(2);
        errors.Should().Contain($"unknown example '{typed}'").And.Contain($"did you mean {suggested}?");
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(string[] args)
    {
        var output = new StringWriter(new StringBuilder());
        var errors = new StringWriter(new StringBuilder());
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Synchronized(output));
        Console.SetError(TextWriter.Synchronized(errors));
        try
        {
            var code = await ExampleRunner.RunAsync(args, ExampleTable.All).WaitAsync(TimeSpan.FromMinutes(2));
            return (code, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
