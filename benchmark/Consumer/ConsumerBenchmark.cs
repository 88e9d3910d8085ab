using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RocketMQ.Go.Port.Benchmark.Producer;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

using RocketMQ.Go.Port.Benchmark.Diagnostics;

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

            // Rounds alternate between the clients, each in a new group over the same backlog, so a change in the
            // machine's load touches both; medians are reported.
            var ours = new List<Report>();
            var theirs = new List<double>();
            for (var round = 0; round < options.Rounds; round++)
            {
                var group = options.Rounds == 1 && !options.AliOns ? options.Group : $"{options.Group}_{round}";
                var rate = round == 0 ? options.Rate : 0;
                ours.Add(options.Rounds == 1 && !options.AliOns
                    ? await Measure(options, nameServer, producer, body, group, rate)
                    : await MeasureInChild(options, nameServer, group, rate));
                if (options.AliOns && await AliOnsConsumerRunner.RunAsync(options, nameServer, $"{options.Group}_alions_{round}") is { } msgsPerSec)
                {
                    theirs.Add(msgsPerSec);
                }
            }

            var median = ours.OrderBy(r => r.MsgsPerSec).ElementAt(ours.Count / 2) with
            {
                Rate = ours[0].Rate,
                LatencyP50Ms = ours[0].LatencyP50Ms,
                LatencyP99Ms = ours[0].LatencyP99Ms,
                LatencyMaxMs = ours[0].LatencyMaxMs,
                Histogram = ours[0].Histogram,
            };
            var theirMedian = theirs.Count == 0 ? (double?)null : theirs.Order().ElementAt(theirs.Count / 2);
            Print(options, nameServer, child is null ? "external" : "embedded (child process)", median, ours, theirs, theirMedian);
            return options.AliOns && theirMedian is null ? 1 : 0;
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

    private static async Task<Report> Measure(ConsumerBenchmarkOptions options, string nameServer, DefaultProducer producer, byte[] body, string group, int rate)
    {
        var state = new HandlerState(options.Count);
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(nameServer),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithConsumeGoroutineNums(options.Workers));
        consumer.Subscribe(options.Topic, MessageSelector.All, state.Handle);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var profiler = options.AllocationTypes ? new AllocationProfiler() : null;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        profiler?.Start();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var started = Stopwatch.GetTimestamp();
        var backlogProgress = options.Json ? null : new Progress("consumer backlog", "msgs", options.Count, () => (state.Count, null)).Start();
        await consumer.Start();
        await state.BacklogDone.Task.WaitAsync(TimeSpan.FromMinutes(10));
        if (backlogProgress is not null)
        {
            await backlogProgress.StopAsync();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        profiler?.Stop();
        if (profiler is not null)
        {
            foreach (var line in profiler.Report(allocated, options.Count))
            {
                Console.WriteLine(line);
            }
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var firstToLast = Stopwatch.GetElapsedTime(state.FirstTicks, state.LastTicks);
        var startToLast = Stopwatch.GetElapsedTime(started, state.LastTicks);

        double[] latencies = [];
        if (rate > 0)
        {
            state.StartLatency(options.RateCount);
            await using (options.Json ? null : new Progress($"consumer born->handler at {rate}/s", "msgs", options.RateCount, state.SampleLatency).Start())
            {
                await SendAtRate(producer, options.Topic, body, rate, options.RateCount);
                await state.LatencyDone.Task.WaitAsync(TimeSpan.FromMinutes(2));
            }

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
            Rate: rate,
            LatencyP50Ms: Percentile(latencies, 0.50),
            LatencyP99Ms: Percentile(latencies, 0.99),
            LatencyMaxMs: latencies.Length == 0 ? 0 : latencies[^1],
            Histogram: options.Json || latencies.Length == 0 ? null : LatencyHistogram.CountMs(latencies));
    }

    // A round in a fresh process of this tool, as ali-ons' rounds are fresh node processes: both start cold (JIT,
    // connections), so neither side benefits from an earlier round.
    private static async Task<Report> MeasureInChild(ConsumerBenchmarkOptions options, string nameServer, string group, int rate)
    {
        using var json = await ChildRound.RunAsync(
            "consumer", "--nameserver", nameServer, "--topic", options.Topic, "--group", group,
            "--count", Str(options.Count), "--body-size", Str(options.BodySize), "--no-fill", "--rate", Str(rate),
            "--rate-count", Str(options.RateCount), "--workers", Str(options.Workers), "--json");
        var r = json.RootElement;
        return new Report(
            Messages: r.GetProperty("messages").GetInt64(),
            MsgsPerSec: r.GetProperty("msgsPerSec").GetDouble(),
            StartToLastSeconds: r.GetProperty("startToLastSeconds").GetDouble(),
            CpuUsPerMsg: r.GetProperty("cpuUsPerMsg").GetDouble(),
            BytesPerMsg: r.GetProperty("bytesAllocatedPerMsg").GetDouble(),
            Gen0Collections: r.GetProperty("gen0").GetInt32(),
            Rate: r.GetProperty("rate").GetInt32(),
            LatencyP50Ms: r.GetProperty("latencyP50Ms").GetDouble(),
            LatencyP99Ms: r.GetProperty("latencyP99Ms").GetDouble(),
            LatencyMaxMs: r.GetProperty("latencyMaxMs").GetDouble());
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

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

    private static void Print(ConsumerBenchmarkOptions options, string nameServer, string broker, Report r, List<Report> rounds, List<double> aliOns, double? aliOnsMedian)
    {
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                client = "RocketMQ.Go.Port",
                messages = r.Messages,
                msgsPerSec = Math.Round(r.MsgsPerSec),
                roundsMsgsPerSec = rounds.Select(x => Math.Round(x.MsgsPerSec)),
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
                aliOnsMsgsPerSec = aliOnsMedian is { } a ? Math.Round(a) : (double?)null,
                aliOnsRoundsMsgsPerSec = aliOns.Select(x => Math.Round(x)),
                ratio = aliOnsMedian is { } b ? Math.Round(r.MsgsPerSec / b, 2) : (double?)null,
                broker,
                nameServer,
            }));
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"consumer: backlog of {r.Messages} msgs of {options.BodySize} B, empty handler, {options.Workers} workers, broker {broker} ({nameServer})"));
        Console.WriteLine(string.Create(inv, $"  throughput  {r.MsgsPerSec:F0} msgs/s (first to last message, median of {rounds.Count}: {string.Join(", ", rounds.Select(x => x.MsgsPerSec.ToString("F0", inv)))}; {r.StartToLastSeconds:F2} s from Start)"));
        Console.WriteLine(string.Create(inv, $"  cpu         {r.CpuUsPerMsg:F2} us/msg (this process)"));
        Console.WriteLine(string.Create(inv, $"  allocated   {r.BytesPerMsg:F0} bytes/msg ({r.Gen0Collections} gen0 GCs)"));
        if (r.Rate > 0)
        {
            Console.WriteLine(string.Create(inv, $"  born->handler at {r.Rate} msgs/s: p50 {r.LatencyP50Ms:F0} ms  p99 {r.LatencyP99Ms:F0} ms  max {r.LatencyMaxMs:F0} ms"));
            foreach (var line in LatencyHistogram.Lines(r.Histogram ?? [], "born -> handler, ms clock"))
            {
                Console.WriteLine(line);
            }
        }

        if (aliOnsMedian is { } theirs)
        {
            Console.WriteLine(string.Create(inv, $"ali-ons consumer: {theirs:F0} msgs/s (median of {aliOns.Count}: {string.Join(", ", aliOns.Select(x => x.ToString("F0", inv)))})"));
            Console.WriteLine(string.Create(inv, $"  this client / ali-ons = {r.MsgsPerSec / theirs:F2}x"));
        }
    }

    internal sealed record Report(long Messages, double MsgsPerSec, double StartToLastSeconds, double CpuUsPerMsg, double BytesPerMsg, int Gen0Collections,
        int Rate, double LatencyP50Ms, double LatencyP99Ms, double LatencyMaxMs, long[]? Histogram = null);

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

        public int Count => Volatile.Read(ref _count);

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

        /// <summary>For the progress line: latencies recorded so far and their p99 (ms).</summary>
        public (int Done, double? P99Ms) SampleLatency()
        {
            var sorted = Latencies();
            return sorted.Length == 0 ? (0, null) : (sorted.Length, sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
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
