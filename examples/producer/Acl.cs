using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/acl: requests signed with --access-key / --secret-key (Go's example keys by default). The
/// embedded broker then requires exactly those keys (--broker-secret-key sets a different one to see a refusal).
/// </summary>
internal static class Acl
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var accessKey = ctx.Flags.Get("access-key") ?? "RocketMQ";
        var secretKey = ctx.Flags.Get("secret-key") ?? "12345678";
        await ctx.NameServerAsync(o =>
        {
            o.AclAccessKey = accessKey;
            o.AclSecretKey = ctx.Flags.Get("broker-secret-key") ?? secretKey;
        });
        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "acl_producer",
            ProducerOptions.WithCredentials(new Credentials(accessKey, secretKey))));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10);
        await producer.Shutdown();
        return code;
    }
}
