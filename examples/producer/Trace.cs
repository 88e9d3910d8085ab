using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/trace: sends with message trace on; the traces go to RMQ_SYS_TRACE_TOPIC.</summary>
internal static class Trace
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var nameServer = await ctx.NameServerAsync();
        if (ctx.Cluster is { } cluster)
        {
            // A Java broker creates the trace topic when traceTopicEnable is set; the embedded one is told here.
            await cluster.CreateTopicAsync("RMQ_SYS_TRACE_TOPIC", 1);
        }

        var traceConfig = new TraceConfig { Access = AccessChannel.Local, NamesrvAddrs = nameServer.Split(';'), GroupName = ctx.Flags.Group("trace_producer") };
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "trace_producer", ProducerOptions.WithTrace(traceConfig)));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 1);

        // Shutdown sends the traces still queued before it returns.
        await producer.Shutdown();
        ctx.Info("traces sent to RMQ_SYS_TRACE_TOPIC");
        return code;
    }
}
