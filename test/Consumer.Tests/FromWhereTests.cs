using System.Globalization;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Where a group without a stored offset starts. A 4.x broker answers offset 0 to a new group while the queue's
/// first message is still stored (Java's ConsumerManageProcessor), so on a fresh broker every mode starts at 0;
/// the modes matter once the head has expired, when the broker answers "not found". The last two tests take that
/// branch with a store that has no offset.
/// </summary>
public class FromWhereTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task A_new_group_from_first_offset_gets_messages_sent_before_it_started()
    {
        var topic = await NewTopic(2);
        var sent = await Send(topic, 20, "old");
        var collector = new Collector();
        var consumer = NewConsumer(Unique("fg"), ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await collector.WaitFor(20);
        collector.Bodies().Should().BeEquivalentTo(sent);
    }

    [Fact]
    public async Task Without_a_stored_offset_last_starts_at_the_end_first_at_zero_and_timestamp_at_the_first_later_message()
    {
        var topic = await NewTopic(1);
        var producer = await Producer();
        var before = new Dictionary<MessageQueue, long>();
        for (var i = 0; i < 6; i++)
        {
            var r = await producer.SendSync(new Message(topic, [1]));
            before[r.MessageQueue!] = before.GetValueOrDefault(r.MessageQueue!) + 1;
        }

        // The consume timestamp has second precision: start the second batch in a later second.
        var boundary = DateTimeOffset.Now.AddSeconds(1);
        boundary = new DateTimeOffset(boundary.Year, boundary.Month, boundary.Day, boundary.Hour, boundary.Minute, boundary.Second, boundary.Offset);
        await Task.Delay(boundary - DateTimeOffset.Now + TimeSpan.FromMilliseconds(20));
        var total = new Dictionary<MessageQueue, long>(before);
        for (var i = 0; i < 6; i++)
        {
            var r = await producer.SendSync(new Message(topic, [2]));
            total[r.MessageQueue!] = total.GetValueOrDefault(r.MessageQueue!) + 1;
        }

        foreach (var (where, expected) in new (ConsumeFromWhere, Func<MessageQueue, long>)[]
        {
            (ConsumeFromWhere.ConsumeFromLastOffset, mq => total[mq]),
            (ConsumeFromWhere.ConsumeFromFirstOffset, _ => 0),
            (ConsumeFromWhere.ConsumeFromTimestamp, mq => before[mq]),
        })
        {
            var consumer = NewConsumer(Unique("wg"), ConsumerOptions.WithConsumeFromWhere(where), ConsumerOptions.WithConsumeTimestamp(boundary));
            consumer.Subscribe(topic, MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
            await consumer.Start();
            consumer.Storage = new EmptyStore();
            foreach (var mq in total.Keys)
            {
                (await consumer.ComputePullFromWhereWithException(mq, default)).Should().Be(expected(mq), $"{where} on {mq}");
            }

            var retry = new MessageQueue(consumer.RetryTopic, mq0(total).BrokerName, 0);
            if (where == ConsumeFromWhere.ConsumeFromLastOffset)
            {
                (await consumer.ComputePullFromWhereWithException(retry, default)).Should().Be(0, "a retry topic is read from its start");
            }

            await consumer.Shutdown();
        }

        static MessageQueue mq0(Dictionary<MessageQueue, long> d) => d.Keys.First();
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_keeps_the_queue_unowned_instead_of_guessing()
    {
        var topic = await NewTopic(1);
        var consumer = NewConsumer(Unique("eg"));
        consumer.Subscribe(topic, MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        await consumer.Start();
        consumer.Storage = new EmptyStore(fail: true);
        var mq = new MessageQueue(topic, Cluster.BrokerNames[0], 0);
        var compute = () => consumer.ComputePullFromWhereWithException(mq, default);
        await compute.Should().ThrowAsync<MQBrokerException>();
    }

    private sealed class EmptyStore(bool fail = false) : IOffsetStore
    {
        public Task Persist(IReadOnlyCollection<MessageQueue> mqs, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task Persist(MessageQueue mq, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Remove(MessageQueue mq)
        {
        }

        public long ReadFromMemory(MessageQueue mq) => -1;

        public Task<long> ReadWithException(MessageQueue mq, ReadType type, CancellationToken cancellationToken = default)
            => fail ? Task.FromException<long>(new MQBrokerException(1, "store unavailable")) : Task.FromResult(-1L);

        public void Update(MessageQueue mq, long offset, bool increaseOnly)
        {
        }

        public Dictionary<MessageQueue, long> GetMQOffsetMap(string topic) => [];
    }
}
