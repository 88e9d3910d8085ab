using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/broadcast: every consumer of the group gets every message; offsets are kept in a local file
/// (--offset-dir, else ~/.rocketmq_client_go/&lt;clientID&gt;/&lt;group&gt;/offset.json as in Go; with the embedded broker a
/// temporary directory removed at the end). Run it twice at once to see both get everything.
/// </summary>
internal static class Broadcast
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var temporary = ctx.Embedded && ctx.Flags.Get("offset-dir") is null;
        var offsetDir = ctx.Flags.Get("offset-dir") ?? (temporary ? Directory.CreateTempSubdirectory("rocketmq-broadcast-").FullName : null);
        try
        {
            return await Consume(ctx, topic, count, offsetDir);
        }
        finally
        {
            if (temporary)
            {
                Directory.Delete(offsetDir!, recursive: true);
            }
        }
    }

    private static async Task<int> Consume(ExampleContext ctx, string topic, int count, string? offsetDir)
    {
        var model = ConsumerOptions.WithConsumerModel(MessageModel.BroadCasting);
        var options = await PushExample.Options(ctx, "testGroup", extra: offsetDir is null ? [model] : [model, ConsumerOptions.WithLocalOffsetStoreDir(offsetDir)]);
        var tags = new[] { "TagA", "TagB", "TagC", "TagD" };
        await PushExample.SeedIfEmbedded(ctx, topic, count, (i, m) => m.WithTag(tags[i % 4]));
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(ctx.Embedded ? Enumerable.Range(0, count).Count(i => i % 4 != 1) : count);
        consumer.Subscribe(topic, MessageSelector.ByTag("TagA || TagC || TagD"), (_, msgs) =>
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
