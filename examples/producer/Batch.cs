using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/batch: --count messages (default 10) in one SendSync; one result with every id.</summary>
internal static class Batch
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "batch_producer"));
        await producer.Start();
        var topic = ctx.Flags.Topic("test");
        var msgs = Enumerable.Range(0, ctx.Flags.Count(10)).Select(i => ProducerExample.Message(ctx, topic, i, "Hello RocketMQ Go Client! num:")).ToArray();
        try
        {
            ctx.PrintResult(await producer.SendSync(ctx.Ctx, msgs));
            return 0;
        }
        catch (Exception e) when (e is RocketMQException or ArgumentException)
        {
            ctx.PrintError(e);
            return 1;
        }
        finally
        {
            await producer.Shutdown();
        }
    }
}
