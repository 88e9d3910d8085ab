using System.Collections.Concurrent;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Transactional messages against the embedded broker's half-message service and check-back.</summary>
public class TransactionClusterTests : ClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new()
    {
        // A decided half message counts as undecided until its oneway END_TRANSACTION lands; on a loaded CI machine
        // that can take a few hundred ms, so the broker's check-back age stays well above it.
        TransactionTimeout = TimeSpan.FromMilliseconds(1500),
        TransactionCheckInterval = TimeSpan.FromMilliseconds(200),
    };

    private async Task<(TransactionProducer Producer, Listener Listener)> StartTransactionProducer()
    {
        var listener = new Listener();
        var group = NewGroup("tx");
        var producer = TransactionProducer.NewTransactionProducer(listener,
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group));
        Own(producer);
        await producer.Start();
        return (producer, listener);
    }

    [Fact]
    public async Task Commit_makes_the_message_visible_and_rollback_discards_it()
    {
        var (producer, listener) = await StartTransactionProducer();
        listener.Execute = body => body == "commit" ? LocalTransactionState.CommitMessageState : LocalTransactionState.RollbackMessageState;

        var committed = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxTopic", "commit"));
        var rolledBack = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxTopic", "rollback"));
        committed.State.Should().Be(LocalTransactionState.CommitMessageState);
        committed.Status.Should().Be(SendStatus.SendOK);
        rolledBack.State.Should().Be(LocalTransactionState.RollbackMessageState);
        listener.Executed.Should().HaveCount(2);
        listener.Executed[0].TransactionId.Should().Be(committed.MsgID);

        var stored = await Eventually(() => Stored("TxTopic"), s => s.Count >= 1);
        stored.Select(Text).Should().Equal("commit");
        stored[0].MsgId.Should().Be(committed.MsgID);

        // Both were decided at once: once the broker has checked back a later undecided one, it has passed them by
        // without asking.
        listener.Execute = _ => LocalTransactionState.UnknownState;
        listener.Check = _ => LocalTransactionState.RollbackMessageState;
        var undecided = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxTopic", "undecided"));
        (await listener.FirstCheck.Task.WaitAsync(Wait)).GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex).Should().Be(undecided.MsgID);
        listener.Checked.Select(m => m.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex)).Should().OnlyContain(id => id == undecided.MsgID);
        (await Stored("TxTopic")).Select(Text).Should().Equal("commit");
    }

    [Fact]
    public async Task Unknown_is_checked_back_by_the_broker_and_then_committed()
    {
        var (producer, listener) = await StartTransactionProducer();
        listener.Execute = _ => LocalTransactionState.UnknownState;
        listener.Check = _ => LocalTransactionState.CommitMessageState;

        var result = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxCheckTopic", "decided later"));
        result.State.Should().Be(LocalTransactionState.UnknownState);
        (await Stored("TxCheckTopic")).Should().BeEmpty();

        var checkedMsg = await listener.FirstCheck.Task.WaitAsync(Wait);
        checkedMsg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex).Should().Be(result.MsgID);
        var stored = await Eventually(() => Stored("TxCheckTopic"), s => s.Count == 1);
        stored.Select(Text).Should().Equal("decided later");
    }

    [Fact]
    public async Task A_throwing_local_transaction_leaves_the_decision_to_the_check_back()
    {
        var (producer, listener) = await StartTransactionProducer();
        listener.Execute = _ => throw new InvalidOperationException("db down");
        listener.Check = _ => LocalTransactionState.RollbackMessageState;

        var result = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxFailTopic", "x"));
        result.State.Should().Be(LocalTransactionState.UnknownState);
        await listener.FirstCheck.Task.WaitAsync(Wait);

        // The rollback answer travels before this commit on the same connection: once "y" is visible, "x" is settled.
        listener.Execute = _ => LocalTransactionState.CommitMessageState;
        await producer.SendMessageInTransaction(CallContext.Background, Msg("TxFailTopic", "y"));
        var stored = await Eventually(() => Stored("TxFailTopic"), s => s.Count >= 1);
        stored.Select(Text).Should().Equal("y");
    }

    [Fact]
    public async Task A_traced_transaction_producer_writes_javas_EndTransaction_records_for_sends_and_check_backs()
    {
        await Cluster.CreateTopicAsync("RMQ_SYS_TRACE_TOPIC", 1);
        var listener = new Listener();
        var group = NewGroup("txtrace");
        var producer = TransactionProducer.NewTransactionProducer(listener,
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group),
            ProducerOptions.WithTrace(new TraceConfig { NamesrvAddrs = [Cluster.NameServerAddress] }));
        Own(producer);
        await producer.Start();
        listener.Execute = body => body == "commit" ? LocalTransactionState.CommitMessageState : LocalTransactionState.UnknownState;
        listener.Check = _ => LocalTransactionState.RollbackMessageState;

        var committed = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxTraceTopic", "commit").WithTag("TagC"));
        var undecided = await producer.SendMessageInTransaction(CallContext.Background, Msg("TxTraceTopic", "later").WithKeys(["k-later"]));
        await listener.FirstCheck.Task.WaitAsync(Wait);

        // Records: EndTransaction, time, region, group, topic, msgId, tags, keys, broker, msgType 2, transaction id,
        // state, from check-back.
        var records = await Eventually(
            async () => (await Stored("RMQ_SYS_TRACE_TOPIC")).SelectMany(m => Text(m).Split('\u0002', StringSplitOptions.RemoveEmptyEntries))
                .Select(r => r.Split('\u0001')).Where(f => f[0] == "EndTransaction").ToList(),
            r => r.Any(f => f[12] == "true"));
        var fromSend = records.First(f => f[5] == committed.MsgID && f[12] == "false");
        fromSend.Should().HaveCount(13);
        fromSend[2].Should().Be("DefaultRegion");
        fromSend[3].Should().Be(group);
        fromSend[4].Should().Be("TxTraceTopic");
        fromSend[6].Should().Be("TagC");
        fromSend[8].Should().Be(Cluster.BrokerAddresses[0]);
        fromSend[9].Should().Be("2");
        fromSend[10].Should().Be(committed.MsgID, "Java's transaction id is the message's unique id");
        fromSend[11].Should().Be("COMMIT_MESSAGE");
        fromSend[12].Should().Be("false");

        records.Where(f => f[5] == undecided.MsgID).Select(f => (f[7], f[11], f[12])).Should().Contain(("k-later", "UNKNOW", "false"))
            .And.Contain(("k-later", "ROLLBACK_MESSAGE", "true"), "the check-back answer is traced too");
    }

    internal sealed class Listener : ITransactionListener
    {
        public Func<string, LocalTransactionState> Execute { get; set; } = _ => LocalTransactionState.CommitMessageState;

        public Func<string, LocalTransactionState> Check { get; set; } = _ => LocalTransactionState.CommitMessageState;

        public List<Message> Executed { get; } = [];

        public ConcurrentQueue<MessageExt> Checked { get; } = new();

        public TaskCompletionSource<MessageExt> FirstCheck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, CancellationToken cancellationToken)
        {
            Executed.Add(message);
            return Task.FromResult(Execute(System.Text.Encoding.UTF8.GetString(message.Body)));
        }

        public Task<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken)
        {
            Checked.Enqueue(message);
            FirstCheck.TrySetResult(message);
            return Task.FromResult(Check(System.Text.Encoding.UTF8.GetString(message.Body)));
        }
    }
}
