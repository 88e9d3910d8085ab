using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Orderly send (Go: a hash queue selector with sharding keys): the messages of each order id (--orders, default 3)
/// go to one queue, in sending order; a consumer reading that queue in order sees them in order.
/// </summary>
internal static class Orderly
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var orders = ctx.Flags.Int("orders", 3);
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "orderly_producer",
            ProducerOptions.WithQueueSelector(QueueSelectors.NewHashQueueSelector())));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "OrderTopic", 12,
            (i, msg) => msg.WithShardingKey("order-" + (i % orders)));
        await producer.Shutdown();
        return code;
    }
}
