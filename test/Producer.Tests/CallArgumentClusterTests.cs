using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Arguments given per call against the embedded broker: Java's send(msg, selector, arg) and
/// sendMessageInTransaction(msg, arg).
/// </summary>
public class CallArgumentClusterTests : ClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { TransactionTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Hash_selected_sends_through_the_facade_keep_each_keys_messages_in_the_queue_java_picks()
    {
        await Cluster.CreateTopicAsync("OrderArgTopic", 4);
        var group = NewGroup("sel");
        await using var producer = Rocketmq.NewProducer(
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group));
        await producer.Start();
        string[] orders = ["order-1", "order-2", "order-3"];
        for (var step = 0; step < 3; step++)
        {
            foreach (var order in orders)
            {
                var result = await producer.SendSync(CallContext.Background, Msg("OrderArgTopic", $"{order} step {step}"), MessageQueueSelectors.ByHash, order);
                result.MessageQueue!.QueueId.Should().Be(Math.Abs(MessageQueueSelectors.JavaHashCode(order) % 4));
            }
        }

        var stored = await Stored("OrderArgTopic");
        foreach (var order in orders)
        {
            var mine = stored.Where(m => Text(m).StartsWith(order + " ", StringComparison.Ordinal)).ToList();
            mine.Select(Text).Should().Equal($"{order} step 0", $"{order} step 1", $"{order} step 2");
            mine.Select(m => m.QueueId).Should().OnlyContain(q => q == Math.Abs(MessageQueueSelectors.JavaHashCode(order) % 4));
        }
    }

    [Fact]
    public async Task The_argument_of_each_send_reaches_its_local_transaction_which_decides_with_it()
    {
        var listener = new ArgListener();
        var group = NewGroup("txarg");
        var producer = TransactionProducer.NewTransactionProducer(listener,
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group));
        Own(producer);
        await producer.Start();
        var commit = new Order(7, Commit: true);
        var rollback = new Order(8, Commit: false);

        (await producer.SendMessageInTransaction(CallContext.Background, Msg("TxArgTopic", "order 7"), commit)).State.Should().Be(LocalTransactionState.CommitMessageState);
        (await producer.SendMessageInTransaction(CallContext.Background, Msg("TxArgTopic", "order 8"), rollback)).State.Should().Be(LocalTransactionState.RollbackMessageState);
        (await producer.SendMessageInTransaction(CallContext.Background, Msg("TxArgTopic", "no arg"))).State.Should().Be(LocalTransactionState.RollbackMessageState);

        listener.Args.Should().Equal(commit, rollback, null);
        var stored = await Eventually(() => Stored("TxArgTopic"), s => s.Count >= 1);
        stored.Select(Text).Should().Equal("order 7");
    }

    [Fact]
    public async Task A_listener_without_the_argument_overload_still_runs_and_the_facade_passes_the_argument()
    {
        var legacy = new TransactionClusterTests.Listener { Execute = _ => LocalTransactionState.CommitMessageState };
        var group = NewGroup("txlegacy");
        var producer = Rocketmq.NewTransactionProducer(legacy,
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group));
        Own(producer);
        await producer.Start();

        (await producer.SendMessageInTransaction(CallContext.Background, Msg("TxLegacyTopic", "legacy"), "ignored")).State.Should().Be(LocalTransactionState.CommitMessageState);
        legacy.Executed.Should().ContainSingle();
    }

    private sealed record Order(int Id, bool Commit);

    private sealed class ArgListener : ITransactionListener
    {
        public List<object?> Args { get; } = [];

        public Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, CancellationToken cancellationToken)
            => ExecuteLocalTransactionAsync(message, null, cancellationToken);

        public Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, object? arg, CancellationToken cancellationToken)
        {
            Args.Add(arg);
            return Task.FromResult(arg is Order { Commit: true } ? LocalTransactionState.CommitMessageState : LocalTransactionState.RollbackMessageState);
        }

        public Task<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken)
            => Task.FromResult(LocalTransactionState.RollbackMessageState);
    }
}
