namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>The command line is wrong: exit 2 with the command's help.</summary>
internal sealed class UsageException(string message) : Exception(message);
