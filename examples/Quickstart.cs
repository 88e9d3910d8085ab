using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Examples.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples;

/// <summary>
/// The README's first command: an embedded name server + broker in this process (or --nameserver), a producer and
/// a push consumer; sends --count messages (default 5), then consumes them, printing each send result and delivery. Exit code 0
/// only when every message arrived with the exact body sent.
/// </summary>
internal static class Quickstart
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic("QuickStart");
        var count = ctx.Flags.Count(5);
        var nameServer = await ctx.NameServerAsync();
        if (ctx.Cluster is { } cluster)
        {
            await cluster.CreateTopicAsync(topic, 4, ctx.CancellationToken);
            ctx.Info($"topic {topic} created with 4 queues on {string.Join(", ", cluster.BrokerNames)}");
        }

        var sent = new ConcurrentDictionary<string, string>();
        var received = new ConcurrentDictionary<string, string>();
        var allArrived = new PushExample.Counter(count);

        await using var producer = Rocketmq.NewProducer(
            ProducerOptions.WithNameServer(nameServer),
            ProducerOptions.WithGroupName("quickstart_producer"),
            ProducerOptions.WithRetry(2),
            ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
        await producer.Start();
        ctx.Info("producer started");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var body = $"Hello RocketMQ from .NET #{i}";
            var msg = new Message(topic, Encoding.UTF8.GetBytes(body)).WithTag("TagA").WithKeys(["quickstart-" + i]);
            var result = await producer.SendSync(ctx.Ctx, msg);
            sent[result.MsgID] = body;
            ctx.PrintResult(result);
        }

        await using var consumer = Rocketmq.NewPushConsumer(
            ConsumerOptions.WithNameServer(nameServer),
            ConsumerOptions.WithGroupName(ctx.Flags.Group("quickstart_consumer")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                var latency = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - msg.BornTimestamp;
                PushExample.Print(ctx, msg, $"latency={latency}ms");
                if (received.TryAdd(msg.MsgId, Encoding.UTF8.GetString(msg.Body)))
                {
                    allArrived.Add();
                }
            }

            return ConsumeResult.ConsumeSuccess;
        });
        // Started after the sends: against a real cluster the first send is what creates the topic (from TBW102).
        await consumer.Start();
        ctx.Info("push consumer started (group quickstart_consumer, every tag, from the first offset)");

        var timeout = TimeSpan.FromSeconds(ctx.Flags.Int("timeout", 30));
        var arrived = await Task.WhenAny(allArrived.Done, Task.Delay(timeout, ctx.CancellationToken)) == allArrived.Done;
        var elapsed = clock.Elapsed;

        await producer.Shutdown();
        await consumer.Shutdown();

        var intact = 0;
        foreach (var (id, body) in sent)
        {
            if (received.TryGetValue(id, out var got) && got == body)
            {
                intact++;
            }
        }

        var ok = arrived && intact == count;
        ctx.PrintObject(
            $"quickstart {(ok ? "OK" : "FAILED")}: sent {sent.Count}, received {received.Count}, intact {intact} of {count} in {elapsed.TotalMilliseconds:F0} ms",
            new { quickstart = ok ? "OK" : "FAILED", sent = sent.Count, received = received.Count, intact, elapsedMs = (long)elapsed.TotalMilliseconds });
        return ok ? 0 : 1;
    }
}
