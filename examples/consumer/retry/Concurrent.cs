using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer.Retry;

/// <summary>
/// Go: examples/consumer/retry/concurrent: the handler asks for a retry (ConsumeRetryLater) with delay level 1 (1 s)
/// until a message came back --retries times (default 2, Go's example 5), then succeeds. Each message is seen
/// retries + 1 times, with reconsumeTimes 0, 1, ...
/// </summary>
internal static class Concurrent
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(3);
        var retries = ctx.Flags.Int("retries", 2);
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithConsumerModel(MessageModel.Clustering));
        await PushExample.SeedIfEmbedded(ctx, topic, count);
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (c, msgs) =>
        {
            // Only used when the handler returns ConsumeRetryLater: levels 1-18 = 1s 5s 10s 30s 1m ... 2h.
            c.ConcurrentlyCtx!.DelayLevelWhenNextConsume = 1;
            var result = ConsumeResult.ConsumeSuccess;
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg);
                if (msg.ReconsumeTimes < retries)
                {
                    result = ConsumeResult.ConsumeRetryLater;
                }
            }

            if (result == ConsumeResult.ConsumeSuccess)
            {
                counter.Add(msgs.Count);
            }

            return result;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }
}
