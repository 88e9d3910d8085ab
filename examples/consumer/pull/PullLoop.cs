using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Consumer.Pull;

/// <summary>
/// Go: examples/consumer/pull/pull: subscribe, Start, persist offsets every 5 s in the background, and five pullers
/// calling Pull(1) and UpdateOffset after each message. Stops after --count distinct messages or --wait seconds
/// without one; a message seen twice (which Pull promises never happens) is counted apart and reported.
/// </summary>
internal static class PullLoop
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PullExample.DefaultTopic);
        var tag = PullExample.Tag(ctx, "testPull");
        var count = ctx.Flags.Count(10);
        var options = await PullExample.Options(ctx, "testPullGroup");
        await PullExample.SeedIfEmbedded(ctx, topic, tag, count);

        await using var consumer = Rocketmq.NewPullConsumer(options);
        consumer.Subscribe(topic, MessageSelector.ByTag(tag));
        await consumer.Start();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        var persist = PersistEvery(ctx, consumer, TimeSpan.FromSeconds(5), stop.Token);
        var seen = new ConcurrentDictionary<(string Broker, int Queue, long Offset), byte>();
        var received = 0;
        var duplicates = 0;
        var lastMessage = DateTime.UtcNow;
        var pullers = Enumerable.Range(0, 5).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Volatile.Read(ref received) >= count || DateTime.UtcNow - lastMessage > PullExample.Idle(ctx))
                {
                    await stop.CancelAsync();
                    break;
                }

                PullResult result;
                try
                {
                    result = await consumer.Pull(1, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (RocketMQException e)
                {
                    ctx.Info($"[pull error] {e.Message}");
                    await Task.Delay(TimeSpan.FromSeconds(1), stop.Token).ContinueWith(static _ => { });
                    continue;
                }

                switch (result.Status)
                {
                    case PullStatus.PullFound:
                        MessageQueue? queue = null;
                        foreach (var msg in result.GetMessageExts())
                        {
                            queue = msg.Queue;
                            if (!seen.TryAdd((msg.Queue?.BrokerName ?? "", msg.QueueId, msg.QueueOffset), 0))
                            {
                                Interlocked.Increment(ref duplicates);
                                ctx.Info($"[duplicate] queueId={msg.QueueId} offset={msg.QueueOffset} msgId={msg.MsgId}");
                                continue;
                            }

                            PullExample.Print(ctx, msg);
                            Interlocked.Increment(ref received);
                        }

                        lastMessage = DateTime.UtcNow;
                        if (queue is not null)
                        {
                            // Go's example moves the offset itself; with auto commit (the default) Pull did already,
                            // and an offset behind the current one (another puller got further) is ignored.
                            consumer.UpdateOffset(queue, result.NextBeginOffset);
                        }

                        break;
                    default:
                        // PullNoNewMsg, PullNoMsgMatched, PullOffsetIllegal: Go's example sleeps 1 s.
                        await Task.Delay(TimeSpan.FromMilliseconds(200), stop.Token).ContinueWith(static _ => { });
                        break;
                }
            }
        }).ToArray();

        await Task.WhenAll(pullers);
        await persist;
        ctx.Info($"pulled {received} messages, {duplicates} duplicates");
        await consumer.Shutdown();
        return duplicates == 0 ? 0 : 1;
    }

    private static async Task PersistEvery(ExampleContext ctx, IPullConsumer consumer, TimeSpan period, CancellationToken token)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                await consumer.PersistOffset(null, token);
            }
        }
        catch (OperationCanceledException)
        {
            // done
        }
        catch (RocketMQException e)
        {
            ctx.Info($"[pullConsumer.PersistOffset] err={e.Message}");
        }
    }
}
