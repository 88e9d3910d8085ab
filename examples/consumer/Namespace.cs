using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/namespace: group and topic live in a namespace (--namespace, default "ns"): the broker sees
/// "ns%topic" and "ns%group"; the handler sees the plain topic.
/// </summary>
internal static class NamespaceExample
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var ns = ctx.Flags.Get("namespace") ?? "ns";
        var count = ctx.Flags.Count(10);
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithNamespace(ns));
        await PushExample.SeedIfEmbedded(ctx, topic, count, ns: ns);
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
}
