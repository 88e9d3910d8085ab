using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 7: create, start and shut down a producer, a push consumer and a pull consumer, each many times.
/// Promise: threads, file descriptors, timers and the live heap come back to their baseline.
/// </summary>
internal static class Lifecycle
{
    /// <summary>Cycles of each client kind.</summary>
    public sealed record Size(int Cycles);

    public static readonly Size Full = new(1_000);

    public static readonly Size Short = new(300);

    public static async Task<Tally> RunAsync(Size size, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("lifecycle");
        await using var cluster = await EmbeddedCluster.StartAsync(ct: cancellationToken).ConfigureAwait(false);
        var ns = cluster.NameServerAddress;
        var topic = FaultKit.Unique("FaultLife");
        await cluster.CreateTopicAsync(topic, 2, cancellationToken).ConfigureAwait(false);
        var kinds = new (string Name, Func<int, Task> Cycle)[]
        {
            ("producer", async i =>
            {
                var producer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
                tally.Sending();
                await producer.SendSync(new Message(topic, FaultKit.Body("life-" + i))).ConfigureAwait(false);
                await producer.Shutdown().ConfigureAwait(false);
            }),
            ("push consumer", async _ =>
            {
                var consumer = FaultKit.NewConsumer(ns, "fault_life_push", topic, tally);
                await consumer.Start().ConfigureAwait(false);
                await consumer.Shutdown().ConfigureAwait(false);
            }),
            ("pull consumer", async _ =>
            {
                var consumer = PullConsumer.NewPullConsumer(ConsumerOptions.WithNameServer(ns), ConsumerOptions.WithGroupName("fault_life_pull"),
                    ConsumerOptions.WithInstance(FaultKit.Unique("fault_life")), ConsumerOptions.WithLoggerFactory(FaultKit.Logging));
                consumer.Subscribe(topic, MessageSelector.All);
                await consumer.Start().ConfigureAwait(false);
                await consumer.Shutdown().ConfigureAwait(false);
            }),
        };

        foreach (var (name, cycle) in kinds)
        {
            // Warm up once, so lazily created statics (pool threads, timers, caches) are in the baseline.
            await cycle(-1).ConfigureAwait(false);
            var before = await Settle(Snapshot.Take(), cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < size.Cycles; i++)
            {
                await cycle(i).ConfigureAwait(false);
            }

            var elapsed = clock.Elapsed;
            var after = await Settle(before, cancellationToken).ConfigureAwait(false);
            log?.Invoke($"lifecycle {name}: {size.Cycles} cycles in {elapsed.TotalSeconds:F1} s; {before} -> {after}");
            tally.Check(after.Threads <= before.Threads + 10, $"{name}: threads {before.Threads} -> {after.Threads}");
            tally.Check(after.Descriptors <= before.Descriptors + 10, $"{name}: file descriptors {before.Descriptors} -> {after.Descriptors}");
            tally.Check(after.Timers <= before.Timers + 5, $"{name}: timers {before.Timers} -> {after.Timers}");
            tally.Check(after.Heap <= before.Heap + (8 * 1024 * 1024), $"{name}: live heap {before.Heap / 1024} KiB -> {after.Heap / 1024} KiB");
        }

        return tally;
    }

    // Collects until the counts are back at the baseline, or none fell for a second (connections close and timers
    // end asynchronously after a shutdown returns), at most 10 s.
    private static async Task<Snapshot> Settle(Snapshot baseline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastFall = Stopwatch.StartNew();
        var now = Snapshot.Take();
        while (!now.AtMost(baseline) && lastFall.Elapsed < TimeSpan.FromSeconds(1) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            var next = Snapshot.Take();
            if (next.Threads < now.Threads || next.Descriptors < now.Descriptors || next.Timers < now.Timers)
            {
                lastFall.Restart();
            }

            now = next;
        }

        return now;
    }

    private readonly record struct Snapshot(int Threads, int Descriptors, long Timers, long Heap)
    {
        public static Snapshot Take()
        {
            using var process = Process.GetCurrentProcess();
            var descriptors = Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : 0;
            return new(process.Threads.Count, descriptors, Timer.ActiveCount, GC.GetTotalMemory(forceFullCollection: true));
        }

        public bool AtMost(Snapshot baseline)
            => Threads <= baseline.Threads && Descriptors <= baseline.Descriptors && Timers <= baseline.Timers && Heap <= baseline.Heap;

        public override string ToString() => $"threads {Threads}, fds {Descriptors}, timers {Timers}, heap {Heap / 1024} KiB";
    }
}
