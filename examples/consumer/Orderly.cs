using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/orderly: queues are locked on the broker and each is consumed by one worker at a time, in
/// offset order; the handler sees the orderly context. Send with producer/orderly (same sharding key, same queue).
/// </summary>
internal static class Orderly
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithConsumerOrder(true));
        await PushExample.SeedIfEmbedded(ctx, topic, count, (i, m) => m.WithShardingKey("order-" + (i % 3)));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (c, msgs) =>
        {
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg, $"(orderly queue {c.OrderlyCtx?.MQ})");
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }
}
