using System.Text;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/rpc: the replying side of request-reply. A push consumer of RequestTopic answers every
/// request with <c>MessageUtil.CreateReplyMessage</c> (Go: <c>consumer.CreateReplyMessage</c>), sent by a producer;
/// the broker pushes the reply to the requesting client. With the embedded broker, --count requests (default 3) are
/// sent in-process and their replies printed; with --nameserver it replies until --count requests were answered or
/// --timeout seconds pass (requests come from producer/rpc).
/// </summary>
internal static class Rpc
{
    /// <summary>Go's topic.</summary>
    public const string DefaultTopic = "RequestTopic";

    /// <summary>Go's group, for both the reply producer and the consumer.</summary>
    public const string DefaultGroup = "please_rename_unique_group_name";

    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(DefaultTopic);
        var count = ctx.Flags.Count(ctx.Embedded ? 3 : 1);
        var replies = new PushExample.Counter(count);
        await using var replier = await Replier.StartAsync(ctx, topic, ctx.Flags.Group(DefaultGroup), replies.Add);
        if (!ctx.Embedded)
        {
            ctx.Info("Consumer Started.");
            var timeout = TimeSpan.FromSeconds(ctx.Flags.Int("timeout", 30));
            var answered = await Task.WhenAny(replies.Done, Task.Delay(timeout, ctx.CancellationToken)) == replies.Done;
            return answered ? 0 : 1;
        }

        // Nothing sends requests to an embedded broker but this process: be the requester too.
        await using var requester = Rocketmq.NewProducer(
            ProducerOptions.WithNameServer(await ctx.NameServerAsync()),
            ProducerOptions.WithGroupName("rpc_requester"),
            ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
        await requester.Start();
        var failures = 0;
        for (var i = 0; i < count; i++)
        {
            try
            {
                var reply = await requester.Request(ctx.Ctx, TimeSpan.FromMilliseconds(ctx.Flags.Int("ttl", 5000)), new Message(topic, ctx.Flags.Body(i, "Hello RPC RocketMQ Go Client!")));
                var body = Encoding.UTF8.GetString(reply.Body);
                ctx.PrintObject($"requester got reply: {body}", new { status = "REPLY", body });
            }
            catch (RocketMQException e)
            {
                failures++;
                ctx.PrintError(e);
            }
        }

        await requester.Shutdown();
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A push consumer answering each request of a topic through its own producer.</summary>
    internal sealed class Replier : IAsyncDisposable
    {
        private readonly IProducer _producer;
        private readonly IPushConsumer _consumer;

        private Replier(IProducer producer, IPushConsumer consumer)
        {
            _producer = producer;
            _consumer = consumer;
        }

        /// <summary>
        /// Starts the replier on <paramref name="topic"/> (producer and consumer of <paramref name="group"/>); <paramref name="replied"/> runs after each reply was sent.
        /// With the embedded broker the topic is created first and consumed from its first offset, so a request sent
        /// before the consumer owns its queues is still answered (Go consumes from the last offset).
        /// </summary>
        public static async Task<Replier> StartAsync(ExampleContext ctx, string topic, string group, Action<int>? replied = null)
        {
            var nameServer = await ctx.NameServerAsync();
            if (ctx.Cluster is { } cluster)
            {
                await cluster.CreateTopicAsync(topic, 4, ctx.CancellationToken);
            }

            var producer = Rocketmq.NewProducer(
                ProducerOptions.WithNameServer(nameServer),
                ProducerOptions.WithGroupName(group),
                ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
            await producer.Start();
            var consumer = Rocketmq.NewPushConsumer(
                ConsumerOptions.WithNameServer(nameServer),
                ConsumerOptions.WithGroupName(group),
                ConsumerOptions.WithConsumeFromWhere(ctx.Embedded ? ConsumeFromWhere.ConsumeFromFirstOffset : ConsumeFromWhere.ConsumeFromLastOffset),
                ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory));
            consumer.Subscribe(topic, MessageSelector.All, async (callCtx, msgs) =>
            {
                foreach (var msg in msgs)
                {
                    ctx.Info($"handle message: topic={msg.Topic} msgId={msg.MsgId} body={Encoding.UTF8.GetString(msg.Body)}");
                    Message reply;
                    try
                    {
                        reply = MessageUtil.CreateReplyMessage(msg, Encoding.UTF8.GetBytes("reply message contents."));
                    }
                    catch (MQClientException e)
                    {
                        // Not a request (no CLUSTER property): nothing to answer.
                        ctx.Info($"create reply message err: {e.Message}");
                        continue;
                    }

                    try
                    {
                        var result = await producer.SendSync(callCtx, reply);
                        ctx.Info($"reply to {MessageUtil.GetReplyToClient(msg)} , {result}");
                        replied?.Invoke(1);
                    }
                    catch (RocketMQException e)
                    {
                        // The requester may be gone (timed out, shut down): the broker says so; the request is done.
                        ctx.Info($"send reply error: {e.Message}");
                    }
                }

                return ConsumeResult.ConsumeSuccess;
            });
            await consumer.Start();
            return new Replier(producer, consumer);
        }

        public async ValueTask DisposeAsync()
        {
            await _consumer.Shutdown();
            await _producer.Shutdown();
        }
    }
}
