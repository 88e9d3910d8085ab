using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// What Java's DefaultLitePullConsumer offers beyond Go's pull consumer: queue-change listeners, the owned queues on
/// the interface, seeking to either end, a queue's offset range and first store time, and a pluggable offset store.
/// </summary>
public class JavaLitePullTests : PullClusterTestBase
{
    [Fact]
    public async Task A_message_queue_listener_hears_each_change_of_this_members_share()
    {
        var topic = Unique("T");
        await Cluster.CreateTopicAsync("ns1%" + topic, 4);
        var group = Unique("cg");
        var changes = new ConcurrentQueue<(string Topic, int All, int Divided)>();
        var first = NewConsumer(group, ConsumerOptions.WithNamespace("ns1"));
        first.Subscribe(topic, MessageSelector.All, (t, all, divided) => changes.Enqueue((t, all.Count, divided.Count)));
        await first.Start();
        await Eventually(() => Task.FromResult(changes.Contains((topic, 4, 4))), "the first rebalance gives the lone member every queue");

        // A second member halves the share; topics and queues come without the namespace, as the caller wrote them.
        var second = NewConsumer(group, ConsumerOptions.WithNamespace("ns1"));
        second.Subscribe(topic, MessageSelector.All);
        await second.Start();
        await Eventually(() => Task.FromResult(changes.Contains((topic, 4, 2))), "the rebalance after the second member joined");
        first.Assignment().Where(q => q.Topic == topic).Should().HaveCount(2).And.OnlyContain(q => q.BrokerName == BrokerName);
        first.OwnedQueues.Where(q => q.Topic == $"ns1%{topic}").Should().HaveCount(2, "OwnedQueues keeps the namespace");
    }

    [Fact]
    public async Task A_topic_queue_change_listener_hears_when_the_topic_gains_queues()
    {
        var topic = await NewTopic(2);
        var heard = new TaskCompletionSource<IReadOnlyCollection<MessageQueue>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [Queue(topic, 0)]);
        await consumer.RegisterTopicMessageQueueChangeListener(topic, (t, queues) =>
        {
            Interlocked.Increment(ref calls);
            if (t == topic && queues.Count == 4)
            {
                heard.TrySetResult(queues);
            }
        });
        await consumer.Start();

        await Cluster.CreateTopicAsync(topic, 4);
        var queues = await heard.Task.WaitAsync(Wait);
        queues.Should().BeEquivalentTo(Enumerable.Range(0, 4).Select(i => Queue(topic, i)));

