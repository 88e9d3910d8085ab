using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer.Pull;

/// <summary>Go: examples/consumer/pull/poll: subscribe with a tag, Start, then Poll and ACK in a loop.</summary>
internal static class Poll
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PullExample.DefaultTopic);
        var tag = PullExample.Tag(ctx, "testPull");
        var count = ctx.Flags.Count(10);
        var options = await PullExample.Options(ctx, "testPullGroup");
        await PullExample.SeedIfEmbedded(ctx, topic, tag, count);

        await using var consumer = Rocketmq.NewPullConsumer(options);
        consumer.Subscribe(topic, MessageSelector.ByTag(tag));
        await consumer.Start();
        var received = await PullExample.PollLoop(ctx, consumer, count);
        ctx.Info($"polled {received} messages");
        await consumer.Shutdown();
        return 0;
    }
}
