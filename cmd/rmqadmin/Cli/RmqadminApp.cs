using System.Text;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// The command line (Java: MQAdminStartup): <c>rmqadmin &lt;command&gt; [options]</c>, <c>rmqadmin help
/// &lt;command&gt;</c>, or no arguments for the command list. Exit codes: 0 done, 1 the command failed (one line
/// on stderr naming the cause), 2 a usage error (the message and the command's help on stderr). mqadmin exits 0
/// in every case; scripts get a usable status here.
/// </summary>
internal static class RmqadminApp
{
    public const string AppName = "rmqadmin";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken ct = default)
    {
        if (args.Length == 0 || args is ["help"] or ["-h"] or ["--help"])
        {
            stdout.Write(CommandList());
            return 0;
        }

        if (args[0] == "help")
        {
            if (args.Length == 2 && CommandRegistry.Find(args[1]) is { } helped)
            {
                stdout.Write(Help(helped));
                return 0;
            }

            stderr.Write($"{AppName}: the sub command {string.Join(' ', args.Skip(1))} does not exist; `{AppName}` lists them\n");
            return 2;
        }

        if (CommandRegistry.Find(args[0]) is not { } command)
        {
            stderr.Write($"{AppName}: the sub command {args[0]} does not exist; `{AppName}` lists them\n");
            return 2;
        }

        ParsedArgs parsed;
        try
        {
            parsed = ArgParser.Parse(command.Options, args[1..]);
        }
        catch (UsageException e)
        {
            return Usage(stderr, command, e.Message);
        }

        if (parsed.Has("h"))
        {
            stdout.Write(Help(command));
            return 0;
        }

        await using var ctx = new CommandContext(parsed, stdout, environment, ct);
        try
        {
            await command.RunAsync(ctx).ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        catch (UsageException e)
        {
            return Usage(stderr, command, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped by the user (Ctrl-C): how looping commands (clusterList -i, clusterRT) end.
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            stderr.Write($"{AppName} {command.Name}: {OneLine(e)}\n");
            return 1;
        }
    }

    /// <summary>The command's help, as <c>mqadmin help &lt;command&gt;</c> prints it.</summary>
    public static string Help(Command command) => HelpFormatter.Format(AppName + " " + command.Name, command.Options);

    private static int Usage(TextWriter stderr, Command command, string message)
    {
        stderr.Write($"{AppName} {command.Name}: {message}\n");
        stderr.Write(Help(command));
        return 2;
    }

    /// <summary>
    /// The exception's message on one line. The admin's exceptions name the server, topic or group and already
    /// carry their cause's text; a bare transport or argument error gets its cause appended.
    /// </summary>
    internal static string OneLine(Exception e)
    {
        var text = e.Message;
        if (e.InnerException is { } inner && text.Length < 40 && !text.Contains(inner.Message, StringComparison.Ordinal))
        {
            text += ": " + inner.Message;
        }

        return text.Replace("\r", " ", StringComparison.Ordinal).Replace('\n', ' ');
    }

    private static string CommandList()
    {
        var text = new StringBuilder($"The most commonly used {AppName} commands are:\n");
        foreach (var command in CommandRegistry.All)
        {
            text.Append("   ").Append(command.Name.PadRight(28)).Append(command.Description).Append('\n');
        }

        text.Append($"\nSee '{AppName} help <command>' for more information on a specific command.\n");
        return text.ToString();
    }
}
