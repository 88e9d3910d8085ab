using System.Text;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Consumer.Pull;

/// <summary>
/// What the pull consumer examples share: options from the common flags (Go's examples also set credentials and a
/// namespace; pass --access-key/--secret-key/--namespace for those), a few messages to read when running against
/// the embedded broker, and printing.
/// </summary>
internal static class PullExample
{
    /// <summary>Go's examples' topic.</summary>
    public const string DefaultTopic = "test-topic";

    /// <summary>Name server, group (--group or <paramref name="defaultGroup"/>), from the first offset, logging, ACL and namespace flags.</summary>
    public static async Task<ConsumerOption[]> Options(ExampleContext ctx, string defaultGroup, params ConsumerOption[] extra)
    {
        var options = new List<ConsumerOption>
        {
            ConsumerOptions.WithNameServer(await ctx.NameServerAsync()),
            ConsumerOptions.WithGroupName(ctx.Flags.Group(defaultGroup)),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithMaxReconsumeTimes(2),
            ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory),
        };
        if (ctx.Flags.Get("access-key") is { } ak && ctx.Flags.Get("secret-key") is { } sk)
        {
            options.Add(ConsumerOptions.WithCredentials(new Credentials(ak, sk)));
        }

        if (ctx.Flags.Get("namespace") is { } ns)
        {
            options.Add(ConsumerOptions.WithNamespace(ns));
        }

        options.AddRange(extra);
        return [.. options];
    }

    /// <summary>The tag to read: --tag, else the example's.</summary>
    public static string Tag(ExampleContext ctx, string fallback) => ctx.Flags.Tag ?? fallback;

    /// <summary>With the embedded broker: creates the topic and sends --count tagged messages, so there is something to read.</summary>
    public static async Task SeedIfEmbedded(ExampleContext ctx, string topic, string tag, int count)
    {
        if (!ctx.Embedded || ctx.Cluster is null)
        {
            return;
        }

        await ctx.Cluster.CreateTopicAsync(topic, 4, ctx.CancellationToken);
        await using var producer = Rocketmq.NewProducer(
            ProducerOptions.WithNameServer(ctx.Cluster.NameServerAddress),
            ProducerOptions.WithGroupName("pull_example_seeder"),
            ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
        await producer.Start();
        for (var i = 0; i < count; i++)
        {
            await producer.SendSync(ctx.Ctx, new Message(topic, ctx.Flags.Body(i)).WithTag(tag));
        }

        await producer.Shutdown();
        ctx.Info($"sent {count} messages tagged {tag} to {topic}");
    }

    /// <summary>Prints a message: Go's log line, or one JSON object with --json.</summary>
    public static void Print(ExampleContext ctx, MessageExt msg)
        => ctx.PrintObject(
            $"msg: topic={msg.Topic} queueId={msg.QueueId} offset={msg.QueueOffset} msgId={msg.MsgId} tags={msg.GetTags()} body={Encoding.UTF8.GetString(msg.Body)}",
            new
            {
                topic = msg.Topic,
                broker = msg.Queue?.BrokerName,
                queueId = msg.QueueId,
                queueOffset = msg.QueueOffset,
                msgId = msg.MsgId,
                tags = msg.GetTags(),
                reconsumeTimes = msg.ReconsumeTimes,
                body = Encoding.UTF8.GetString(msg.Body),
            });

    /// <summary>How long to go on without a message before stopping (--wait seconds; Go's examples run forever).</summary>
    public static TimeSpan Idle(ExampleContext ctx) => TimeSpan.FromSeconds(ctx.Flags.Int("wait", 10));

    /// <summary>Polls and ACKs until <paramref name="count"/> messages or <see cref="Idle"/> without one; returns how many came.</summary>
    public static async Task<int> PollLoop(ExampleContext ctx, IPullConsumer consumer, int count)
    {
        var received = 0;
        var idle = Idle(ctx);
        var lastMessage = DateTime.UtcNow;
        while (received < count && DateTime.UtcNow - lastMessage < idle)
        {
            // Go: Poll(ctx, 5 s) and IsNoNewMsgError; here null means nothing came in time.
            var request = await consumer.Poll(TimeSpan.FromSeconds(1), ctx.CancellationToken);
            if (request is null)
            {
                continue;
            }

            foreach (var msg in request.GetMsgList())
            {
                Print(ctx, msg);
            }

            received += request.GetMsgList().Count;
            lastMessage = DateTime.UtcNow;

            // consumer.ACK(request, ConsumeResult.ConsumeRetryLater) would send them back for a retry.
            await consumer.ACK(request, ConsumeResult.ConsumeSuccess, ctx.CancellationToken);
        }

        return received;
    }
}
