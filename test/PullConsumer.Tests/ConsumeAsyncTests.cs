using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>`await foreach (var msg in consumer.ConsumeAsync(ct))`: Poll and ACK in one statement.</summary>
public class ConsumeAsyncTests : PullClusterTestBase
{
    [Fact]
    public async Task AwaitForeachYieldsEveryMessageAndAcksEachFinishedBatch()
    {
        var topic = await NewTopic(1);
        await SendTo(Queue(topic, 0), 5, "a");
        var consumer = Own(Rocketmq.NewPullConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("cg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), FastLoops));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        using var deadline = new CancellationTokenSource(Wait);
        var received = new List<string>();
        await foreach (var msg in consumer.ConsumeAsync(deadline.Token))
        {
            received.Add(Text(msg));
            if (received.Count == 5)
            {
                // Asking for more after the fifth finishes its batch: it is ACKed; the next poll finds nothing.
                await SendTo(Queue(topic, 0), 1, "b");
            }

            if (received.Count == 6)
            {
                break;
            }
        }

        received.Should().Equal("a-0", "a-1", "a-2", "a-3", "a-4", "b-0");
        await Eventually(
            async () =>
            {
                await consumer.Commit();
                return await consumer.CommittedOffset(Queue(topic, 0)) >= 5;
            },
            "the finished batch of five was ACKed");
    }

    [Fact]
    public async Task CancellationEndsTheLoop()
    {
        var topic = await NewTopic(1);
        var consumer = Own(Rocketmq.NewPullConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("cg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), FastLoops));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var loop = async () =>
        {
            await foreach (var _ in consumer.ConsumeAsync(cancel.Token))
            {
            }
        };
        await loop.Should().ThrowAsync<OperationCanceledException>().WaitAsync(Wait);
    }
}
