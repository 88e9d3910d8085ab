using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/namespace: the broker stores topic "&lt;namespace&gt;%&lt;topic&gt;" (--namespace, default "namespace").</summary>
internal static class NamespaceExample
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var ns = ctx.Flags.Get("namespace") ?? "namespace";
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "namespace_producer", ProducerOptions.WithNamespace(ns)));
        await producer.Start();
        ctx.Info($"namespace {ns}: the broker stores topic {ns}%{ctx.Flags.Topic("test")}");
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10);
        await producer.Shutdown();
        return code;
    }
}
