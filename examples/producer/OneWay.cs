using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>SendOneWay: no result, the send completes once the request is on its way.</summary>
internal static class OneWay
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "oneway_producer"));
        await producer.Start();
        var topic = ctx.Flags.Topic("test");
        var count = ctx.Flags.Count(10);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await producer.SendOneWay(ctx.Ctx, ProducerExample.Message(ctx, topic, i));
                ctx.PrintObject($"sent one-way message {i}", new { status = "SENT", index = i });
            }
            catch (RocketMQException e)
            {
                ctx.PrintError(e);
                return 1;
            }
        }

        await producer.Shutdown();
        return 0;
    }
}
