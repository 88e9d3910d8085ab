using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>What the producer examples share: options from the common flags, messages, the send loop.</summary>
internal static class ProducerExample
{
    /// <summary>Name server, group (--group or <paramref name="defaultGroup"/>), logging, then <paramref name="extra"/>.</summary>
    public static async Task<ProducerOption[]> Options(ExampleContext ctx, string defaultGroup, params ProducerOption[] extra)
        => [
            ProducerOptions.WithNameServer(await ctx.NameServerAsync()),
            ProducerOptions.WithGroupName(ctx.Flags.Group(defaultGroup)),
            ProducerOptions.WithRetry(2),
            ProducerOptions.WithLoggerFactory(ctx.LoggerFactory),
            .. extra,
        ];

    /// <summary>Message <paramref name="i"/> for <paramref name="topic"/> with --tag and --keys applied.</summary>
    public static Message Message(ExampleContext ctx, string topic, int i, string text = "Hello RocketMQ Go Client!")
    {
        var msg = new Message(topic, ctx.Flags.Body(i, text));
        if (ctx.Flags.Tag is { } tag)
        {
            msg.WithTag(tag);
        }

        if (ctx.Flags.Keys.Count > 0)
        {
            msg.WithKeys(ctx.Flags.Keys);
        }

        return msg;
    }

    /// <summary>SendSync of --count messages, printing each result; exit code 1 when any failed.</summary>
    public static async Task<int> SendEach(ExampleContext ctx, IProducer producer, string defaultTopic, int defaultCount, Func<int, Message, Message>? decorate = null)
    {
        var topic = ctx.Flags.Topic(defaultTopic);
        var failures = 0;
        for (var i = 0; i < ctx.Flags.Count(defaultCount); i++)
        {
            var msg = Message(ctx, topic, i);
            try
            {
                ctx.PrintResult(await producer.SendSync(ctx.Ctx, decorate?.Invoke(i, msg) ?? msg));
            }
            catch (Exception e) when (e is RocketMQException or ArgumentException)
            {
                failures++;
                ctx.PrintError(e);
            }
        }

        return failures == 0 ? 0 : 1;
    }
}
