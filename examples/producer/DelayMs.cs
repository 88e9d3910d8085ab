using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/delayms: messages with an absolute delivery time, now + --delay-ms (default 10000), in
/// TIMER_DELIVER_MS. Only 5.x timer brokers honour it; 4.x brokers (and the embedded one) deliver at once.
/// </summary>
internal static class DelayMs
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var delay = TimeSpan.FromMilliseconds(ctx.Flags.Int("delay-ms", 10_000));
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "delayms_producer"));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10, (_, msg) => msg.WithDeliverTimestamp(DateTimeOffset.UtcNow + delay));
        await producer.Shutdown();
        return code;
    }
}
