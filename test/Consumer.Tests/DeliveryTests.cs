using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public sealed class DeliveryTests : ConsumerClusterTestBase, IDisposable
{
    private readonly string _offsetDir = Path.Combine(Path.GetTempPath(), "consumer-offsets-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_offsetDir))
        {
            Directory.Delete(_offsetDir, recursive: true);
        }
    }

    [Fact]
    public async Task Broadcasting_delivers_everything_to_each_consumer_and_keeps_offsets_in_a_local_file()
    {
        var topic = await NewTopic(4);
        var group = Unique("bg");
        var collector = new Collector();
        var consumers = new List<PushConsumer>();
        for (var i = 0; i < 2; i++)
        {
            var c = NewConsumer(group, ConsumerOptions.WithConsumerModel(MessageModel.BroadCasting), ConsumerOptions.WithInstance($"bc{i}"), ConsumerOptions.WithLocalOffsetStoreDir(_offsetDir));
            c.Subscribe(topic, MessageSelector.All, collector.Handler("c" + i));
            await c.Start();
            consumers.Add(c);
        }

        await Eventually(() => consumers.All(c => c.OwnedQueues.Count == 8), because: "each broadcasting consumer owns every queue");
        var sent = await Send(topic, 100);
        await collector.WaitFor(200);
        foreach (var name in new[] { "c0", "c1" })
        {
            collector.Received.Where(r => r.Consumer == name).Select(r => Text(r.Msg)).Should().BeEquivalentTo(sent);
        }

        await consumers[0].Shutdown();
        Directory.GetFiles(_offsetDir, "offset.json", SearchOption.AllDirectories).Should().NotBeEmpty("broadcasting offsets live in a local file");
    }

    [Fact]
    public async Task A_consumed_message_carries_its_queues_MIN_OFFSET_and_MAX_OFFSET_as_Java_and_Go_set_them()
    {
        var topic = await NewTopic(2);
        var seen = new ConcurrentQueue<(long QueueOffset, string Min, string Max, Dictionary<string, string> All, string Text)>();
        var consumer = NewConsumer(Unique("og"));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var m in msgs)
            {
                seen.Enqueue((m.QueueOffset, m.GetProperty(PropertyKeys.MinOffset), m.GetProperty(PropertyKeys.MaxOffset), m.GetProperties(), m.ToString()));
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 10);
        await Eventually(() => seen.Count >= 10, because: "all ten messages are consumed");
        foreach (var (queueOffset, min, max, all, text) in seen)
        {
            min.Should().Be("0", "no queue of a new topic has lost messages");
            long.Parse(max, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(queueOffset, "MAX_OFFSET is one past the newest message when the queue was pulled");
            all.Should().Contain(PropertyKeys.MinOffset, min).And.Contain(PropertyKeys.MaxOffset, max);
            text.Should().Contain($"MAX_OFFSET:{max}");
        }
    }

    [Fact]
    public async Task A_handler_failing_twice_sees_the_message_three_times_with_reconsume_times_0_1_2()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("rg"));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c", m => m.ReconsumeTimes < 2 ? ConsumeResult.ConsumeRetryLater : ConsumeResult.ConsumeSuccess));
        await consumer.Start();
        await Send(topic, 1, "retry");
        await collector.WaitFor(3);
        await Task.Delay(1500);
        collector.Received.Select(r => r.ReconsumeTimes).Should().Equal(0, 1, 2);
        collector.Received.Should().OnlyContain(r => r.Msg.Topic == topic && Text(r.Msg) == "retry-0", "the retry topic is hidden from the handler");
    }

    [Fact]
    public async Task Orderly_retry_redelivers_the_same_message_with_growing_reconsume_times()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("org"), ConsumerOptions.WithConsumerOrder(true), ConsumerOptions.WithSuspendCurrentQueueTimeMillis(TimeSpan.FromMilliseconds(100)));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c", m => m.ReconsumeTimes < 2 ? ConsumeResult.SuspendCurrentQueueAMoment : ConsumeResult.ConsumeSuccess));
        await consumer.Start();
        await Send(topic, 2, "o", shardingKey: _ => "k");
        await collector.WaitFor(6);
        await Task.Delay(500); // no further delivery
        collector.Received.Select(r => (Text(r.Msg), r.ReconsumeTimes)).Should().Equal(("o-0", 0), ("o-0", 1), ("o-0", 2), ("o-1", 0), ("o-1", 1), ("o-1", 2));
    }

    [Fact]
    public async Task Beyond_max_reconsume_times_the_message_lands_in_the_dead_letter_queue()
    {
        var topic = await NewTopic(2);
        var group = Unique("dg");
        var collector = new Collector();
        var consumer = NewConsumer(group, ConsumerOptions.WithMaxReconsumeTimes(2));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c", _ => ConsumeResult.ConsumeRetryLater));
        await consumer.Start();
        await Send(topic, 1, "dead");
        await collector.WaitFor(3);
        var dlq = "%DLQ%" + group;
        await Eventually(() => DlqCount(dlq) == 1, because: "the message is moved to " + dlq);
        await Task.Delay(1500);
        collector.Count.Should().Be(3, "delivered once plus two retries, then no more");
    }

    [Fact]
    public async Task Tag_filtering_delivers_only_the_subscribed_tags_even_non_ascii_ones()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("tg"));
        consumer.Subscribe(topic, MessageSelector.ByTag("标签A || TagC"), collector.Handler("c"));
        await consumer.Start();
        var tags = new[] { "标签A", "标签B", "TagC", "TagD" };
        await Send(topic, 40, "t", tag: i => tags[i % 4]);
        await collector.WaitFor(20);
        await Task.Delay(500);
        collector.Received.Select(r => r.Msg.GetTags()).Distinct().Should().BeEquivalentTo("标签A", "TagC");
        collector.Count.Should().Be(20);
    }

    [Fact]
    public async Task Sql92_selector_is_evaluated_by_the_broker()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("sg"));
        consumer.Subscribe(topic, MessageSelector.BySql("a BETWEEN 2 AND 4"), collector.Handler("c"));
        await consumer.Start();
        var producer = await Producer();
        for (var i = 0; i < 8; i++)
        {
            var msg = new Message(topic, System.Text.Encoding.UTF8.GetBytes("s-" + i));
            msg.WithProperty("a", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await producer.SendSync(msg);
        }

        await collector.WaitFor(3);
        await Task.Delay(500);
        collector.Bodies().Should().BeEquivalentTo("s-2", "s-3", "s-4");
    }

    [Fact]
    public async Task A_restarted_consumer_after_graceful_shutdown_redelivers_nothing()
    {
        var topic = await NewTopic(4);
        var group = Unique("sg");
        var first = new Collector();
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.All, first.Handler("first"));
        await consumer.Start();
        await Send(topic, 200, "a");
        await first.WaitFor(200);
        await consumer.Shutdown();

        var second = new Collector();
        var restarted = NewConsumer(group);
        restarted.Subscribe(topic, MessageSelector.All, second.Handler("second"));
        await restarted.Start();
        var more = await Send(topic, 50, "b");
        await second.WaitFor(50);
        await Task.Delay(1000);
        second.Bodies().Should().BeEquivalentTo(more, "the restarted consumer continues exactly where the first stopped");
    }

    [Fact]
    public async Task Shutdown_waits_for_a_running_handler_and_commits_its_message()
    {
        var topic = await NewTopic(1);
        var group = Unique("wg");
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.All, async (ctx, msgs) =>
        {
            entered.TrySetResult();
            await release.Task;
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 1, "slow");
        await entered.Task.WaitAsync(Wait);
        var shutdown = consumer.Shutdown();
        await Task.Delay(200);
        shutdown.IsCompleted.Should().BeFalse("shutdown waits for the running handler (Go does not, #672)");
        release.SetResult();
        await shutdown.WaitAsync(Wait);

        var again = new Collector();
        var restarted = NewConsumer(group);
        restarted.Subscribe(topic, MessageSelector.All, again.Handler("again"));
        await restarted.Start();
        await Send(topic, 1, "next");
        await again.WaitFor(1);
        await Task.Delay(500);
        again.Bodies().Should().Equal("next-0");
    }

    [Fact]
    public async Task A_slow_handler_keeps_the_cache_within_the_flow_control_thresholds()
    {
        var topic = await NewTopic(2);
        const int threshold = 20;
        const int pullBatch = 8;
        var maxCached = new ConcurrentDictionary<MessageQueue, long>();
        PushConsumer consumer = null!;
        consumer = NewConsumer(Unique("fg"),
            ConsumerOptions.WithPullThresholdForQueue(threshold),
            ConsumerOptions.WithPullBatchSize(pullBatch),
            ConsumerOptions.WithConsumeGoroutineNums(1));
        var consumed = 0;
        consumer.Subscribe(topic, MessageSelector.All, async (ctx, msgs) =>
        {
            foreach (var (mq, pq) in consumer.ProcessQueueTable)
            {
                maxCached.AddOrUpdate(mq, pq.CachedMsgCount, (_, old) => Math.Max(old, pq.CachedMsgCount));
            }

            await Task.Delay(5);
            Interlocked.Increment(ref consumed);
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 300, "f");
        await Eventually(() => Volatile.Read(ref consumed) >= 300);
        maxCached.Where(kv => kv.Key.Topic == topic).Should().OnlyContain(kv => kv.Value <= threshold + pullBatch,
            "pulling pauses once a queue caches more than the threshold; one pull batch may land on top");
        maxCached.Where(kv => kv.Key.Topic == topic).Should().Contain(kv => kv.Value > threshold / 2, "the cache did fill up");
    }

    private long DlqCount(string dlq)
        => Cluster.Brokers.Sum(b => b.Store.Topics().Contains(dlq) ? b.Store.QueuesOf(dlq).Sum(q => b.Store.GetMaxOffsetInQueue(dlq, q.QueueId)) : 0);
}
