using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/rpc/sync and rpc/async: sends a request to RequestTopic and waits --ttl ms (default 5000) for
/// the reply, which a consumer of RequestTopic sends with MessageUtil.CreateReplyMessage (examples consumer/rpc).
/// With the embedded broker that replier runs in this process, so the example completes on its own; with
/// --nameserver run consumer/rpc beside it, else the request times out, as in Go.
/// </summary>
internal static class Rpc
{
    public static Task<int> RunSync(ExampleContext ctx) => Run(ctx, async: false);

    public static Task<int> RunAsync(ExampleContext ctx) => Run(ctx, async: true);

    private static async Task<int> Run(ExampleContext ctx, bool async)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "rpc_producer"));
        await producer.Start();
        var topic = ctx.Flags.Topic(Consumer.Rpc.DefaultTopic);
        await using var replier = ctx.Embedded ? await Consumer.Rpc.Replier.StartAsync(ctx, topic, Consumer.Rpc.DefaultGroup) : null;
        var ttl = TimeSpan.FromMilliseconds(ctx.Flags.Int("ttl", 5000));
        var msg = ProducerExample.Message(ctx, topic, -1, "Hello RPC RocketMQ Go Client!");
        var started = DateTimeOffset.UtcNow;
        try
        {
            Message reply;
            if (async)
            {
                var done = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
                await producer.RequestAsync(ctx.Ctx, ttl, (_, m, e) =>
                {
                    if (e is null)
                    {
                        done.TrySetResult(m!);
                    }
                    else
                    {
                        done.TrySetException(e);
                    }
                }, msg);
                reply = await done.Task;
            }
            else
            {
                reply = await producer.Request(ctx.Ctx, ttl, msg);
            }

            var cost = (long)(DateTimeOffset.UtcNow - started).TotalMilliseconds;
            ctx.PrintObject($"Request to {msg.Topic} cost:{cost} ms responseMsg:{reply}",
                new { status = "REPLY", costMs = cost, body = System.Text.Encoding.UTF8.GetString(reply.Body) });
            return 0;
        }
        catch (RocketMQException e)
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
