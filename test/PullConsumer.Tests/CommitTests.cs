using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Tests;

public sealed class CommitTests : PullClusterTestBase
{
    private readonly string _storeDir = Path.Combine(Path.GetTempPath(), "pull-consumer-tests", Guid.NewGuid().ToString("N"));

    /// <summary>On disk, so a broker restart recovers the committed offsets from its files.</summary>
    protected override EmbeddedClusterOptions ClusterOptions
    {
        get
        {
            var options = base.ClusterOptions;
            options.StoreDirectory = _storeDir;
            return options;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_storeDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    [Fact]
    public async Task With_auto_commit_off_acked_offsets_stay_local_until_commit()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 10);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithAutoCommit(false), ConsumerOptions.WithPullBatchSize(1));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        var store = (RemoteBrokerOffsetStore)consumer.Storage;
        await PollAndAck(consumer, 4);
        (await consumer.Commit([mq])).Should().Equal(new Dictionary<Primitive.MessageQueue, long> { [mq] = 4 });
        (await store.FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(4, "Commit waits for the broker");

        await PollAndAck(consumer, 6);

        (await consumer.CurrentOffset(mq)).Should().Be(10, "ACK moved the consumed offset");
        await ((IInnerConsumer)consumer).PersistConsumerOffset();
        (await store.FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(4, "the periodic persist writes only committed offsets");
        (await consumer.CommittedOffset(mq)).Should().Be(4);

        (await consumer.Commit()).Should().Equal(new Dictionary<Primitive.MessageQueue, long> { [mq] = 10 });
        (await store.FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(10);
        (await consumer.CommittedOffset(mq)).Should().Be(10);
    }

    [Fact]
    public async Task With_auto_commit_on_the_periodic_persist_writes_acked_offsets()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 4);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        await PollAndAck(consumer, 4);
        var store = (RemoteBrokerOffsetStore)consumer.Storage;

        await ((IInnerConsumer)consumer).PersistConsumerOffset();

        (await store.FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(4);
    }

    [Fact]
    public async Task After_restarting_consumer_and_broker_the_committed_offset_is_what_was_committed()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 10);
        var group = Unique("cg");
        var first = NewConsumer(group, ConsumerOptions.WithAutoCommit(false), ConsumerOptions.WithPullBatchSize(1));
        first.Assign(topic, [mq]);
        await first.Start();
        await PollAndAck(first, 6);
        (await first.Commit()).Should().ContainKey(mq).WhoseValue.Should().Be(6);
        await PollAndAck(first, 4);
        (await first.CurrentOffset(mq)).Should().Be(10);
        await first.Shutdown();

        await Cluster.StopBrokerAsync(0);
        await Cluster.RestartBrokerAsync(0);

        var second = NewConsumer(group, ConsumerOptions.WithAutoCommit(false));
        second.Assign(topic, [mq]);
        await second.Start();
        (await second.CommittedOffset(mq)).Should().Be(6, "the four messages ACKed after the commit were never committed");
        (await PollAndAck(second, 4)).Select(Text).Should().Equal("m-6", "m-7", "m-8", "m-9");
    }

    [Fact]
    public async Task Shutdown_with_auto_commit_persists_the_acked_offsets_for_the_next_consumer()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 3);
        await SendTo(Queue(topic, 1), 5);
        var group = Unique("cg");
        var first = NewConsumer(group);
        first.Subscribe(topic, MessageSelector.All);
        await first.Start();
        await PollAndAck(first, 8);
        await first.Shutdown();

        var second = NewConsumer(group);
        second.Subscribe(topic, MessageSelector.All);
        await second.Start();
        (await second.CommittedOffset(Queue(topic, 0))).Should().Be(3);
        (await second.CommittedOffset(Queue(topic, 1))).Should().Be(5);
        await SendTo(Queue(topic, 1), 1, "new");
        (await PollAndAck(second, 1)).Select(Text).Should().Equal("new-0");
    }
}
