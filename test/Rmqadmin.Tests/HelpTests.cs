using RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Every command's flags are mqadmin's: `help` prints mqadmin's help plus the --json line.</summary>
public sealed class HelpTests : RmqadminTestBase
{
    public static IEnumerable<object[]> Commands() => CommandRegistry.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_has_mqadmins_options_and_usage(string command)
    {
        var result = await Run("help", command);
        result.Exit.Should().Be(0);
        var ours = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var theirs = MqadminCapture.Help(command).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var ourOptions = ours.Where(l => l.StartsWith(" -")).ToList();
        var theirOptions = theirs.Where(l => l.StartsWith(" -")).ToList();
        Normalize(ourOptions).Should().Equal(Normalize(theirOptions), "the option lines of {0} are mqadmin's", command);
        ours.Should().Contain(l => l.StartsWith("    --json"));

        string Usage(IEnumerable<string> lines) => string.Join(' ', string.Join(' ', lines.TakeWhile(l => !l.StartsWith(' ') || l.StartsWith("       ")))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace("[--json] ", "").Replace("rmqadmin", "mqadmin");
        Usage(ours).Should().Be(Usage(theirs));
    }

    [Fact]
    public async Task A_usage_error_exits_2_with_the_commands_help()
    {
        var result = await Run("topicStatus");
        result.Exit.Should().Be(2);
        result.Stderr.Should().Contain("Missing required option: t").And.Contain("usage: rmqadmin topicStatus");
        (await Run("topicStatus", "-t", "x", "-z")).Exit.Should().Be(2);
        (await Run("noSuchCommand")).Exit.Should().Be(2);
    }

    [Fact]
    public async Task NAMESRV_ADDR_is_used_when_n_is_absent()
    {
        var stdout = new StringWriter();
        var exit = await Cmd.Rmqadmin.Cli.RmqadminApp.RunAsync(["topicClusterList", "-t", "TBW102"], stdout, new StringWriter(),
            name => name == "NAMESRV_ADDR" ? Cluster.NameServerAddress : null);
        exit.Should().Be(0);
        stdout.ToString().Should().Be("DefaultCluster\n");
    }

    /// <summary>Option lines with the column padding collapsed: the description column moves when --json widens it.</summary>
    private static List<string> Normalize(IEnumerable<string> lines)
        => lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l.Trim(), " {2,}", "  ")).ToList();
}
