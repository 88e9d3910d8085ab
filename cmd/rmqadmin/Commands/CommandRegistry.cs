using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>Every command, in mqadmin's list order (Java: MQAdminStartup.initCommand).</summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<Command> All { get; } =
    [
        new UpdateTopicCommand(),
        new DeleteTopicCommand(),
        new UpdateSubGroupCommand(),
        new DeleteSubGroupCommand(),
        new GetBrokerConfigCommand(),
        new UpdateBrokerConfigCommand(),
        new UpdateTopicPermCommand(),
        new TopicRouteCommand(),
        new TopicStatusCommand(),
        new TopicClusterListCommand(),
        new BrokerStatusCommand(),
        new BrokerConsumeStatsCommand(),
        new ProducerConnectionCommand(),
        new ConsumerConnectionCommand(),
        new ConsumerProgressCommand(),
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
        new GetConsumerConfigCommand(),
    ];

    public static Command? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
