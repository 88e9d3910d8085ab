using System.Globalization;

namespace RocketMQ.Go.Port.Benchmark.Consumer;

/// <summary>Flags of the <c>consumer</c> mode.</summary>
internal sealed class ConsumerBenchmarkOptions
{
    public const string Usage = """
        usage: benchmark consumer [options]
          --nameserver H:P   name server of the cluster to use; without it an embedded broker is started in a
                             child process (so CPU and allocation figures are the client's alone)
          --topic T          topic (default BenchConsumeTopic)
          --group G          consumer group (default benchmark_consumer_<time>: a new group reads from the start)
          --count N          backlog to consume for the throughput figure (default 100000)
          --body-size B      body bytes of the messages this tool sends (default 128)
          --no-fill          don't send the backlog first: consume what the topic holds (needs --count of them)
          --rate R           then send R msgs/s while consuming, for born-to-handler latency (default 1000; 0 = skip)
          --rate-count N     messages sent at that rate (default 5000)
          --workers N        WithConsumeGoroutineNums (default Go's 20)
          --alions           also consume the same backlog with ali-ons (node, benchmark/Consumer/alions-consume.js)
                             in a new group against the same broker, alternating with this client, and compare
          --rounds N         backlog runs per client, each in a new group and a fresh process (as ali-ons' node
                             runs are); the median is reported (default 1, or 3 with --alions)
          --alloc-types      also print which types the backlog's consumption allocates (sampled GC allocation ticks)
          --json             print one JSON object instead of text
        """;

    public string? NameServer { get; private set; }

    public string Topic { get; private set; } = "BenchConsumeTopic";

    public string Group { get; private set; } = "benchmark_consumer_" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public int Count { get; private set; } = 100_000;

    public int BodySize { get; private set; } = 128;

    public bool Fill { get; private set; } = true;

    public int Rate { get; private set; } = 1000;

    public int RateCount { get; private set; } = 5000;

    public int Workers { get; private set; } = 20;

    public bool AliOns { get; private set; }

    public int? RoundsGiven { get; private set; }

    public int Rounds => RoundsGiven ?? (AliOns ? 3 : 1);

    public bool Json { get; private set; }

    public bool AllocationTypes { get; private set; }

    public static ConsumerBenchmarkOptions Parse(string[] args)
    {
        var o = new ConsumerBenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a number of at least {min}");
            switch (args[i])
            {
                case "--nameserver": o.NameServer = Value(); break;
                case "--topic": o.Topic = Value(); break;
                case "--group": o.Group = Value(); break;
                case "--count": o.Count = Number(1); break;
                case "--body-size": o.BodySize = Number(1); break;
                case "--no-fill": o.Fill = false; break;
                case "--rate": o.Rate = Number(0); break;
                case "--rate-count": o.RateCount = Number(1); break;
                case "--workers": o.Workers = Number(1); break;
                case "--alions": o.AliOns = true; break;
                case "--rounds": o.RoundsGiven = Number(1); break;
                case "--json": o.Json = true; break;
                case "--alloc-types": o.AllocationTypes = true; break;
                case "--help" or "-h": throw new ArgumentException("help");
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return o;
    }
}
