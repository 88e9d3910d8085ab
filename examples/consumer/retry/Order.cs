using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer.Retry;

/// <summary>
/// Go: examples/consumer/retry/order: an orderly handler suspends its queue (SuspendCurrentQueueAMoment) for 500 ms
/// until a message came back --retries times (default 2); the same message is redelivered first, so the queue's
/// order holds. Past WithMaxReconsumeTimes (5) a message goes to the dead-letter queue.
/// </summary>
internal static class Order
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(3);
        var retries = ctx.Flags.Int("retries", 2);
        var options = await PushExample.Options(ctx, "testGroup", extra:
        [
            ConsumerOptions.WithConsumerModel(MessageModel.Clustering),
            ConsumerOptions.WithConsumerOrder(true),
            ConsumerOptions.WithMaxReconsumeTimes(5),
        ]);
        await PushExample.SeedIfEmbedded(ctx, topic, count, (_, m) => m.WithShardingKey("retry-order"));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (c, msgs) =>
        {
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg);
                if (msg.ReconsumeTimes < retries)
                {
                    c.OrderlyCtx!.SuspendCurrentQueueTimeMillis = 500;
                    return ConsumeResult.SuspendCurrentQueueAMoment;
                }
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }
}
