using System.Collections.Concurrent;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Consumer.Pull;

/// <summary>
/// Go: examples/consumer/pull/pull_from: the application keeps each queue's offset itself (Go's example in Redis,
/// here in memory), asks an admin client for the queues and runs one PullFrom(queue, offset, 1) loop per queue.
/// Stops after --count messages or --wait seconds without one.
/// </summary>
internal static class PullFrom
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PullExample.DefaultTopic);
        var tag = PullExample.Tag(ctx, "testPullFrom");
        var count = ctx.Flags.Count(10);
        var options = await PullExample.Options(ctx, "testPullFromGroup");
        await PullExample.SeedIfEmbedded(ctx, topic, tag, count);

        await using var consumer = Rocketmq.NewPullConsumer(options);
        consumer.Subscribe(topic, MessageSelector.ByTag(tag));
        await consumer.Start();

        await using var admin = Rocketmq.NewAdmin(AdminOptions.WithNameServer(await ctx.NameServerAsync()));
        var queues = await admin.FetchPublishMessageQueues(ctx.CancellationToken, topic);

        // Go: getOffset / ackOffset against Redis, "rmq-<group>-<topic>-<queueId>".
        var offsets = new ConcurrentDictionary<int, long>();
        var received = 0;
        var lastMessage = DateTime.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        var loops = queues.Select(async queue =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Volatile.Read(ref received) >= count || DateTime.UtcNow - lastMessage > PullExample.Idle(ctx))
                {
                    await stop.CancelAsync();
                    break;
                }

                var offset = offsets.GetOrAdd(queue.QueueId, 0);
                PullResult result;
                try
                {
                    // One message per pull, so each one is acknowledged on its own.
                    result = await consumer.PullFrom(queue, offset, 1, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (RocketMQException e)
                {
                    ctx.Info($"[pull error] queue={queue.QueueId} offset={offset}: {e.Message}");
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(static _ => { });
                    continue;
                }

                switch (result.Status)
                {
                    case PullStatus.PullFound:
                        foreach (var msg in result.GetMessageExts())
                        {
                            PullExample.Print(ctx, msg);
                        }

                        Interlocked.Add(ref received, result.GetMessageExts().Count);
                        lastMessage = DateTime.UtcNow;
                        offsets[queue.QueueId] = result.NextBeginOffset;
                        break;
                    case PullStatus.PullNoNewMsg:
                    case PullStatus.PullNoMsgMatched:
                    case PullStatus.PullOffsetIllegal:
                        offsets[queue.QueueId] = result.NextBeginOffset;
                        await Task.Delay(TimeSpan.FromMilliseconds(200), stop.Token).ContinueWith(static _ => { });
                        break;
                    default:
                        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(static _ => { });
                        break;
                }
            }
        }).ToArray();

        await Task.WhenAll(loops);
        ctx.Info($"pulled {received} messages");
        await consumer.Shutdown();
        return 0;
    }
}
