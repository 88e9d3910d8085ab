using BenchmarkDotNet.Running;
using RocketMQ.Go.Port.Benchmark.Broker;
using RocketMQ.Go.Port.Benchmark.Micro;

// Modes mirror Go's benchmark/ tool; `micro` runs the BenchmarkDotNet hot-path benchmarks.
// Usage: dotnet run -c Release --project benchmark -- micro [BenchmarkDotNet args, e.g. --filter *Codec*]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: benchmark micro [BenchmarkDotNet args] | producer | consumer | broker | stable [--help]");
    Console.WriteLine("  micro   BenchmarkDotNet micro-benchmarks of hot paths (codec, message decoding)");
    Console.WriteLine("  producer  send N messages (sync|async|oneway|batch) and report msgs/s, latency, CPU and bytes per message");
    Console.WriteLine("  consumer  consume a backlog with an empty handler (msgs/s, CPU, bytes per message), then born-to-handler latency at a fixed rate");
    Console.WriteLine("  broker  in-process embedded broker: async send throughput/latency/CPU/alloc, long-poll wake-up");
    Console.WriteLine("  stable  produce and consume continuously, print the tally every 10 s, inject faults (--faults); or run one fault scenario at full size (--scenario)");
    return args.Length == 0 ? 2 : 0;
}

// `<mode> --help` prints that mode's flags (exit code 0), whatever else is on the line.
if (args.Length > 1 && args[1..].Any(a => a is "-h" or "--help") && ModeUsage(args[0]) is { } modeUsage)
{
    Console.WriteLine(modeUsage);
    return 0;
}

switch (args[0])
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(CodecBenchmarks).Assembly).Run(args[1..]);
        return 0;
    case "producer":
        return await RocketMQ.Go.Port.Benchmark.Producer.ProducerBenchmark.RunAsync(args[1..]);
    case "consumer":
        return await RocketMQ.Go.Port.Benchmark.Consumer.ConsumerBenchmark.RunAsync(args[1..]);
    case "broker":
        return await BrokerBenchmark.RunAsync(args[1..]);
    case "stable":
        return await RocketMQ.Go.Port.Benchmark.Stable.StableRun.RunAsync(args[1..]);
    case "child-consumer":
        return await RocketMQ.Go.Port.Benchmark.Faults.ChildModes.RunConsumerAsync(args[1..]);
    case "child-broker":
        return await RocketMQ.Go.Port.Benchmark.Faults.ChildModes.RunBrokerAsync(args[1..]);
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'; try --help");
        return 2;
}

static string? ModeUsage(string mode) => mode switch
{
    "producer" => RocketMQ.Go.Port.Benchmark.Producer.ProducerBenchmarkOptions.Usage,
    "consumer" => RocketMQ.Go.Port.Benchmark.Consumer.ConsumerBenchmarkOptions.Usage,
    "broker" => BrokerBenchmark.Usage,
    _ => null,
};
