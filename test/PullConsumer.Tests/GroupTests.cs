using System.Collections.Concurrent;
using System.Diagnostics;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class GroupTests : PullClusterTestBase
{
    [Fact]
    public async Task Two_subscribing_members_share_the_queues_and_poll_every_message_exactly_once()
    {
        var topic = await NewTopic(4);
        var group = Unique("cg");
        var a = NewConsumer(group);
        var b = NewConsumer(group);
        a.Subscribe(topic, MessageSelector.All);
        b.Subscribe(topic, MessageSelector.All);
        await a.Start();
        await b.Start();
        await Eventually(() => Task.FromResult(Owned(a, topic) == 2 && Owned(b, topic) == 2), "the rebalance gives each member two queues");

        for (var q = 0; q < 4; q++)
        {
            await SendTo(Queue(topic, q), 10, $"q{q}");
        }

        var received = new ConcurrentBag<(string Member, MessageExt Msg)>();
        var clock = Stopwatch.StartNew();
        async Task Drain(PullConsumer consumer, string name)
        {
            while (received.Count < 40 && clock.Elapsed < Wait)
            {
                if (await consumer.Poll(TimeSpan.FromMilliseconds(200)) is { } request)
                {
                    foreach (var msg in request.GetMsgList())
                    {
                        received.Add((name, msg));
                    }

                    await consumer.ACK(request, ConsumeResult.ConsumeSuccess);
                }
            }
        }

        await Task.WhenAll(Drain(a, "a"), Drain(b, "b"));
        (await PollQuietly(a, TimeSpan.FromMilliseconds(300))).Should().BeEmpty();
        (await PollQuietly(b, TimeSpan.FromMilliseconds(300))).Should().BeEmpty();

        received.Select(r => Text(r.Msg)).Should().HaveCount(40).And.OnlyHaveUniqueItems();
        received.GroupBy(r => r.Member).Should().HaveCount(2).And.OnlyContain(g => g.Count() == 20, "each member polls its two queues");
        a.OwnedQueues.Intersect(b.OwnedQueues).Should().BeEmpty();
    }

    [Fact]
    public async Task An_admin_reset_by_timestamp_makes_a_running_pull_consumer_read_again()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        var group = Unique("cg");
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        await SendTo(mq, 5);
        (await PollAndAck(consumer, 5)).Select(Text).Should().Equal("m-0", "m-1", "m-2", "m-3", "m-4");
        await Eventually(async () => (await consumer.CommittedOffset(mq)) == 5, "the ACKs moved the offset");
        await consumer.PersistOffset(topic);

        await using var admin = Rocketmq.NewAdmin(AdminOptions.WithNameServer(Cluster.NameServerAddress));
        var reset = await admin.ResetOffsetByTimestamp(CancellationToken.None, topic, group, DateTimeOffset.FromUnixTimeMilliseconds(0));

        reset.Should().ContainKey(mq).WhoseValue.Should().Be(0);
        (await PollAndAck(consumer, 5)).Select(Text).Should().Equal("m-0", "m-1", "m-2", "m-3", "m-4");
    }

    private static int Owned(PullConsumer consumer, string topic) => consumer.OwnedQueues.Count(q => q.Topic == topic);
}
