using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RocketMQ.Go.Port.Benchmark.Producer;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Benchmark.Consumer;

/// <summary>
/// <c>benchmark consumer</c>: how fast a push consumer with an empty handler drains a backlog (msgs/s, CPU and
/// allocations per message), then born-to-handler latency while messages arrive at a fixed rate.
/// </summary>
internal static class ConsumerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ConsumerBenchmarkOptions options;
        try
        {
            options = ConsumerBenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            if (e.Message != "help")
            {
                Console.Error.WriteLine(e.Message);
            }

            Console.Error.WriteLine(ConsumerBenchmarkOptions.Usage);
            return e.Message == "help" ? 0 : 2;
        }

        BrokerProcess? child = null;
        var nameServer = options.NameServer;
        if (nameServer is null)
        {
            child = await BrokerProcess.StartAsync(TimeSpan.FromSeconds(60));
            nameServer = child.NameServer;
        }

        try
        {
            await using var producer = DefaultProducer.NewDefaultProducer(
                ProducerOptions.WithNameServer(nameServer), ProducerOptions.WithGroupName("benchmark_consumer_filler"));
            await producer.Start();
            var body = new byte[options.BodySize];
            Random.Shared.NextBytes(body);
            if (options.Fill)
            {
                await Fill(producer, options.Topic, body, options.Count);
            }

            var report = await Measure(options, nameServer, producer, body);
            Print(options, nameServer, child is null ? "external" : "embedded (child process)", report);
            if (options.AliOns)
            {
                return await AliOnsConsumerRunner.RunAsync(options, nameServer, report.MsgsPerSec) ? 0 : 1;
            }

            return 0;
        }
        finally
        {
            if (child is not null)
            {
                await child.DisposeAsync();
            }
        }
    }

    // The backlog: async sends, a few hundred in flight.
    private static async Task Fill(DefaultProducer producer, string topic, byte[] body, int count)
    {
        await producer.SendSync(new Message(topic, body)); // creates the topic (TBW102) and the route
        var next = 1;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                await producer.SendAsync(CallContext.Background, new Message(topic, body));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 256).Select(_ => Worker()));
    }

    private static async Task<Report> Measure(ConsumerBenchmarkOptions options, string nameServer, DefaultProducer producer, byte[] body)
    {
        var state = new HandlerState(options.Count);
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(nameServer),
            ConsumerOptions.WithGroupName(options.Group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithConsumeGoroutineNums(options.Workers));
        consumer.Subscribe(options.Topic, MessageSelector.All, state.Handle);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var started = Stopwatch.GetTimestamp();
        await consumer.Start();
        await state.BacklogDone.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var firstToLast = Stopwatch.GetElapsedTime(state.FirstTicks, state.LastTicks);
        var startToLast = Stopwatch.GetElapsedTime(started, state.LastTicks);

        double[] latencies = [];
        if (options.Rate > 0)
        {
            state.StartLatency(options.RateCount);
            await SendAtRate(producer, options.Topic, body, options.Rate, options.RateCount);
            await state.LatencyDone.Task.WaitAsync(TimeSpan.FromMinutes(2));
            latencies = state.Latencies();
        }

        await consumer.Shutdown();
        return new Report(
            Messages: options.Count,
            MsgsPerSec: (options.Count - 1) / firstToLast.TotalSeconds,
            StartToLastSeconds: startToLast.TotalSeconds,
            CpuUsPerMsg: cpu.TotalMicroseconds / options.Count,
            BytesPerMsg: (double)allocated / options.Count,
            Gen0Collections: gen0,
            Rate: options.Rate,
            LatencyP50Ms: Percentile(latencies, 0.50),
            LatencyP99Ms: Percentile(latencies, 0.99),
            LatencyMaxMs: latencies.Length == 0 ? 0 : latencies[^1]);
    }

    // Sends at a fixed rate on a schedule, so a slow send does not lower the rate of the rest.
    private static async Task SendAtRate(DefaultProducer producer, string topic, byte[] body, int rate, int count)
    {
        var start = Stopwatch.GetTimestamp();
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            pending.Add(producer.SendAsync(CallContext.Background, new Message(topic, body)));
        }

        await Task.WhenAll(pending);
    }

    private static double Percentile(double[] sorted, double q)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];

    private static void Print(ConsumerBenchmarkOptions options, string nameServer, string broker, Report r)
    {
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                client = "RocketMQ.Go.Port",
                messages = r.Messages,
                msgsPerSec = Math.Round(r.MsgsPerSec),
                startToLastSeconds = Math.Round(r.StartToLastSeconds, 3),
                cpuUsPerMsg = Math.Round(r.CpuUsPerMsg, 2),
                bytesAllocatedPerMsg = Math.Round(r.BytesPerMsg),
                gen0 = r.Gen0Collections,
                rate = r.Rate,
                latencyP50Ms = r.LatencyP50Ms,
                latencyP99Ms = r.LatencyP99Ms,
                latencyMaxMs = r.LatencyMaxMs,
                bodySize = options.BodySize,
                workers = options.Workers,
                broker,
                nameServer,
            }));
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"consumer: backlog of {r.Messages} msgs of {options.BodySize} B, empty handler, {options.Workers} workers, broker {broker} ({nameServer})"));
        Console.WriteLine(string.Create(inv, $"  throughput  {r.MsgsPerSec:F0} msgs/s (first to last message; {r.StartToLastSeconds:F2} s from Start)"));
        Console.WriteLine(string.Create(inv, $"  cpu         {r.CpuUsPerMsg:F2} us/msg (this process)"));
        Console.WriteLine(string.Create(inv, $"  allocated   {r.BytesPerMsg:F0} bytes/msg ({r.Gen0Collections} gen0 GCs)"));
        if (r.Rate > 0)
        {
            Console.WriteLine(string.Create(inv, $"  born->handler at {r.Rate} msgs/s: p50 {r.LatencyP50Ms:F0} ms  p99 {r.LatencyP99Ms:F0} ms  max {r.LatencyMaxMs:F0} ms"));
        }
    }

    internal sealed record Report(long Messages, double MsgsPerSec, double StartToLastSeconds, double CpuUsPerMsg, double BytesPerMsg, int Gen0Collections,
        int Rate, double LatencyP50Ms, double LatencyP99Ms, double LatencyMaxMs);

    /// <summary>The empty handler: counts, and in the latency phase records now - born (ms, the born timestamp's unit).</summary>
    private sealed class HandlerState(int backlog)
    {
        private long[] _latencies = [];
        private int _latencyCount;
        private int _latencyExpected;
        private int _count;
        private volatile bool _measuringLatency;

        public TaskCompletionSource BacklogDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource LatencyDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long FirstTicks { get; private set; }

        public long LastTicks { get; private set; }

        public ConsumeResult Handle(CallContext ctx, IReadOnlyList<MessageExt> msgs)
        {
            if (_measuringLatency)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                foreach (var msg in msgs)
                {
                    var i = Interlocked.Increment(ref _latencyCount) - 1;
                    if (i < _latencies.Length)
                    {
                        _latencies[i] = now - msg.BornTimestamp;
                    }

                    if (i + 1 == _latencyExpected)
                    {
                        LatencyDone.TrySetResult();
                    }
                }

                return ConsumeResult.ConsumeSuccess;
            }

            var count = Interlocked.Add(ref _count, msgs.Count);
            if (count == msgs.Count)
            {
                FirstTicks = Stopwatch.GetTimestamp();
            }

            if (count >= backlog && count - msgs.Count < backlog)
            {
                LastTicks = Stopwatch.GetTimestamp();
                BacklogDone.TrySetResult();
            }

            return ConsumeResult.ConsumeSuccess;
        }

        public void StartLatency(int expected)
        {
            _latencies = new long[expected];
            _latencyExpected = expected;
            _measuringLatency = true;
        }

        public double[] Latencies()
        {
            var n = Math.Min(Volatile.Read(ref _latencyCount), _latencies.Length);
            var values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = _latencies[i];
            }

            Array.Sort(values);
            return values;
        }
    }
}
