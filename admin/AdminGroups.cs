namespace RocketMQ.Go.Port.Admin;

/// <summary>Consumer and producer group administration Java's <c>DefaultMQAdminExt</c> offers and Go lacks.</summary>
public partial interface IAdmin
{
    /// <summary>Creates or updates a consumer group's configuration on one broker (Java: <c>createAndUpdateSubscriptionGroupConfig</c>).</summary>
    Task CreateAndUpdateSubscriptionGroupConfig(CancellationToken ctx, string brokerAddr, SubscriptionGroupConfig config);

    /// <summary>Deletes a consumer group's configuration from one broker, and its offsets there when <paramref name="removeOffset"/> (Java: <c>deleteSubscriptionGroup</c>).</summary>
    Task DeleteSubscriptionGroup(CancellationToken ctx, string brokerAddr, string group, bool removeOffset = false);

    /// <summary>
    /// The producers of <paramref name="group"/> connected to a broker of <paramref name="topic"/> (Java:
    /// <c>examineProducerConnectionInfo</c>, which asks one broker of the topic); empty when none is connected.
    /// </summary>
    Task<IReadOnlyList<ClientConnection>> ExamineProducerConnectionInfo(CancellationToken ctx, string group, string topic);

    /// <summary>
    /// Every group's progress on one broker (Java: <c>fetchConsumeStatsInBroker</c>, what <c>mqadmin
    /// brokerConsumeStats</c> prints): per group and topic the queue offsets, and the broker's total lag.
    /// </summary>
    Task<BrokerConsumeStats> FetchConsumeStatsInBroker(CancellationToken ctx, string brokerAddr, bool isOrder, TimeSpan timeout);
}

/// <summary>The answer of <see cref="IAdmin.FetchConsumeStatsInBroker"/> (Java: <c>ConsumeStatsList</c>).</summary>
/// <param name="BrokerAddr">The broker that answered.</param>
/// <param name="TotalDiff">Messages not consumed yet, over every group and queue of the broker.</param>
/// <param name="Groups">One entry per group and topic, in the broker's order.</param>
public sealed record BrokerConsumeStats(string BrokerAddr, long TotalDiff, IReadOnlyList<GroupTopicStats> Groups);

/// <summary>One group's progress on one topic of a broker (Java: a <c>ConsumeStats</c> of a <c>ConsumeStatsList</c>).</summary>
/// <param name="Group">The consumer group.</param>
/// <param name="ConsumeTps">The group's consume rate on the broker.</param>
/// <param name="Queues">Per-queue offsets, sorted by topic and queue id.</param>
public sealed record GroupTopicStats(string Group, double ConsumeTps, IReadOnlyList<QueueProgress> Queues);
