using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/interceptor: two user interceptors around the handler; the first is the outermost. They
/// see the consume context, the messages and, after the call, the handler's result.
/// </summary>
internal static class InterceptorExample
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithInterceptor(UserFirstInterceptor(ctx), UserSecondInterceptor(ctx)));
        await PushExample.SeedIfEmbedded(ctx, topic, count);
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg);
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }

    private static Interceptor UserFirstInterceptor(ExampleContext ctx) => async (c, req, reply, next) =>
    {
        var msgs = (IReadOnlyList<MessageExt>)req;
        ctx.Info($"user first interceptor before invoke: group={c.ConsumerCtx?.ConsumerGroup} method={c.Method} msgs={msgs.Count}");
        await next(c, req, reply);
        ctx.Info($"user first interceptor after invoke: result={((ConsumeResultHolder)reply!).ConsumeResult}");
    };

    private static Interceptor UserSecondInterceptor(ExampleContext ctx) => async (c, req, reply, next) =>
    {
        ctx.Info($"user second interceptor before invoke: msgs={((IReadOnlyList<MessageExt>)req).Count}");
        await next(c, req, reply);
        ctx.Info($"user second interceptor after invoke: result={((ConsumeResultHolder)reply!).ConsumeResult}");
    };
}
