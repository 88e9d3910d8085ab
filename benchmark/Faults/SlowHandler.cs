using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 5: a backlog of 1 KiB messages and a handler that takes 5 ms per message. Promise: the client's cache,
/// live heap and working set, sampled every second, stay within what the flow-control thresholds allow however
/// large the backlog; nothing is lost. The broker runs in a child process, so this process's memory is the client's.
/// </summary>
internal static class SlowHandler
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(int Messages);

    public static readonly Size Full = new(50_000);

    public static readonly Size Short = new(16_000);

    private const int BodySize = 1024;
    private const int Queues = 8;
    private const int PullBatch = 32;
    private const int TopicThresholdMiB = 4;
    private const long MiB = 1024 * 1024;

    public static async Task<Tally> RunAsync(Size size, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("slow-handler");
        var store = Path.Combine(Path.GetTempPath(), FaultKit.Unique("fault-slow"));
        try
        {
            await using var node = await BrokerNode.StartAsync(store, cancellationToken).ConfigureAwait(false);
            var topic = FaultKit.Unique("FaultSlow");
            var producer = await FaultKit.StartProducer(node.NameServer, ProducerOptions.WithDefaultTopicQueueNums(Queues)).ConfigureAwait(false);
            try
            {
                await FaultKit.SendStream(producer, topic, tally, size.Messages, 8, TimeSpan.Zero, "slow", cancellationToken: cancellationToken, bodySize: BodySize).ConfigureAwait(false);
            }
            finally
            {
                await producer.Shutdown().ConfigureAwait(false);
            }

            var baseHeap = GC.GetTotalMemory(forceFullCollection: true);
            var baseWorkingSet = WorkingSet();
            var consumer = PushConsumer.NewPushConsumer(
                ConsumerOptions.WithNameServer(node.NameServer),
                ConsumerOptions.WithGroupName(FaultKit.Unique("fault_slow_cg")),
                ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
                ConsumerOptions.WithPullBatchSize(PullBatch),
                ConsumerOptions.WithPullThresholdSizeForTopic(TopicThresholdMiB),
                ConsumerOptions.WithLoggerFactory(FaultKit.Logging));
            consumer.Subscribe(topic, MessageSelector.All, async (_, msgs) =>
            {
                foreach (var msg in msgs)
                {
                    await Task.Delay(5).ConfigureAwait(false);
                    tally.Consume(FaultKit.Key(msg));
                }

                return ConsumeResult.ConsumeSuccess;
            });

            // What the thresholds allow: the topic's cache stops pulling above its size threshold (whole MiB), and each
            // queue's pull already in flight may land one more batch on top.
            var cacheBound = ((TopicThresholdMiB + 1) * MiB) + (Queues * PullBatch * BodySize);
            long maxCache = 0, maxHeap = 0, maxWorkingSet = 0;
            var clock = Stopwatch.StartNew();
            try
            {
                await consumer.Start().ConfigureAwait(false);
                while (tally.ConsumedDistinct < tally.Acknowledged && clock.Elapsed < TimeSpan.FromMinutes(10))
                {
                    await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                    maxCache = Math.Max(maxCache, consumer.ProcessQueueTable.Values.Sum(pq => pq.CachedMsgSize));
                    maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(forceFullCollection: true) - baseHeap);
                    maxWorkingSet = Math.Max(maxWorkingSet, WorkingSet() - baseWorkingSet);
                }
            }
            finally
            {
                await consumer.Shutdown().ConfigureAwait(false);
            }

            // A cached message costs about twice its body (the message object, its properties, the decode buffers);
            // 16 MiB covers the client's own working memory. Without flow control the backlog alone would need
            // about 2 KiB x messages.
            var heapBound = (2 * cacheBound) + (16 * MiB);
            var workingSetBound = heapBound + (64 * MiB);
            log?.Invoke($"slow-handler: {size.Messages} x {BodySize} B in {clock.Elapsed.TotalSeconds:F1} s; max cache {maxCache / 1024} KiB (bound {cacheBound / 1024}), live heap +{maxHeap / 1024} KiB (bound {heapBound / 1024}), working set +{maxWorkingSet / 1024} KiB (bound {workingSetBound / 1024}); unbounded the backlog would take ~{2L * BodySize * size.Messages / 1024} KiB");
            tally.Check(tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed");
            tally.Check(maxCache <= cacheBound, $"the cache reached {maxCache / 1024} KiB, above the {cacheBound / 1024} KiB the thresholds allow");
            tally.Check(maxHeap <= heapBound, $"the live heap grew by {maxHeap / 1024} KiB, above {heapBound / 1024} KiB");
            tally.Check(maxWorkingSet <= workingSetBound, $"the working set grew by {maxWorkingSet / 1024} KiB, above {workingSetBound / 1024} KiB");
            return tally;
        }
        finally
        {
            try
            {
                Directory.Delete(store, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
