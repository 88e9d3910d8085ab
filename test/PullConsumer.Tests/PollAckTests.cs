using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class PollAckTests : PullClusterTestBase
{
    [Fact]
    public async Task Subscribe_mode_polls_every_message_once_in_queue_order_and_ack_moves_the_committed_offset()
    {
        var topic = await NewTopic(4);
        for (var q = 0; q < 4; q++)
        {
            await SendTo(Queue(topic, q), 10, $"q{q}");
        }

        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        var received = await PollAndAck(consumer, 40);

        received.Select(Text).Should().OnlyHaveUniqueItems().And.HaveCount(40);
        foreach (var perQueue in received.GroupBy(m => m.Queue!.QueueId))
        {
            perQueue.Select(m => m.QueueOffset).Should().Equal(Enumerable.Range(0, 10).Select(i => (long)i), "a queue's messages are polled in offset order");
            perQueue.Select(Text).Should().Equal(Enumerable.Range(0, 10).Select(i => $"q{perQueue.Key}-{i}"));
        }

        received.Should().OnlyContain(m => m.Topic == topic);
        var committed = await consumer.Commit();
        committed.Where(kv => kv.Key.Topic == topic).Select(kv => kv.Value).Should().Equal(10, 10, 10, 10);
        for (var q = 0; q < 4; q++)
        {
            (await consumer.CommittedOffset(Queue(topic, q))).Should().Be(10);
        }

        (await consumer.Poll(TimeSpan.FromMilliseconds(300))).Should().BeNull("everything was consumed");
    }

    [Fact]
    public async Task Assign_mode_polls_only_the_assigned_queues_and_no_rebalance_takes_others()
    {
        var topic = await NewTopic(4);
        for (var q = 0; q < 4; q++)
        {
            await SendTo(Queue(topic, q), 5, $"q{q}");
        }

        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [Queue(topic, 1), Queue(topic, 3)]);
        await consumer.Start();

        var received = await PollAndAck(consumer, 10);
        received.Select(m => m.Queue!.QueueId).Distinct().Should().BeEquivalentTo([1, 3]);
        received.Select(Text).Should().BeEquivalentTo(Enumerable.Range(0, 5).SelectMany(i => new[] { $"q1-{i}", $"q3-{i}" }));
        (await PollQuietly(consumer, TimeSpan.FromMilliseconds(500))).Should().BeEmpty("queues 0 and 2 are not assigned");
        consumer.OwnedQueues.Should().BeEquivalentTo([Queue(topic, 1), Queue(topic, 3)]);
        consumer.SubType.Should().Be(SubscriptionType.Assign);
    }

    [Fact]
    public async Task Reassigning_while_running_switches_queues_and_seeks_made_before_assigning_apply()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 4, "a");
        await SendTo(Queue(topic, 1), 6, "b");
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, null);
        await consumer.Start();
        var queues = await consumer.GetTopicRouteInfo(topic);
        queues.Should().HaveCount(2);

        // Go's poll_assign example: look up offsets, seek, then assign.
        consumer.SeekOffset(Queue(topic, 1), 2);
        consumer.Assign(topic, [Queue(topic, 1)]);
        var fromB = await PollAndAck(consumer, 4);
        fromB.Select(Text).Should().Equal("b-2", "b-3", "b-4", "b-5");

        consumer.Assign(topic, [Queue(topic, 0)]);
        var fromA = await PollAndAck(consumer, 4);
        fromA.Select(Text).Should().Equal("a-0", "a-1", "a-2", "a-3");
        consumer.OwnedQueues.Should().Equal(Queue(topic, 0));
    }

    [Fact]
    public async Task A_failed_ack_in_subscribe_mode_comes_back_through_the_retry_topic_with_the_original_topic()
    {
        var topic = await NewTopic(1);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        await SendTo(Queue(topic, 0), 1, "retry");

        var first = await consumer.Poll(Wait);
        first.Should().NotBeNull();
        first!.GetMsgList().Single().ReconsumeTimes.Should().Be(0);
        await consumer.ACK(first, ConsumeResult.ConsumeRetryLater);

        var again = await PollAndAck(consumer, 1, timeout: TimeSpan.FromSeconds(30));
        var msg = again.Single();
        Text(msg).Should().Be("retry-0");
        msg.ReconsumeTimes.Should().Be(1);
        msg.Topic.Should().Be(topic, "the retry topic is hidden from the application");
        (await consumer.CommittedOffset(Queue(topic, 0))).Should().Be(1, "the failed message left the queue through the retry topic");
    }

    [Fact]
    public async Task Poll_times_out_with_null_and_honours_cancellation()
    {
        var topic = await NewTopic(1);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        (await consumer.Poll(TimeSpan.FromMilliseconds(200))).Should().BeNull();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var poll = () => consumer.Poll(TimeSpan.FromSeconds(10), cancelled.Token);
        await poll.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Shutdown_ends_long_polls_and_a_waiting_poll_within_a_bound()
    {
        var topic = await NewTopic(4);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        (await consumer.Poll(TimeSpan.FromMilliseconds(300))).Should().BeNull("the loops are now long-polling empty queues");
        var waiting = consumer.Poll(TimeSpan.FromSeconds(30));

        await consumer.Shutdown().WaitAsync(TimeSpan.FromSeconds(5));

        (await waiting.WaitAsync(TimeSpan.FromSeconds(1))).Should().BeNull("a poll waiting at shutdown returns empty-handed");
        var after = () => consumer.Poll(TimeSpan.FromMilliseconds(10));
        (await after.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrService);
        consumer.ProcessQueueTable.Values.Should().OnlyContain(pq => pq.IsDropped);
    }

    [Fact]
    public async Task Api_checks_follow_go_errors()
    {
        var topic = await NewTopic(1);
        var blank = NewConsumer(Unique("cg"));
        var start = () => blank.Start();
        (await start.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrBlankSubType);

        var assigned = NewConsumer(Unique("cg"));
        assigned.Assign(topic, [Queue(topic, 0)]);
        assigned.Invoking(c => c.Subscribe(topic, MessageSelector.All)).Should().Throw<MQClientException>().Which.Code.Should().Be(ClientErrors.ErrSubscriptionType);
        assigned.Invoking(c => c.Unsubscribe(topic)).Should().Throw<MQClientException>().Which.Code.Should().Be(ClientErrors.ErrSubscriptionType);
        assigned.Invoking(c => c.Assign(topic, [Queue("other", 0)])).Should().Throw<ArgumentException>();
        var poll = () => assigned.Poll(TimeSpan.FromMilliseconds(10));
        (await poll.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrService, "not started");

        var missing = NewConsumer(Unique("cg"));
        missing.Subscribe(Unique("NoSuchTopic"), MessageSelector.All);
        var startMissing = () => missing.Start();
        (await startMissing.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrTopicNotExist);
    }

    [Fact]
    public async Task Facade_consumer_polls_and_acks_through_IPullConsumer()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 3);
        await using var consumer = Rocketmq.NewPullConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(Unique("cg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        var bodies = new List<string>();
        while (bodies.Count < 3)
        {
            var request = await consumer.Poll(Wait);
            request.Should().NotBeNull();
            bodies.AddRange(request!.GetMsgList().Select(Text));
            await consumer.ACK(request, ConsumeResult.ConsumeSuccess);
        }

        bodies.Should().Equal("m-0", "m-1", "m-2");
        (await consumer.CurrentOffset(Queue(topic, 0))).Should().Be(3);
        await consumer.Shutdown();
    }
}
