using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/tag: subscribe "TagA || TagC" (or --expression); the broker and then the client drop the
/// other tags. The embedded run sends TagA, TagB, TagC in turn.
/// </summary>
internal static class Tag
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(9);
        var expression = ctx.Flags.Get("expression") ?? "TagA || TagC";
        var tags = new[] { "TagA", "TagB", "TagC" };
        var options = await PushExample.Options(ctx, "testGroup");
        await PushExample.SeedIfEmbedded(ctx, topic, count, (i, m) => m.WithTag(tags[i % 3]));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var expected = ctx.Embedded ? Enumerable.Range(0, count).Count(i => expression.Contains(tags[i % 3], StringComparison.Ordinal)) : count;
        var counter = new PushExample.Counter(expected);
        consumer.Subscribe(topic, MessageSelector.ByTag(expression), (_, msgs) =>
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
