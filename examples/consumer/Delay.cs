using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/delay: prints how long after its birth each message arrived. The embedded run sends with
/// delay level --level (default 2 = 5 s), as producer/delay does.
/// </summary>
internal static class Delay
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(3);
        var level = ctx.Flags.Int("level", 2);
        var options = await PushExample.Options(ctx, "testGroup");
        await PushExample.SeedIfEmbedded(ctx, topic, count, (_, m) => m.WithDelayTimeLevel(level));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                var later = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - msg.BornTimestamp;
                PushExample.Print(ctx, msg, $"(received {later} ms after it was sent)");
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }
}
