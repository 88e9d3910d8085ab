using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>Go: examples/producer/tag: messages tagged TagA, TagB, TagC in turn (--tag forces one tag).</summary>
internal static class Tag
{
    private static readonly string[] Tags = ["TagA", "TagB", "TagC"];

    public static async Task<int> Run(ExampleContext ctx)
    {
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "tag_producer"));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "TopicTest", 3,
            (i, msg) => ctx.Flags.Tag is null ? msg.WithTag(Tags[i % Tags.Length]) : msg);
        await producer.Shutdown();
        return code;
    }
}
