using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/acl: every request signed with --access-key / --secret-key (Go's example keys by default);
/// the embedded broker then requires exactly those keys.
/// </summary>
internal static class Acl
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var credentials = new Credentials(ctx.Flags.Get("access-key") ?? "RocketMQ", ctx.Flags.Get("secret-key") ?? "12345678");
        var options = await PushExample.Options(ctx, "testGroup",
            o =>
            {
                o.AclAccessKey = credentials.AccessKey;
                o.AclSecretKey = ctx.Flags.Get("broker-secret-key") ?? credentials.SecretKey;
            },
            ConsumerOptions.WithCredentials(credentials));
        await PushExample.SeedIfEmbedded(ctx, topic, count, credentials: credentials);
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
