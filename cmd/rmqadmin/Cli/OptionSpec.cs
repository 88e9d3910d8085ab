namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// One option of a command, as mqadmin declares it with commons-cli: a one-letter name, a long name (some of
/// mqadmin's contain a blank or end in one, and are printed that way), whether it takes a value, whether it is
/// required, and its help text. Options of the same <see cref="Group"/> are alternatives, one of which is required.
/// </summary>
internal sealed record OptionSpec(string Short, string Long, string Description, bool HasArg = true, bool Required = false, string? Group = null)
{
    /// <summary>An option that takes no value.</summary>
    public static OptionSpec Flag(string shortName, string longName, string description) => new(shortName, longName, description, HasArg: false);

    /// <summary>The long name as typed on a command line (mqadmin's trailing blanks dropped).</summary>
    public string LongKey => Long.Trim();
}
