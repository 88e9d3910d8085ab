using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/async: SendAsync with a callback for each message, waiting for every callback (Go's
/// WaitGroup); then the same with the awaitable form. Failed sends are retried on another broker (Go: never).
/// </summary>
internal static class Async
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "async_producer"));
        await producer.Start();
        var topic = ctx.Flags.Topic("test");
        var count = ctx.Flags.Count(10);
        var failures = 0;

        var pending = new CountdownEvent(count);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < count; i++)
        {
            await producer.SendAsync(ctx.Ctx, (_, result, error) =>
            {
                if (error is null)
                {
                    ctx.PrintResult(result!);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    ctx.PrintError(error);
                }

                if (pending.Signal())
                {
                    allDone.TrySetResult();
                }
            }, ProducerExample.Message(ctx, topic, i));
        }

        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(1), ctx.CancellationToken);

        // The awaitable form: many sends in flight, awaited together.
        var sends = Enumerable.Range(count, count).Select(i => producer.SendAsync(ctx.Ctx, ProducerExample.Message(ctx, topic, i)));
        foreach (var send in sends.ToList())
        {
            try
            {
                ctx.PrintResult(await send);
            }
            catch (RocketMQException e)
            {
                failures++;
                ctx.PrintError(e);
            }
        }

        await producer.Shutdown();
        return failures == 0 ? 0 : 1;
    }
}
