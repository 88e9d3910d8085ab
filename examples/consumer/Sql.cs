using System.Globalization;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// An SQL92 selector (Go's MessageSelector{Type: SQL92}): the broker evaluates "a BETWEEN 0 AND 3" (or --expression)
/// against message properties; a Java broker needs enablePropertyFilter=true. The embedded run sends a = 0..count-1.
/// </summary>
internal static class Sql
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var expression = ctx.Flags.Get("expression") ?? "a BETWEEN 0 AND 3";
        var options = await PushExample.Options(ctx, "testGroup");
        await PushExample.SeedIfEmbedded(ctx, topic, count, (i, m) => m.WithProperty("a", i.ToString(CultureInfo.InvariantCulture)));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(ctx.Embedded && ctx.Flags.Get("expression") is null ? Math.Min(count, 4) : count);
        consumer.Subscribe(topic, MessageSelector.BySql(expression), (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg, "a=" + msg.GetProperty("a"));
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }
}
