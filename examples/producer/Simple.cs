using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/simple: SendSync of ten messages.</summary>
internal static class Simple
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "simple_producer"));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10);
        await producer.Shutdown();
        return code;
    }
}
