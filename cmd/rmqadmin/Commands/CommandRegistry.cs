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
        new UpdateBrokerConfigCommand(),
        new UpdateTopicPermCommand(),
        new TopicRouteCommand(),
        new TopicStatusCommand(),
        new TopicClusterListCommand(),
        new BrokerStatusCommand(),
        new QueryMsgByIdCommand(),
        new QueryMsgByKeyCommand(),
        new QueryMsgByUniqueKeyCommand(),
        new QueryMsgByOffsetCommand(),
        new PrintMsgCommand(),
        new BrokerConsumeStatsCommand(),
        new ProducerConnectionCommand(),
        new ConsumerConnectionCommand(),
        new ConsumerProgressCommand(),
        new ConsumerStatusCommand(),
        new CloneGroupOffsetCommand(),
        new ClusterListCommand(),
        new TopicListCommand(),
        new UpdateKvConfigCommand(),
        new DeleteKvConfigCommand(),
        new WritePermCommand(add: false),
        new WritePermCommand(add: true),
        new ResetOffsetByTimeCommand(),
        new SkipAccumulatedMessageCommand(),
        new UpdateOrderConfCommand(),
        new StatsAllCommand(),
        new AllocateMQCommand(),
        new CheckMsgSendRTCommand(),
        new ClusterRTCommand(),
        new GetNamesrvConfigCommand(),
        new UpdateNamesrvConfigCommand(),
        new GetBrokerConfigCommand(),
        new GetConsumerConfigCommand(),
        new QueryCqCommand(),
        new SendMessageCommand(),
        new ConsumeMessageCommand(),
    ];

    public static Command? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
