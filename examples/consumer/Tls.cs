using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/tls: a push consumer over TLS printing each message of "test". Against the embedded broker,
/// which then speaks TLS only, --count messages are first sent over TLS too.
/// </summary>
internal static class Tls
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic("test");
        var count = ctx.Flags.Count(10);
        var tls = TlsExample.Client(ctx);
        var options = await PushExample.Options(ctx, "testGroup", TlsExample.Serve, ConsumerOptions.WithTls(true), ConsumerOptions.WithRemotingOptions(tls));
        if (ctx.Embedded && ctx.Cluster is { } cluster)
        {
            await cluster.CreateTopicAsync(topic, 4, ctx.CancellationToken);
            await using var seeder = Rocketmq.NewProducer(
                ProducerOptions.WithNameServer(cluster.NameServerAddress), ProducerOptions.WithGroupName("tls_example_seeder"),
                ProducerOptions.WithLoggerFactory(ctx.LoggerFactory), ProducerOptions.WithTls(true), ProducerOptions.WithRemotingOptions(tls));
            await seeder.Start();
            for (var i = 0; i < count; i++)
            {
                await seeder.SendSync(ctx.Ctx, new Message(topic, ctx.Flags.Body(i)));
            }

            await seeder.Shutdown();
        }

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
