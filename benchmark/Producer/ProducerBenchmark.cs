using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

using RocketMQ.Go.Port.Benchmark.Diagnostics;

namespace RocketMQ.Go.Port.Benchmark.Producer;

/// <summary>
/// The <c>producer</c> mode (Go: benchmark/producer.go): sends N messages in one mode and reports throughput,
/// latency percentiles, CPU and allocation per message. Messages are built before the clock starts, so the
/// allocation figure is the client's own work per send.
/// </summary>
internal static class ProducerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        ProducerBenchmarkOptions options;
        try
        {
            options = ProducerBenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(ProducerBenchmarkOptions.Usage);
            return 2;
        }

        BrokerProcess? child = null;
        EmbeddedCluster? inproc = null;
        var nameServer = options.NameServer;
        if (nameServer is null)
        {
            if (options.InProcess)
            {
                inproc = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions());
                nameServer = inproc.NameServerAddress;
            }
            else
            {
                child = await BrokerProcess.StartAsync(TimeSpan.FromSeconds(60));
                nameServer = child.NameServer;
            }
        }

        try
        {
            var brokerKind = child is null && inproc is null ? "external" : inproc is null ? "embedded (child process)" : "embedded (in process)";
            if (!options.AliOns)
            {
                var report = await MeasureAsync(options, nameServer);
                Print(options, nameServer, brokerKind, report);
                return report.Errors == 0 ? 0 : 1;
            }

            return await CompareWithAliOnsAsync(options, nameServer, brokerKind);
        }
        finally
        {
            if (child is not null)
            {
                await child.DisposeAsync();
            }

            if (inproc is not null)
            {
                await inproc.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Alternates this client and ali-ons against the same (warmed) broker for
    /// <see cref="ProducerBenchmarkOptions.Rounds"/> rounds, ali-ons first in every second round, and prints the median ratio.
    /// </summary>
    private static async Task<int> CompareWithAliOnsAsync(ProducerBenchmarkOptions options, string nameServer, string brokerKind)
    {
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var errors = 0L;

        // One unmeasured run first, so the first round's client does not meet a colder broker than the others.
        await MeasureAsync(options, nameServer);
        for (var round = 0; round < options.Rounds; round++)
        {
            if (!options.Json)
            {
                Console.WriteLine($"-- round {round + 1} of {options.Rounds}");
            }

            (double MsgsPerSec, double CpuUsPerMsg)? theirs = null;
            if (round % 2 == 1)
            {
                theirs = await AliOnsRunner.RunAsync(options, nameServer);
            }

            var report = await MeasureInChild(options, nameServer);
            Print(options, nameServer, brokerKind, report);
            errors += report.Errors;
            if (round % 2 == 0)
            {
                theirs = await AliOnsRunner.RunAsync(options, nameServer);
            }

            if (theirs is not { } t)
            {
                return 1;
            }

            ratios.Add(report.MsgsPerSec / t.MsgsPerSec);
            cpuRatios.Add(report.CpuUsPerMsg / t.CpuUsPerMsg);
        }

        var median = Median(ratios);
        var cpuMedian = Median(cpuRatios);
        var inv = CultureInfo.InvariantCulture;
        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                comparison = options.Mode, rounds = ratios.Count, medianRatio = Math.Round(median, 2), ratios = ratios.ConvertAll(r => Math.Round(r, 2)),
                medianCpuRatio = Math.Round(cpuMedian, 2), cpuRatios = cpuRatios.ConvertAll(r => Math.Round(r, 2)),
            }));
        }
        else
        {
            Console.WriteLine(string.Create(inv, $"this client / ali-ons ({options.Mode}): median {median:F2}x over {ratios.Count} rounds ({string.Join(", ", ratios.ConvertAll(r => r.ToString("F2", inv)))})"));
            Console.WriteLine(string.Create(inv, $"cpu per msg, this client / ali-ons ({options.Mode}): median {cpuMedian:F2}x ({string.Join(", ", cpuRatios.ConvertAll(r => r.ToString("F2", inv)))}; below 1 is less CPU)"));
        }

        return errors == 0 ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    // A round in a fresh process of this tool, as ali-ons' rounds are fresh node processes: both start cold (JIT,
    // connections), so neither side benefits from an earlier round.
    private static async Task<Report> MeasureInChild(ProducerBenchmarkOptions options, string nameServer)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] args =
        [
            "producer", "--nameserver", nameServer, "--topic", options.Topic,
            "--count", options.Count.ToString(inv), "--warmup", options.WarmupCount.ToString(inv), "--body-size", options.BodySize.ToString(inv),
            "--mode", options.Mode, "--inflight", options.InFlight.ToString(inv), "--senders", options.Senders.ToString(inv),
            "--batch-size", options.BatchSize.ToString(inv), "--retry", options.Retry.ToString(inv),
            "--serialize", options.BinaryHeaders ? "rocketmq" : "json", "--json",
        ];
        using var json = await ChildRound.RunAsync(options.Telemetry ? [.. args, "--telemetry"] : args);
        var r = json.RootElement;
        return new Report(
            Mode: r.GetProperty("mode").GetString()!,
            Messages: r.GetProperty("messages").GetInt64(),
            Errors: r.GetProperty("errors").GetInt32(),
            Seconds: r.GetProperty("seconds").GetDouble(),
            MsgsPerSec: r.GetProperty("msgsPerSec").GetDouble(),
            P50Ms: r.GetProperty("p50Ms").GetDouble(),
            P99Ms: r.GetProperty("p99Ms").GetDouble(),
            MaxMs: r.GetProperty("maxMs").GetDouble(),
            CpuUsPerMsg: r.GetProperty("cpuUsPerMsg").GetDouble(),
            JitUsPerMsg: r.GetProperty("jitUsPerMsg").GetDouble(),
            JitMethods: r.GetProperty("jitMethods").GetInt64(),
            BytesPerMsg: r.GetProperty("bytesAllocatedPerMsg").GetDouble(),
            Gen0Collections: r.GetProperty("gen0").GetInt32(),
            BodySize: r.GetProperty("bodySize").GetInt32(),
            InFlight: r.GetProperty("inflight").GetInt32());
    }

    private static async Task<Report> MeasureAsync(ProducerBenchmarkOptions options, string nameServer)
    {
        // Listening from before the producer starts, as an application's OpenTelemetry SDK would.
        using var telemetry = options.Telemetry ? new TelemetryListeners() : null;
        var producer = DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(nameServer),
            ProducerOptions.WithGroupName("benchmark_producer"),
            ProducerOptions.WithRetry(options.Retry),
            ProducerOptions.WithRemotingOptions(o => o.SerializeType = options.BinaryHeaders ? Remote.SerializeType.ROCKETMQ : Remote.SerializeType.JSON));
        await producer.Start();
        try
        {
            var perSend = options.Mode == "batch" ? options.BatchSize : 1;
            var body = new byte[options.BodySize];
            Random.Shared.NextBytes(body);

            // Route lookup and connections happen here, outside the measurement.
            await producer.SendSync(new Message(options.Topic, body));
            await RunAsync(producer, options, Build(options, body, options.WarmupCount / perSend, perSend), new long[Math.Max(1, options.WarmupCount / perSend)]);

            var sends = Math.Max(1, options.Count / perSend);
            var work = Build(options, body, sends, perSend);
            var latencies = new long[sends];
            await using var progress = options.Json ? null : new Progress($"producer {options.Mode}", latencies);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var profiler = options.AllocationTypes ? new AllocationProfiler() : null;
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gen0Before = GC.CollectionCount(0);
            profiler?.Start();
            var clock = Stopwatch.StartNew();
            var errors = await RunAsync(producer, options, work, latencies, progress);
            var elapsed = clock.Elapsed;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            profiler?.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore;
            var messages = (long)sends * perSend;
            if (profiler is not null)
            {
                foreach (var line in profiler.Report(allocated, messages))
                {
                    Console.WriteLine(line);
                }
            }

            Array.Sort(latencies);
            var histogram = options.Json ? null : LatencyHistogram.Count(latencies);
            return new Report(
                Mode: options.Mode,
                Messages: messages,
                Errors: errors,
                Seconds: elapsed.TotalSeconds,
                MsgsPerSec: messages / elapsed.TotalSeconds,
                P50Ms: Ms(latencies[(int)(latencies.Length * 0.50)]),
                P99Ms: Ms(latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]),
                MaxMs: Ms(latencies[^1]),
                CpuUsPerMsg: cpu.TotalMicroseconds / messages,
                JitUsPerMsg: jit.TotalMicroseconds / messages,
                JitMethods: jitMethods,
                BytesPerMsg: (double)allocated / messages,
                Gen0Collections: GC.CollectionCount(0) - gen0Before,
                BodySize: options.BodySize,
                InFlight: options.Mode == "sync" ? options.Senders : options.InFlight,
                Histogram: histogram,
                Spans: telemetry?.Spans,
                Measurements: telemetry?.Measurements);
        }
        finally
        {
            await producer.Shutdown();
        }
    }

    private static Message[][] Build(ProducerBenchmarkOptions options, byte[] body, int sends, int perSend)
    {
        var work = new Message[sends][];
        for (var i = 0; i < sends; i++)
        {
            var batch = new Message[perSend];
            for (var j = 0; j < perSend; j++)
            {
                batch[j] = new Message(options.Topic, body);
            }

            work[i] = batch;
        }

        return work;
    }

    /// <summary>Runs the sends with the mode's concurrency; returns the number of failed sends.</summary>
    private static async Task<int> RunAsync(DefaultProducer producer, ProducerBenchmarkOptions options, Message[][] work, long[] latencies, Progress? progress = null)
    {
        var workers = options.Mode == "sync" ? options.Senders : options.InFlight;
        var state = new RunState(producer, options.Mode, work, latencies);
        progress?.Start(() => Volatile.Read(ref state.Errors));
        var tasks = new Task[Math.Min(workers, Math.Max(1, work.Length))];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = WorkerAsync(state);
        }

        await Task.WhenAll(tasks);
        if (progress is not null)
        {
            await progress.StopAsync();
        }

        return state.Errors;
    }

    private static async Task WorkerAsync(RunState state)
    {
        await Task.Yield();
        var ctx = CallContext.Background;
        while (true)
        {
            var index = Interlocked.Increment(ref state.Next) - 1;
            if (index >= state.Work.Length)
            {
                return;
            }

            var msgs = state.Work[index];
            var start = Stopwatch.GetTimestamp();
            try
            {
                switch (state.Mode)
                {
                    case "sync":
                    case "batch":
                        await state.Producer.SendSync(ctx, msgs).ConfigureAwait(false);
                        break;
                    case "async":
                        await state.Producer.SendAsync(ctx, msgs).ConfigureAwait(false);
                        break;
                    default:
                        await state.Producer.SendOneWay(ctx, msgs).ConfigureAwait(false);
                        break;
                }
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref state.Errors) <= 5)
                {
                    Console.Error.WriteLine($"send failed: {e.GetType().Name}: {e.Message}");
                }
            }

            state.Latencies[index] = Stopwatch.GetTimestamp() - start;
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static void Print(ProducerBenchmarkOptions options, string nameServer, string broker, Report r)
    {
        if (options.Json)
        {
            var json = JsonSerializer.SerializeToNode(new
            {
                client = "RocketMQ.Go.Port",
                mode = r.Mode,
                messages = r.Messages,
                errors = r.Errors,
                seconds = Math.Round(r.Seconds, 3),
                msgsPerSec = Math.Round(r.MsgsPerSec),
                p50Ms = Math.Round(r.P50Ms, 3),
                p99Ms = Math.Round(r.P99Ms, 3),
                maxMs = Math.Round(r.MaxMs, 3),
                cpuUsPerMsg = Math.Round(r.CpuUsPerMsg, 2),
                jitUsPerMsg = Math.Round(r.JitUsPerMsg, 2),
                jitMethods = r.JitMethods,
                bytesAllocatedPerMsg = Math.Round(r.BytesPerMsg),
                gen0 = r.Gen0Collections,
                bodySize = r.BodySize,
                inflight = r.InFlight,
                broker,
                nameServer,
            })!.AsObject();
            if (r.Spans is { } spans)
            {
                json["telemetrySpans"] = spans;
                json["telemetryMeasurements"] = r.Measurements;
            }

            Console.WriteLine(json.ToJsonString());
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"producer {r.Mode}: {r.Messages} msgs of {r.BodySize} B, {r.InFlight} in flight, broker {broker} ({nameServer})"));
        Console.WriteLine(string.Create(inv, $"  throughput  {r.MsgsPerSec:F0} msgs/s ({r.Seconds:F2} s, {r.Errors} errors)"));
        Console.WriteLine(string.Create(inv, $"  latency     p50 {r.P50Ms:F3} ms  p99 {r.P99Ms:F3} ms  max {r.MaxMs:F3} ms"));
        Console.WriteLine(string.Create(inv, $"  cpu         {r.CpuUsPerMsg:F2} us/msg (this process; of it the JIT compiling {r.JitMethods} methods: {r.JitUsPerMsg:F2} us/msg)"));
        Console.WriteLine(string.Create(inv, $"  allocated   {r.BytesPerMsg:F0} bytes/msg ({r.Gen0Collections} gen0 GCs)"));
        Console.WriteLine(r.Spans is { } spanCount
            ? string.Create(inv, $"  telemetry   listened to: {spanCount} spans, {r.Measurements} metric measurements (warm-up included)")
            : "  telemetry   nobody listening");
        if (r.Histogram is { } histogram)
        {
            foreach (var line in LatencyHistogram.Lines(histogram))
            {
                Console.WriteLine(line);
            }
        }
    }

    private sealed class RunState(DefaultProducer producer, string mode, Message[][] work, long[] latencies)
    {
        public int Next;
        public int Errors;

        public DefaultProducer Producer { get; } = producer;

        public string Mode { get; } = mode;

        public Message[][] Work { get; } = work;

        public long[] Latencies { get; } = latencies;
    }

    internal sealed record Report(string Mode, long Messages, int Errors, double Seconds, double MsgsPerSec, double P50Ms, double P99Ms,
        double MaxMs, double CpuUsPerMsg, double JitUsPerMsg, long JitMethods, double BytesPerMsg, int Gen0Collections, int BodySize, int InFlight, long[]? Histogram = null,
        long? Spans = null, long? Measurements = null);
}
