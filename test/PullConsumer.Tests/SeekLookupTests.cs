using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class SeekLookupTests : PullClusterTestBase
{
    [Fact]
    public async Task Seek_back_replays_from_the_offset()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 10);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        (await PollAndAck(consumer, 10)).Select(Text).Should().Equal(Enumerable.Range(0, 10).Select(i => $"m-{i}"));
        (await consumer.CurrentOffset(mq)).Should().Be(10);

        await consumer.Seek(mq, 3);

        (await consumer.CurrentOffset(mq)).Should().Be(3, "the consumed offset follows the seek");
        var replayed = await PollAndAck(consumer, 7);
        replayed.Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(3, 7).Select(i => (long)i));
        (await consumer.CurrentOffset(mq)).Should().Be(10);
    }

    [Fact]
    public async Task Seek_drops_what_was_buffered_so_the_next_poll_starts_at_the_offset()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 12);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithPullBatchSize(2));
        consumer.Assign(topic, [mq]);
        await consumer.Start();

        var first = await consumer.Poll(Wait);
        first!.GetMsgList().Select(m => m.QueueOffset).Should().Equal(0L, 1L);
        var second = await consumer.Poll(Wait);
        second!.GetMsgList()[0].QueueOffset.Should().Be(2, "more batches are buffered behind the first");

        consumer.SeekOffset(mq, 1);
        await consumer.ACK(second, ConsumeResult.ConsumeSuccess);

        var next = await consumer.Poll(Wait);
        next!.GetMsgList()[0].QueueOffset.Should().Be(1, "batches buffered before the seek are not delivered");
        await consumer.ACK(next, ConsumeResult.ConsumeSuccess);
        var rest = await PollAndAck(consumer, 9);
        rest.Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(3, 9).Select(i => (long)i));
        (await consumer.CurrentOffset(mq)).Should().Be(12, "the ACK of a batch from before the seek moved nothing");
    }

    [Fact]
    public async Task Seek_checks_the_queue_and_its_range()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 5);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [Queue(topic, 0)]);
        await consumer.Start();

        var beyond = () => consumer.Seek(Queue(topic, 0), 6);
        (await beyond.Should().ThrowAsync<MQClientException>()).Which.Message.Should().Contain("max offset = 5");
        var notAssigned = () => consumer.Seek(Queue(topic, 1), 0);
        await notAssigned.Should().ThrowAsync<MQClientException>();
        await consumer.Seek(Queue(topic, 0), 5);
        (await consumer.Poll(TimeSpan.FromMilliseconds(300))).Should().BeNull("seeking to the end skips the five messages");
    }

    [Fact]
    public async Task Lookup_by_timestamp_finds_the_first_message_stored_at_or_after_it()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 10, "early");
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();
        var early = (await consumer.PullFrom(mq, 0, 32)).GetMessageExts();

        // The later batch must be stored in a later millisecond than the earlier one.
        var lastEarly = early[^1].StoreTimestamp;
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= lastEarly)
        {
            await Task.Yield();
        }

        await SendTo(mq, 10, "late");
        var all = (await consumer.PullFrom(mq, 0, 32)).GetMessageExts();
        all.Should().HaveCount(20);
        var stamps = all.Select(m => m.StoreTimestamp).ToArray();

        (await consumer.Lookup(mq, stamps[10])).Should().Be(10, "the first late message is the first stored at its own time");
        (await consumer.Lookup(mq, DateTimeOffset.FromUnixTimeMilliseconds(stamps[10]))).Should().Be(10);
        for (var k = 0; k < stamps.Length; k++)
        {
            foreach (var t in new[] { stamps[k], stamps[k] - 1, stamps[k] + 1 })
            {
                var expected = Array.FindIndex(stamps, s => s >= t);
                (await consumer.OffsetForTimestamp(mq, t)).Should().Be(expected < 0 ? stamps.Length : expected, $"timestamp {t}");
            }
        }

        (await consumer.Lookup(mq, 0)).Should().Be(0);
        (await consumer.Lookup(mq, long.MaxValue)).Should().Be(20);

        // Consume from a point in time: look up, then seek.
        consumer.SeekOffset(mq, await consumer.Lookup(mq, stamps[10]));
        (await PollAndAck(consumer, 10)).Select(Text).Should().Equal(Enumerable.Range(0, 10).Select(i => $"late-{i}"));
    }
}
