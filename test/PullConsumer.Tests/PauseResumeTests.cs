using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class PauseResumeTests : PullClusterTestBase
{
    [Fact]
    public async Task Pause_stops_delivery_from_a_queue_and_resume_restarts_it()
    {
        var topic = await NewTopic(2);
        var paused = Queue(topic, 0);
        var running = Queue(topic, 1);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [paused, running]);
        await consumer.Start();
        (await consumer.Poll(TimeSpan.FromMilliseconds(100))).Should().BeNull();

        consumer.Pause(paused);
        consumer.PausedQueues.Should().Equal(paused);
        await SendTo(paused, 5, "p");
        await SendTo(running, 5, "r");

        var whilePaused = await PollAndAck(consumer, 5);
        whilePaused.Select(Text).Should().Equal("r-0", "r-1", "r-2", "r-3", "r-4");
        (await PollQuietly(consumer, TimeSpan.FromMilliseconds(700))).Should().BeEmpty("the paused queue delivers nothing");
        consumer.OwnedQueues.Should().Contain(paused, "pausing is not a rebalance");

        consumer.Resume(paused);
        consumer.PausedQueues.Should().BeEmpty();
        (await PollAndAck(consumer, 5)).Select(Text).Should().Equal("p-0", "p-1", "p-2", "p-3", "p-4");
        (await consumer.CurrentOffset(paused)).Should().Be(5);
    }

    [Fact]
    public async Task Messages_buffered_before_the_pause_are_held_back_and_come_first_after_resume()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 8);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithPullBatchSize(1));
        consumer.Assign(topic, [mq]);
        await consumer.Start();

        var first = await consumer.Poll(Wait);
        first!.GetMsgList().Single().QueueOffset.Should().Be(0);
        consumer.Pause(mq);
        await consumer.ACK(first, ConsumeResult.ConsumeSuccess);
        (await PollQuietly(consumer, TimeSpan.FromMilliseconds(500))).Should().BeEmpty("batches pulled before the pause are held back too");

        await SendTo(mq, 2, "late");
        consumer.Resume(mq);
        var rest = await PollAndAck(consumer, 9);
        rest.Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(1, 9).Select(i => (long)i), "in order, none lost, none twice");
        rest.TakeLast(2).Select(Text).Should().Equal("late-0", "late-1");
    }

    [Fact]
    public async Task Pause_refuses_queues_of_topics_not_consumed()
    {
        var topic = await NewTopic(1);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        consumer.Invoking(c => c.Pause(Queue(topic, 0), Queue("unknown", 0))).Should().Throw<MQClientException>();
        consumer.PausedQueues.Should().BeEmpty("nothing is paused when one queue is refused");
    }
}
