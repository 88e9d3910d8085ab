using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Admin;

/// <summary>
/// Go: examples/admin/group: the consumer groups of each broker (GetAllSubscriptionGroup); then, beyond Go, the
/// progress of --group (default testGroup; on --topic only when given), its connected clients and their running info,
/// and with --reset-ms EPOCH_MS (or --reset-minutes N: N minutes back) a reset of its offsets on --topic. Against
/// the embedded broker a producer and a push consumer run first, so there is a group to look at.
/// </summary>
internal static class Group
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var group = ctx.Flags.Group("testGroup");
        var topic = ctx.Flags.Get("topic");
        await using var admin = await AdminExample.NewAdmin(ctx);
        await using var demo = ctx.Embedded ? await Demo.Start(ctx, group, topic ??= "TopicTest") : null;
        var failures = 0;

        try
        {
            var brokers = ctx.Flags.Get("broker") is { } one ? [one] : BrokerAddrs(await admin.GetBrokerClusterInfo(ctx.CancellationToken));
            foreach (var broker in brokers)
            {
                var groups = await admin.GetAllSubscriptionGroup(ctx.CancellationToken, broker, TimeSpan.FromSeconds(3));
                var names = groups.SubscriptionGroupTable.Keys.Order(StringComparer.Ordinal).ToList();
                ctx.PrintObject($"{broker}: {string.Join(' ', names)}", new { step = "groups", broker, groups = names });
            }
        }
        catch (RocketMQException e)
        {
            failures++;
            AdminExample.PrintError(ctx, "GetAllSubscriptionGroup", e);
        }

        failures += await Progress(ctx, admin, group, topic);
        failures += await Clients(ctx, admin, group);
        if (topic is not null && ResetTime(ctx) is { } at)
        {
            try
            {
                var offsets = await admin.ResetOffsetByTimestamp(ctx.CancellationToken, topic, group, at);
                ctx.PrintObject($"reset {group} on {topic} to {at:O}: {string.Join(' ', offsets.OrderBy(kv => kv.Key.ToString()).Select(kv => $"{kv.Key}={kv.Value}"))}",
                    new { step = "reset", group, topic, timestamp = at.ToUnixTimeMilliseconds(), offsets = offsets.Select(kv => new { broker = kv.Key.BrokerName, queueId = kv.Key.QueueId, offset = kv.Value }) });
                failures += await Progress(ctx, admin, group, topic);
            }
            catch (RocketMQException e)
            {
                failures++;
                AdminExample.PrintError(ctx, "ResetOffsetByTimestamp", e);
            }
        }

        await admin.Close();
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> Progress(ExampleContext ctx, IAdmin admin, string group, string? topic)
    {
        try
        {
            var progress = await admin.ConsumerProgress(ctx.CancellationToken, group, topic);
            ctx.Info($"{"#Topic",-24} {"#Broker",-12} {"#QID",4} {"#Broker Offset",14} {"#Consumer Offset",16} {"#Diff",8}");
            foreach (var q in progress.Queues)
            {
                ctx.Info($"{q.Queue.Topic,-24} {q.Queue.BrokerName,-12} {q.Queue.QueueId,4} {q.BrokerOffset,14} {q.ConsumerOffset,16} {q.Lag,8}");
            }

            ctx.PrintObject($"Consume TPS: {progress.ConsumeTps:0.##}  Diff Total: {progress.TotalLag}", new
            {
                step = "progress",
                group = progress.Group,
                totalLag = progress.TotalLag,
                consumeTps = progress.ConsumeTps,
                queues = progress.Queues.Select(q => new { topic = q.Queue.Topic, broker = q.Queue.BrokerName, queueId = q.Queue.QueueId, q.BrokerOffset, q.ConsumerOffset, q.Lag }),
            });
            return 0;
        }
        catch (RocketMQException e)
        {
            AdminExample.PrintError(ctx, "ConsumerProgress", e);
            return e is ConsumerNotOnlineException ? 0 : 1;
        }
    }

    private static async Task<int> Clients(ExampleContext ctx, IAdmin admin, string group)
    {
        ConsumerConnectionInfo connection;
        try
        {
            connection = await admin.ExamineConsumerConnectionInfo(ctx.CancellationToken, group);
        }
        catch (ConsumerNotOnlineException e)
        {
            AdminExample.PrintError(ctx, "ExamineConsumerConnectionInfo", e);
            return 0;
        }
        catch (RocketMQException e)
        {
            AdminExample.PrintError(ctx, "ExamineConsumerConnectionInfo", e);
            return 1;
        }

        foreach (var client in connection.Connections)
        {
            try
            {
                var info = await admin.ConsumerRunningInfo(ctx.CancellationToken, group, client.ClientId);
                ctx.PrintObject($"{client.ClientId} {client.Language} {client.ClientAddr}: {info.ConsumeType}, {info.Queues.Count} queues, subscriptions {string.Join(' ', info.Subscriptions.Keys)}",
                    new { step = "client", clientId = client.ClientId, language = client.Language, addr = client.ClientAddr, consumeType = info.ConsumeType, queues = info.Queues.Count, subscriptions = info.Subscriptions.Keys });
            }
            catch (RocketMQException e)
            {
                AdminExample.PrintError(ctx, "ConsumerRunningInfo", e);
            }
        }

        return 0;
    }

    private static DateTimeOffset? ResetTime(ExampleContext ctx)
        => ctx.Flags.Get("reset-ms") is not null ? DateTimeOffset.FromUnixTimeMilliseconds(ctx.Flags.Int("reset-ms", 0))
            : ctx.Flags.Get("reset-minutes") is not null ? DateTimeOffset.UtcNow.AddMinutes(-ctx.Flags.Int("reset-minutes", 0))
            : null;

    private static List<string> BrokerAddrs(BrokerClusterInfo info)
        => [.. info.Brokers.Values.Select(b => b.MasterAddr).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>A producer and a push consumer of the group on the embedded broker, so the admin calls have a subject.</summary>
    private sealed class Demo(IProducer producer, IPushConsumer consumer) : IAsyncDisposable
    {
        public static async Task<Demo> Start(ExampleContext ctx, string group, string topic)
        {
            var nameServer = await ctx.NameServerAsync();
            var producer = Rocketmq.NewProducer(ProducerOptions.WithNameServer(nameServer), ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
            await producer.Start();
            var count = ctx.Flags.Count(10);
            for (var i = 0; i < count; i++)
            {
                await producer.SendSync(ctx.Ctx, new Message(topic, ctx.Flags.Body(i)));
            }

            var consumed = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var consumer = Rocketmq.NewPushConsumer(ConsumerOptions.WithNameServer(nameServer), ConsumerOptions.WithGroupName(group),
                ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory));
            consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
            {
                if (Interlocked.Add(ref consumed, msgs.Count) >= count)
                {
                    done.TrySetResult();
                }

                return ConsumeResult.ConsumeSuccess;
            });
            await consumer.Start();
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30), ctx.CancellationToken);
            ctx.Info($"demo: produced and consumed {count} messages of {topic} in group {group}; waiting for the consumer to commit its offsets");

            // A push consumer commits offsets in the background (first after 10 s, then every 5 s, as Go).
            await using (var admin = await AdminExample.NewAdmin(ctx))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < TimeSpan.FromSeconds(20) && await LagOf(admin, ctx, group, topic) != 0)
                {
                    await Task.Delay(500, ctx.CancellationToken);
                }
            }

            return new Demo(producer, consumer);
        }

        private static async Task<long> LagOf(IAdmin admin, ExampleContext ctx, string group, string topic)
        {
            try
            {
                return (await admin.ConsumerProgress(ctx.CancellationToken, group, topic)).TotalLag;
            }
            catch (RocketMQException)
            {
                return -1;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await consumer.Shutdown();
            await producer.Shutdown();
        }
    }
}
