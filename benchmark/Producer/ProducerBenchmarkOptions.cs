using System.Globalization;

namespace RocketMQ.Go.Port.Benchmark.Producer;

/// <summary>Flags of the <c>producer</c> mode.</summary>
internal sealed class ProducerBenchmarkOptions
{
    public const string Usage = """
        usage: benchmark producer [options]
          --nameserver H:P   name server of the cluster to use; without it an embedded broker is started in a
                             child process (so CPU and allocation figures are the client's alone)
          --inproc           with no --nameserver: run the embedded broker in this process instead
          --topic T          topic (default BenchTopic; created on first send through TBW102)
          --count N          messages to measure (default 100000)
          --warmup N         messages sent first, not measured (default 10% of count, at most 20000)
          --body-size B      body bytes (default 128)
          --mode M           sync | async | oneway | batch (default sync)
          --inflight N       concurrent sends for async, oneway and batch (default 100)
          --senders N        concurrent sequential senders for sync (default 1: one at a time)
          --batch-size N     messages per batch in batch mode (default 10)
          --retry N          WithRetry (default 2)
          --serialize S      header encoding: json (default, as Java and Go) or rocketmq (binary)
          --alions           then run ali-ons (benchmark/alions/bench.js, node) with the same settings against the
                             same broker and print both (sync or async mode)
          --rounds N         with --alions: alternate the two clients N times and print the median ratio
                             (default 3)
          --json             print one JSON object instead of text
          --alloc-types      also print which types the measured sends allocate (sampled GC allocation ticks)
          --telemetry        listen to the client's ActivitySource and Meter (every span recorded, every metric
                             delivered) to see their cost; without it nobody listens (the zero-cost case)
        """;

    public string? NameServer { get; private set; }

    public bool InProcess { get; private set; }

    public string Topic { get; private set; } = "BenchTopic";

    public int Count { get; private set; } = 100_000;

    public int? Warmup { get; private set; }

    public int BodySize { get; private set; } = 128;

    public string Mode { get; private set; } = "sync";

    public int InFlight { get; private set; } = 100;

    public int Senders { get; private set; } = 1;

    public int BatchSize { get; private set; } = 10;

    public int Retry { get; private set; } = 2;

    public bool Json { get; private set; }

    public bool AliOns { get; private set; }

    public bool BinaryHeaders { get; private set; }

    public bool AllocationTypes { get; private set; }

    public bool Telemetry { get; private set; }

    public int Rounds { get; private set; } = 3;

    public int WarmupCount => Warmup ?? Math.Min(20_000, Count / 10);

    public static ProducerBenchmarkOptions Parse(string[] args)
    {
        var o = new ProducerBenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive number");
            switch (args[i])
            {
                case "--nameserver": o.NameServer = Value(); break;
                case "--inproc": o.InProcess = true; break;
                case "--topic": o.Topic = Value(); break;
                case "--count": o.Count = Number(); break;
                case "--warmup": o.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--body-size": o.BodySize = Number(); break;
                case "--mode": o.Mode = Value(); break;
                case "--inflight": o.InFlight = Number(); break;
                case "--senders": o.Senders = Number(); break;
                case "--batch-size": o.BatchSize = Number(); break;
                case "--retry": o.Retry = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--json": o.Json = true; break;
                case "--alions": o.AliOns = true; break;
                case "--alloc-types": o.AllocationTypes = true; break;
                case "--telemetry": o.Telemetry = true; break;
                case "--rounds": o.Rounds = Number(); break;
                case "--serialize": o.BinaryHeaders = Value().Equals("rocketmq", StringComparison.OrdinalIgnoreCase); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (o.Mode is not ("sync" or "async" or "oneway" or "batch"))
        {
            throw new ArgumentException($"unknown mode {o.Mode}: use sync, async, oneway or batch");
        }

        return o;
    }
}
