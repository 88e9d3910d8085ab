using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/interceptor: two interceptors print before and after each send.</summary>
internal static class InterceptorExample
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "interceptor_producer",
            ProducerOptions.WithInterceptor(UserFirstInterceptor(ctx), UserSecondInterceptor(ctx))));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10);
        await producer.Shutdown();
        return code;
    }

    private static Interceptor UserFirstInterceptor(ExampleContext ctx) => async (c, req, reply, next) =>
    {
        ctx.Info($"user first interceptor before invoke: req:{req}");
        await next(c, req, reply);
        ctx.Info($"user first interceptor after invoke: req: {req}, reply: {reply}");
    };

    private static Interceptor UserSecondInterceptor(ExampleContext ctx) => async (c, req, reply, next) =>
    {
        ctx.Info($"user second interceptor before invoke: req: {req}, broker {c.ProducerCtx?.BrokerAddr}");
        await next(c, req, reply);
        ctx.Info($"user second interceptor after invoke: req: {req}, reply: {reply}, broker {c.ProducerCtx?.BrokerAddr}");
    };
}
