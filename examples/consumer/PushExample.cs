using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// What the push consumer examples share: options from the common flags, messages to consume when running against
/// the embedded broker, printing, and the run loop that ends after --count messages or --timeout seconds (Go's
/// examples wait for Ctrl+C or an hour).
/// </summary>
internal static class PushExample
{
    /// <summary>Go's examples' topic.</summary>
    public const string DefaultTopic = "TopicTest";

    /// <summary>Name server (optionally starting the embedded one with <paramref name="cluster"/>), group, from the first offset, logging, then <paramref name="extra"/>.</summary>
    public static async Task<ConsumerOption[]> Options(ExampleContext ctx, string defaultGroup, Action<EmbeddedClusterOptions>? cluster = null, params ConsumerOption[] extra)
        => [
            ConsumerOptions.WithNameServer(await ctx.NameServerAsync(cluster)),
            ConsumerOptions.WithGroupName(ctx.Flags.Group(defaultGroup)),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory),
            .. extra,
        ];

    /// <summary>
    /// With the embedded broker: creates <paramref name="topic"/> and sends --count messages, each shaped by
    /// <paramref name="decorate"/> (a tag, a property, a delay level, a sharding key), so there is something to
    /// consume. With --nameserver nothing is sent: produce with the producer examples.
    /// </summary>
    public static async Task SeedIfEmbedded(ExampleContext ctx, string topic, int count, Func<int, Message, Message>? decorate = null, Credentials? credentials = null, string? ns = null)
    {
        if (!ctx.Embedded || ctx.Cluster is null)
        {
            return;
        }

        await ctx.Cluster.CreateTopicAsync(string.IsNullOrEmpty(ns) ? topic : ns + "%" + topic, 4, ctx.CancellationToken);
        var options = new List<ProducerOption>
        {
            ProducerOptions.WithNameServer(ctx.Cluster.NameServerAddress),
            ProducerOptions.WithGroupName("push_example_seeder"),
            ProducerOptions.WithLoggerFactory(ctx.LoggerFactory),
            ProducerOptions.WithQueueSelector(QueueSelectors.NewHashQueueSelector()),
        };
        if (credentials is not null)
        {
            options.Add(ProducerOptions.WithCredentials(credentials));
        }

        if (!string.IsNullOrEmpty(ns))
        {
            options.Add(ProducerOptions.WithNamespace(ns));
        }

        await using var producer = Rocketmq.NewProducer([.. options]);
        await producer.Start();
        for (var i = 0; i < count; i++)
        {
            var msg = new Message(topic, ctx.Flags.Body(i));
            if (ctx.Flags.Tag is { } tag)
            {
                msg.WithTag(tag);
            }

            if (ctx.Flags.Keys.Count > 0)
            {
                msg.WithKeys(ctx.Flags.Keys);
            }

            // Without a sharding key the hash selector spreads by the message index.
            msg.WithShardingKey("key-" + i);
            await producer.SendSync(ctx.Ctx, decorate?.Invoke(i, msg) ?? msg);
        }

        await producer.Shutdown();
        ctx.Info($"sent {count} messages to {topic}");
    }

    /// <summary>
    /// Starts <paramref name="consumer"/>, waits until <paramref name="done"/> completes (after --count messages) or
    /// --timeout seconds (default 30) pass, then shuts it down. Exit code 0 when done, 1 on timeout.
    /// </summary>
    public static async Task<int> RunUntilDone(ExampleContext ctx, IPushConsumer consumer, Task done)
    {
        await consumer.Start();
        ctx.Info("consumer started; waiting for messages");
        var timeout = TimeSpan.FromSeconds(ctx.Flags.Int("timeout", 30));
        var finished = await Task.WhenAny(done, Task.Delay(timeout, ctx.CancellationToken)) == done;
        await consumer.Shutdown();
        if (!finished)
        {
            ctx.Info($"timed out after {timeout.TotalSeconds:F0} s");
        }

        return finished ? 0 : 1;
    }

    /// <summary>Counts deliveries and completes once --count were seen.</summary>
    public sealed class Counter(int expected)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task Done => expected <= 0 ? Task.CompletedTask : _done.Task;

        public void Add(int n = 1)
        {
            if (Interlocked.Add(ref _count, n) >= expected)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>Prints a delivered message: Go's log line, or one JSON object with --json.</summary>
    public static void Print(ExampleContext ctx, MessageExt msg, string? note = null)
        => ctx.PrintObject(
            $"subscribe callback: topic={msg.Topic} tags={msg.GetTags()} keys={msg.GetKeys()} queueId={msg.QueueId} offset={msg.QueueOffset} reconsumeTimes={msg.ReconsumeTimes} msgId={msg.MsgId} body={Encoding.UTF8.GetString(msg.Body)}{(note is null ? string.Empty : " " + note)}",
            new
            {
                topic = msg.Topic,
                tags = msg.GetTags(),
                keys = msg.GetKeys(),
                body = Encoding.UTF8.GetString(msg.Body),
                msgId = msg.MsgId,
                queueId = msg.QueueId,
                queueOffset = msg.QueueOffset,
                reconsumeTimes = msg.ReconsumeTimes,
                bornTimestamp = msg.BornTimestamp,
            });
}
