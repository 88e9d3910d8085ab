using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer.Pull;

/// <summary>
/// Go: examples/consumer/pull/poll_assign: assign no queues to start, look up each queue's offset ten minutes back
/// (--minutes), seek there, assign every queue, then Poll and ACK. Go's example subtracts 600 ms where it means
/// ten minutes.
/// </summary>
internal static class PollAssign
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PullExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var options = await PullExample.Options(ctx, "testPullGroup");
        await PullExample.SeedIfEmbedded(ctx, topic, PullExample.Tag(ctx, "testPull"), count);

        await using var consumer = Rocketmq.NewPullConsumer(options);
        consumer.Assign(topic, null);
        await consumer.Start();

        var queues = await consumer.GetTopicRouteInfo(topic, ctx.CancellationToken);
        var since = DateTimeOffset.UtcNow.AddMinutes(-ctx.Flags.Int("minutes", 10)).ToUnixTimeMilliseconds();
        foreach (var mq in queues)
        {
            var offset = await consumer.OffsetForTimestamp(mq, since, ctx.CancellationToken);
            consumer.SeekOffset(mq, offset);
            ctx.Info($"queue {mq.QueueId}: from offset {offset}");
        }

        consumer.Assign(topic, queues);
        var received = await PullExample.PollLoop(ctx, consumer, count);
        ctx.Info($"polled {received} messages");
        await consumer.Shutdown();
        return 0;
    }
}
