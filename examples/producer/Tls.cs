using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/tls: SendSync of ten messages over TLS. Against the embedded broker the certificate is made
/// at run time and trusted; against a real cluster see <see cref="TlsExample"/> for --tls-trust, --tls-server-name,
/// --tls-cert and --tls-key.
/// </summary>
internal static class Tls
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        if (ctx.Embedded)
        {
            await ctx.NameServerAsync(TlsExample.Serve);
        }

        await using var producer = Rocketmq.NewProducer(await ProducerExample.Options(ctx, "tls_producer", ProducerOptions.WithTls(true),
            ProducerOptions.WithRemotingOptions(TlsExample.Client(ctx))));
        await producer.Start();
        var code = await ProducerExample.SendEach(ctx, producer, "test", 10);
        await producer.Shutdown();
        return code;
    }
}