        // The listener is there to assign what it is told (Java's usual pattern).
        consumer.Assign(topic, queues);
        await Eventually(() => Task.FromResult(consumer.OwnedQueues.Count == 4), "the new queues are assigned");
        calls.Should().Be(1, "the queues as they were at Start are not a change");
    }

    [Fact]
    public async Task The_owned_queues_are_on_IPullConsumer()
    {
        var topic = await NewTopic(3);
        await using IPullConsumer consumer = Rocketmq.NewPullConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(Unique("cg")),
            ConsumerOptions.WithLoggerFactory(TestLog.Factory));
        consumer.Assign(topic, [Queue(topic, 0), Queue(topic, 2)]);
        consumer.OwnedQueues.Should().BeEmpty("nothing is owned before Start");
        await consumer.Start();
        await Eventually(() => Task.FromResult(consumer.OwnedQueues.Count == 2), "the assignment is applied");
        consumer.Assignment().Should().BeEquivalentTo([Queue(topic, 0), Queue(topic, 2)]);
    }

    [Fact]
    public async Task SeekToEnd_skips_what_is_stored_and_SeekToBegin_replays_it()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 5, "old");
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        await Eventually(() => Task.FromResult(consumer.OwnedQueues.Count == 1), "the assignment is applied");

        await consumer.SeekToEnd(mq);
        (await consumer.CurrentOffset(mq)).Should().Be(5);
        await SendTo(mq, 2, "new");
        (await PollAndAck(consumer, 2)).Select(Text).Should().Equal("new-0", "new-1");

        await consumer.SeekToBegin(mq);
        (await PollAndAck(consumer, 7)).Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(0, 7).Select(i => (long)i));

        var notOwned = () => consumer.SeekToEnd(Queue(topic, 5));
        await notOwned.Should().ThrowAsync<MQClientException>().WithMessage("*not in the assigned list*");
    }

    [Fact]
    public async Task Min_and_max_offset_and_earliest_store_time_describe_the_queue()
    {
        var topic = await NewTopic(2);
        var mq = Queue(topic, 1);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        (await consumer.MaxOffset(mq)).Should().Be(0);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        await SendTo(mq, 3);
        var after = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds();

        (await consumer.MinOffset(mq)).Should().Be(0);
        (await consumer.MaxOffset(mq)).Should().Be(3);
        (await consumer.EarliestMsgStoreTime(mq)).Should().BeInRange(before, after);
    }

    [Fact]
    public async Task A_custom_offset_store_keeps_the_offsets_and_a_restart_resumes_from_it()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 5, "a");
        var store = new MemoryOffsetStore();
        var group = Unique("cg");
        var first = NewConsumer(group, ConsumerOptions.WithOffsetStore(store));
        first.Assign(topic, [mq]);
        await first.Start();
        (await PollAndAck(first, 5)).Should().HaveCount(5);
        await first.Shutdown();
        store.Persisted.Should().ContainKey(mq).WhoseValue.Should().Be(5, "shutdown persists through the plugged store");

        await SendTo(mq, 2, "b");
        var second = NewConsumer(group, ConsumerOptions.WithOffsetStore(store));
        second.Assign(topic, [mq]);
        await second.Start();
        (await PollAndAck(second, 2)).Select(Text).Should().Equal("b-0", "b-1");
        (await PollQuietly(second, TimeSpan.FromSeconds(1))).Should().BeEmpty();
    }

    [Fact]
    public async Task An_offset_store_factory_can_wrap_the_built_in_broker_store()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 3);
        OffsetStoreContext? seen = null;
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithOffsetStore(context =>
        {
            seen = context;
            return context.NewRemoteBrokerOffsetStore();
        }));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        (await PollAndAck(consumer, 3)).Should().HaveCount(3);
        await consumer.Commit([mq]);

        seen!.Model.Should().Be(MessageModel.Clustering);
        seen.ClientID.Should().Be(consumer.ClientID);
        consumer.Storage.Should().BeOfType<RemoteBrokerOffsetStore>();
        (await ((RemoteBrokerOffsetStore)consumer.Storage).FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(3);
    }

    /// <summary>An application's own store: offsets in a dictionary that outlives the consumers.</summary>
    private sealed class MemoryOffsetStore : IOffsetStore
    {
        private readonly ConcurrentDictionary<MessageQueue, long> _memory = new();

        public ConcurrentDictionary<MessageQueue, long> Persisted { get; } = new();

        public Task Persist(IReadOnlyCollection<MessageQueue> mqs, CancellationToken cancellationToken = default)
        {
            foreach (var mq in mqs)
            {
                if (_memory.TryGetValue(mq, out var offset))
                {
                    Persisted[mq] = offset;
                }
            }

            return Task.CompletedTask;
        }

        public Task Persist(MessageQueue mq, CancellationToken cancellationToken = default) => Persist([mq], cancellationToken);

        public void Remove(MessageQueue mq) => _memory.TryRemove(mq, out _);

        public long ReadFromMemory(MessageQueue mq) => _memory.TryGetValue(mq, out var offset) ? offset : -1;

        public Task<long> ReadWithException(MessageQueue mq, ReadType type, CancellationToken cancellationToken = default)
        {
            if (type != ReadType.ReadFromStore && _memory.TryGetValue(mq, out var inMemory))
            {
                return Task.FromResult(inMemory);
            }

            if (type == ReadType.ReadFromMemory || !Persisted.TryGetValue(mq, out var stored))
            {
                return Task.FromResult(-1L);
            }

            _memory[mq] = stored;
            return Task.FromResult(stored);
        }

        public void Update(MessageQueue mq, long offset, bool increaseOnly)
            => _memory.AddOrUpdate(mq, offset, (_, old) => increaseOnly ? Math.Max(old, offset) : offset);

        public Dictionary<MessageQueue, long> GetMQOffsetMap(string topic)
            => _memory.Where(p => p.Key.Topic == topic).ToDictionary(p => p.Key, p => p.Value);
    }
}
