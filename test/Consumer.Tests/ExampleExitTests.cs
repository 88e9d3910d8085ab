namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The examples run as a user runs them: a failure ends them with one line on stderr and exit code 1, not an
/// unhandled exception (exit 134).
/// </summary>
public sealed class ExampleExitTests : ConsumerClusterTestBase
{
    private const string Examples = "RocketMQ.Go.Port.Examples.dll";

    [Fact]
    public async Task A_consumer_example_on_a_topic_that_does_not_exist_prints_one_line_and_exits_1()
    {
        var topic = Unique("Missing");
        using var example = ChildProcess.StartDll(Examples, "consumer/simple", "--nameserver", Cluster.NameServerAddress, "--topic", topic, "--timeout", "60");

        (await example.WaitForExit(TimeSpan.FromSeconds(90))).Should().Be(1, string.Join('\n', example.StandardError));

        var errors = example.StandardError.Where(l => l.StartsWith("consumer/simple: ", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle().Which.Should().Contain(topic, "the line names the missing topic");
        example.StandardError.Should().NotContain(l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal),
            "no stack trace reaches the user");
    }

    [Fact]
    public async Task A_pull_consumer_example_on_a_topic_that_does_not_exist_prints_one_line_and_exits_1()
    {
        var topic = Unique("Missing");
        using var example = ChildProcess.StartDll(Examples, "consumer/pull/poll", "--nameserver", Cluster.NameServerAddress, "--topic", topic, "--timeout", "60");

        (await example.WaitForExit(TimeSpan.FromSeconds(90))).Should().Be(1, string.Join('\n', example.StandardError));

        example.StandardError.Where(l => l.StartsWith("consumer/pull/poll: ", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().Contain(topic);
        example.StandardError.Should().NotContain(l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
