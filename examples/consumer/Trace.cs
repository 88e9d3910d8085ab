using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/trace: consumption traced (WithTrace): a SubBefore and a SubAfter record per handler call go
/// to RMQ_SYS_TRACE_TOPIC.
/// </summary>
internal static class Trace
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(3);
        var nameServer = await ctx.NameServerAsync();
        if (ctx.Cluster is { } cluster)
        {
            await cluster.CreateTopicAsync("RMQ_SYS_TRACE_TOPIC", 1);
        }

        var traceConfig = new TraceConfig { Access = AccessChannel.Local, NamesrvAddrs = nameServer.Split(';'), GroupName = ctx.Flags.Group("testGroup") };
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithTrace(traceConfig));
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
        var code = await PushExample.RunUntilDone(ctx, consumer, counter.Done);
        ctx.Info("traces sent to RMQ_SYS_TRACE_TOPIC");
        return code;
    }
}
