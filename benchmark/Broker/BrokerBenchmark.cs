using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Benchmark.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Benchmark.Broker;

/// <summary>
/// <c>benchmark broker</c>: an in-process <see cref="EmbeddedCluster"/> measured from one remote client.
/// Part 1 sends SEND_MESSAGE_V2 requests (short header names, as the Java and Go producers write them) over one
/// <see cref="RemotingClient"/> with up to --inflight outstanding, and reports messages/s, send latency, CPU and
/// allocation per message (process-wide: client and broker share the process, as they share the machine).
/// Part 2 measures long-poll wake-up: a pull held on an empty queue, then one message appended straight into the
/// broker's store; the time is taken from just before the append to the moment the client holds the pull's
/// response, so it includes the response's write, the loopback hop and the client's decode (an upper bound of
/// "append to response written"); the time to the answer being queued on the connection is reported beside it.
/// </summary>
internal static class BrokerBenchmark
{
    private const string Topic = "BenchTopic";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Options.Usage);
            return 2;
        }

        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions());
        await cluster.CreateTopicAsync(Topic, 4);
        await using var client = new RemotingClient();
        var broker = cluster.BrokerAddresses[0];
        var body = new byte[options.BodySize];
        Random.Shared.NextBytes(body);

        // Warm-up: JIT tiers and PGO settle, pools fill; not measured.
        await SendAllAsync(client, broker, body, options.Warmup, options.Inflight, null);
        var send = await MeasureSendsAsync(client, broker, body, options);
        var poll = await MeasureLongPollAsync(client, broker, cluster, options.Rounds);

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["count"] = options.Count, ["inflight"] = options.Inflight, ["bodySize"] = options.BodySize,
                ["msgsPerSec"] = Math.Round(send.MsgsPerSec), ["sendP50Us"] = send.P50Us, ["sendP99Us"] = send.P99Us,
                ["cpuUsPerMsg"] = Math.Round(send.CpuUsPerMsg, 2), ["allocBytesPerMsg"] = Math.Round(send.AllocPerMsg),
                ["gen0"] = send.Gen0, ["gen1"] = send.Gen1, ["gen2"] = send.Gen2,
                ["longPollRounds"] = options.Rounds, ["longPollP50Us"] = poll.P50Us, ["longPollP99Us"] = poll.P99Us, ["longPollMaxUs"] = poll.MaxUs,
                ["longPollQueuedP50Us"] = poll.QueuedP50Us, ["longPollQueuedP99Us"] = poll.QueuedP99Us,
            }));
        }
        else
        {
            Console.WriteLine($"broker benchmark: {options.Count} x {options.BodySize}-byte SEND_MESSAGE_V2, {options.Inflight} in flight, one client ({Environment.ProcessorCount} cores)");
            Console.WriteLine($"  throughput   {send.MsgsPerSec,10:N0} msgs/s");
            Console.WriteLine($"  send latency p50 {send.P50Us,8:N0} us   p99 {send.P99Us,8:N0} us");
            Console.WriteLine($"  cpu          {send.CpuUsPerMsg,10:N2} us/msg (client + broker)");
            Console.WriteLine($"  allocated    {send.AllocPerMsg,10:N0} B/msg (client + broker); GCs gen0 {send.Gen0} gen1 {send.Gen1} gen2 {send.Gen2}");
            foreach (var line in LatencyHistogram.Lines(send.Histogram ?? []))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine($"long poll: {options.Rounds} rounds, store append -> held pull's response at the client");
            Console.WriteLine($"  wake-up      p50 {poll.P50Us,8:N0} us   p99 {poll.P99Us,8:N0} us   max {poll.MaxUs,8:N0} us");
            Console.WriteLine($"  (append -> answer queued on the consumer's connection: p50 {poll.QueuedP50Us:N0} us, p99 {poll.QueuedP99Us:N0} us)");
        }

        return 0;
    }

    private static async Task<SendFigures> MeasureSendsAsync(RemotingClient client, string broker, byte[] body, Options options)
    {
        var latencies = new long[options.Count];
        await using var progress = options.Json ? null : new Progress("broker send", latencies);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = Stopwatch.StartNew();
        progress?.Start();
        await SendAllAsync(client, broker, body, options.Count, options.Inflight, latencies);
        watch.Stop();
        if (progress is not null)
        {
            await progress.StopAsync();
        }

        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        Array.Sort(latencies);
        return new SendFigures(
            options.Count / watch.Elapsed.TotalSeconds,
            TicksToUs(Percentile(latencies, 0.50)),
            TicksToUs(Percentile(latencies, 0.99)),
            cpu.TotalMicroseconds / options.Count,
            (double)alloc / options.Count,
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2,
            options.Json ? null : LatencyHistogram.Count(latencies));
    }

    /// <summary>
    /// Keeps <paramref name="inflight"/> sends outstanding: each completion starts the next one, so there is no
    /// semaphore or task per message on the client side.
    /// </summary>
    private static Task SendAllAsync(RemotingClient client, string broker, byte[] body, int count, int inflight, long[]? latencies)
    {
        var state = new SendLoop(client, broker, body, count, latencies);
        for (var i = 0; i < Math.Min(inflight, count); i++)
        {
            state.SendNext();
        }

        return state.Done.Task;
    }

    private static async Task<PollFigures> MeasureLongPollAsync(RemotingClient client, string brokerAddress, EmbeddedCluster cluster, int rounds)
    {
        var broker = cluster.Brokers[0];
        const int queueId = 0;
        var samples = new long[rounds];
        var queuedSamples = new long[rounds];
        long queuedAt = 0;
        broker.HoldService.Answered = _ => Volatile.Write(ref queuedAt, Stopwatch.GetTimestamp());
        var message = new MessageInner();
        for (var round = -Math.Min(100, rounds); round < rounds; round++)
        {
            var offset = broker.Store.GetMaxOffsetInQueue(Topic, queueId);
            var held = client.InvokeSync(brokerAddress, Pull(offset), RequestTimeout);
            var spin = Stopwatch.StartNew();
            while (broker.HoldService.HeldCount == 0)
            {
                if (held.IsCompleted || spin.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new InvalidOperationException($"the pull was not held: {(held.IsCompleted ? (await held).Remark : "timeout")}");
                }

                await Task.Yield();
            }

            message.Reset();
            message.Topic = Topic;
            message.QueueId = queueId;
            message.Body = "wake up"u8.ToArray();
            message.Properties.Put(PropertyKeys.Tags, "TagA");
            var start = Stopwatch.GetTimestamp();
            var put = broker.Store.PutMessage(message);
            var response = await held.ConfigureAwait(false);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (!put.IsOk || response.Code != ResponseCode.SUCCESS)
            {
                throw new InvalidOperationException($"long-poll round {round}: put {put.Status}, pull answered {response.Code} {response.Remark}");
            }

            if (round >= 0)
            {
                samples[round] = elapsed;
                queuedSamples[round] = Volatile.Read(ref queuedAt) - start;
            }
        }

        broker.HoldService.Answered = null;
        Array.Sort(samples);
        Array.Sort(queuedSamples);
        return new PollFigures(TicksToUs(Percentile(samples, 0.50)), TicksToUs(Percentile(samples, 0.99)), TicksToUs(samples[^1]),
            TicksToUs(Percentile(queuedSamples, 0.50)), TicksToUs(Percentile(queuedSamples, 0.99)));
    }

    private static RemotingCommand Pull(long offset)
        => RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE, new Dictionary<string, string>
        {
            ["consumerGroup"] = "bench_consumer", ["topic"] = Topic, ["queueId"] = "0",
            ["queueOffset"] = offset.ToString(CultureInfo.InvariantCulture), ["maxMsgNums"] = "32", ["sysFlag"] = "6",
            ["commitOffset"] = "0", ["suspendTimeoutMillis"] = "20000", ["subscription"] = "*", ["subVersion"] = "1",
            ["expressionType"] = "TAG",
        });

    private static long Percentile(long[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static long TicksToUs(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;

    /// <summary>
    /// Keeps a fixed number of sends in flight: each answered send starts the next one, reading its response the way a
    /// producer does (through the reader form, so the response frame goes back to the pool).
    /// </summary>
    private sealed class SendLoop
    {
        private readonly RemotingClient _client;
        private readonly string _broker;
        private readonly byte[] _body;
        private readonly int _count;
        private readonly long[]? _latencies;
        private int _started;
        private int _finished;

        public SendLoop(RemotingClient client, string broker, byte[] body, int count, long[]? latencies)
        {
            (_client, _broker, _body, _count, _latencies) = (client, broker, body, count, latencies);
        }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void SendNext()
        {
            var i = Interlocked.Increment(ref _started) - 1;
            if (i < _count)
            {
                _ = SendAsync(i);
            }
        }

        private async Task SendAsync(int i)
        {
            // A producer's properties: a unique UNIQ_KEY per message (indexed by the broker), WAIT and a tag.
            var properties = string.Create(61, i, static (span, n) =>
            {
                "UNIQ_KEY\u0001".CopyTo(span);
                n.TryFormat(span[9..41], out var written, "X32", CultureInfo.InvariantCulture);
                "\u0002WAIT\u0001true\u0002TAGS\u0001TagA".CopyTo(span[41..]);
            });
            var request = RemotingCommand.CreateRequest(RequestCode.SEND_MESSAGE_V2, new Dictionary<string, string>(13)
            {
                ["a"] = "bench_producer", ["b"] = Topic, ["c"] = "TBW102", ["d"] = "4", ["e"] = Queue(i), ["f"] = "0",
                ["g"] = "1700000000000", ["h"] = "0", ["i"] = properties, ["j"] = "0", ["k"] = "false", ["m"] = "false",
                ["n"] = "broker-a",
            }, _body);
            var start = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                // A producer reads msgId / queueOffset while the response is lent to it.
                failure = await _client.InvokeAsync(_broker, request, RequestTimeout, static (response, i) =>
                    response.Code != ResponseCode.SUCCESS ? $"send {i} answered {response.Code}: {response.Remark}"
                    : !response.TryGetExtField("queueOffset", out _) ? $"send {i}: response without queueOffset"
                    : null, i).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Done.TrySetException(e);
                return;
            }

            if (_latencies is not null)
            {
                _latencies[i] = Stopwatch.GetTimestamp() - start;
            }

            if (failure is not null)
            {
                Done.TrySetException(new InvalidOperationException(failure));
                return;
            }

            if (Interlocked.Increment(ref _finished) == _count)
            {
                Done.TrySetResult();
                return;
            }

            SendNext();
        }

        private static string Queue(int i) => (i & 3) switch { 0 => "0", 1 => "1", 2 => "2", _ => "3" };
    }

    /// <summary>The mode's flags, for `broker --help`.</summary>
    internal const string Usage = Options.Usage;

    private sealed record Options(int Count, int Inflight, int BodySize, int Rounds, int Warmup, bool Json)
    {
        public const string Usage = "usage: benchmark broker [--count N (200000)] [--inflight N (100)] [--body-size B (128)] [--rounds N (1000)] [--warmup N (100000)] [--json]";

        public static Options Parse(string[] args)
        {
            int count = 200_000, inflight = 100, bodySize = 128, rounds = 1000, warmup = 100_000;
            var json = false;
            for (var i = 0; i < args.Length; i++)
            {
                int Next() => i + 1 < args.Length && int.TryParse(args[++i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                    ? v : throw new ArgumentException($"{args[i]} needs a non-negative number");
                switch (args[i])
                {
                    case "--count": count = Next(); break;
                    case "--inflight": inflight = Next(); break;
                    case "--body-size": bodySize = Next(); break;
                    case "--rounds": rounds = Next(); break;
                    case "--warmup": warmup = Next(); break;
                    case "--json": json = true; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            return count < 1 || inflight < 1 ? throw new ArgumentException("--count and --inflight must be at least 1") : new Options(count, inflight, bodySize, rounds, warmup, json);
        }
    }

    private readonly record struct SendFigures(double MsgsPerSec, long P50Us, long P99Us, double CpuUsPerMsg, double AllocPerMsg, int Gen0, int Gen1, int Gen2, long[]? Histogram);

    private readonly record struct PollFigures(long P50Us, long P99Us, long MaxUs, long QueuedP50Us, long QueuedP99Us);
}
