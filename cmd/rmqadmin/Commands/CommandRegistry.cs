using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>Every command, in mqadmin's list order (Java: MQAdminStartup.initCommand).</summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<Command> All { get; } =
    [
        new GetBrokerConfigCommand(),
        new UpdateBrokerConfigCommand(),
        new TopicRouteCommand(),
        new TopicStatusCommand(),
        new TopicClusterListCommand(),
        new BrokerStatusCommand(),
        new ClusterListCommand(),
        new TopicListCommand(),
        new UpdateKvConfigCommand(),
        new DeleteKvConfigCommand(),
        new WritePermCommand(add: false),
        new WritePermCommand(add: true),
        new GetNamesrvConfigCommand(),
        new UpdateNamesrvConfigCommand(),
        new UpdateOrderConfCommand(),
        new AllocateMQCommand(),
    ];

    public static Command? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
