using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/delay: messages with delay level --level (default 3: delivered after 10 s).</summary>
internal static class Delay
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var level = ctx.Flags.Int("level", 3);
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "delay_producer"));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10, (_, msg) => msg.WithDelayTimeLevel(level));
        await producer.Shutdown();
        return code;
    }
}
