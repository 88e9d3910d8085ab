namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// One mqadmin sub-command (Java: SubCommand): its name, the options it adds to -h and -n, and what it does.
/// </summary>
internal abstract class Command
{
    /// <summary>The command name as typed (mqadmin's commandName).</summary>
    public abstract string Name { get; }

    /// <summary>One line for the command list (mqadmin's commandDesc).</summary>
    public abstract string Description { get; }

    /// <summary>The command's own options, besides -h, -n and --json which every command takes.</summary>
    protected abstract IReadOnlyList<OptionSpec> CommandOptions { get; }

    /// <summary>Every option the command accepts.</summary>
    public IReadOnlyList<OptionSpec> Options => [.. CommandOptions, .. CommonOptions];

    /// <summary>Does the work, printing through <see cref="CommandContext.Emit{T}"/>; failures are exceptions.</summary>
    public abstract Task RunAsync(CommandContext ctx);

    private static readonly OptionSpec[] CommonOptions =
    [
        OptionSpec.Flag("h", "help", "Print help"),
        new("n", "namesrvAddr", "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'"),
        new(string.Empty, ArgParser.JsonOption, "Print the result as one JSON document", HasArg: false),
    ];
}
