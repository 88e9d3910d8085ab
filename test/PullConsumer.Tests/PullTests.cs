using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class PullTests : PullClusterTestBase
{
    [Fact]
    public async Task PullFrom_reads_exactly_the_asked_range_and_touches_no_offset()
    {
        var topic = await NewTopic(2);
        var mq = Queue(topic, 1);
        (await SendTo(mq, 20)).Should().Equal(Enumerable.Range(0, 20).Select(i => (long)i));
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, null);
        await consumer.Start();

        var middle = await consumer.PullFrom(mq, 5, 10);
        middle.Status.Should().Be(PullStatus.PullFound);
        middle.GetMessageExts().Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(5, 10).Select(i => (long)i));
        middle.GetMessageExts().Select(Text).Should().Equal(Enumerable.Range(5, 10).Select(i => $"m-{i}"));
        middle.NextBeginOffset.Should().Be(15);
        middle.MaxOffset.Should().Be(20);
        middle.GetMessageExts().Should().OnlyContain(m => m.GetProperty(PropertyKeys.MinOffset) == "0" && m.GetProperty(PropertyKeys.MaxOffset) == "20",
            "Java and Go mark every pulled message with its queue's MIN_OFFSET and MAX_OFFSET");

        var tail = await consumer.PullFrom(mq, 18, 10);
        tail.GetMessageExts().Select(m => m.QueueOffset).Should().Equal(18L, 19L);

        var end = await consumer.PullFrom(mq, 20, 5);
        end.Status.Should().Be(PullStatus.PullNoNewMsg, "an empty queue answers at once instead of holding the call");
        end.GetMessageExts().Should().BeEmpty();

        // A broker answers 0 for a group that never committed while the queue still starts at 0 (Java's rule).
        (await consumer.CommittedOffset(mq)).Should().Be(0, "PullFrom moves no offset");
        (await consumer.CurrentOffset(mq)).Should().Be(0);

        var negative = () => consumer.PullFrom(mq, -1, 1);
        (await negative.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrOffset);
        var none = () => consumer.PullFrom(mq, 0, 0);
        (await none.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrNumbers);
        var nullQueue = () => consumer.PullFrom(null!, 0, 1);
        (await nullQueue.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrMQEmpty);
    }

    [Fact]
    public async Task PullFrom_keeps_only_the_subscribed_tags()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 3, "a", tag: "TagA");
        await SendTo(mq, 3, "b", tag: "TagB");
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.ByTag("TagB"));
        await consumer.Start();

        var result = await consumer.PullFrom(mq, 0, 32);
        result.GetMessageExts().Select(Text).Should().Equal("b-0", "b-1", "b-2");
        result.NextBeginOffset.Should().Be(6);
    }

    [Fact]
    public async Task Pull_goes_round_the_queues_and_with_auto_commit_never_returns_a_message_twice()
    {
        var topic = await NewTopic(3);
        for (var q = 0; q < 3; q++)
        {
            await SendTo(Queue(topic, q), 4, $"q{q}");
        }

        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, null);
        await consumer.Start();

        var bodies = new List<string>();
        var queuesSeen = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var result = await consumer.Pull(topic, 2);
            result.Status.Should().Be(PullStatus.PullFound);
            queuesSeen.Add(result.GetMessageExts()[0].Queue!.QueueId);
            bodies.AddRange(result.GetMessageExts().Select(Text));
        }

        queuesSeen.Take(3).Should().BeEquivalentTo([0, 1, 2], "Pull takes the queues in turn");
        bodies.Should().HaveCount(12).And.OnlyHaveUniqueItems();
        (await consumer.Pull(2)).Status.Should().Be(PullStatus.PullNoNewMsg, "Go master's Pull(n) reads the last assigned topic");
        (await consumer.CurrentOffset(Queue(topic, 0))).Should().Be(4);
    }

    [Fact]
    public async Task Concurrent_pulls_on_one_queue_share_its_messages_without_duplicates()
    {
        var topic = await NewTopic(1);
        await SendTo(Queue(topic, 0), 30);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        var pulls = Enumerable.Range(0, 5).Select(async _ =>
        {
            var got = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                got.AddRange((await consumer.Pull(topic, 1)).GetMessageExts().Select(Text));
            }

            return got;
        });
        var all = (await Task.WhenAll(pulls)).SelectMany(x => x).ToList();
        all.Should().HaveCount(30).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Without_auto_commit_pull_leaves_the_offset_to_UpdateOffset_as_in_gos_example()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 4);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithAutoCommit(false));
        consumer.Assign(topic, null);
        await consumer.Start();

        var first = await consumer.Pull(topic, 2);
        first.GetMessageExts().Select(Text).Should().Equal("m-0", "m-1");
        (await consumer.Pull(topic, 2)).GetMessageExts().Select(Text).Should().Equal("m-0", "m-1");

        consumer.UpdateOffset(first.GetMessageExts()[0].Queue!, first.NextBeginOffset);
        (await consumer.Pull(topic, 2)).GetMessageExts().Select(Text).Should().Equal("m-2", "m-3");
        await consumer.PersistOffset(topic);
        var store = (RemoteBrokerOffsetStore)consumer.Storage;
        (await store.FetchConsumeOffsetFromBroker(mq, CancellationToken.None)).Should().Be(2);
    }
}
