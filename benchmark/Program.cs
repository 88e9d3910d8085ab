using BenchmarkDotNet.Running;
using RocketMQ.Go.Port.Benchmark.Micro;

// Modes mirror Go's benchmark/ tool; `micro` runs the BenchmarkDotNet hot-path benchmarks.
// Usage: dotnet run -c Release --project benchmark -- micro [BenchmarkDotNet args, e.g. --filter *Codec*]
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: benchmark micro [BenchmarkDotNet args]");
    Console.WriteLine("  micro   BenchmarkDotNet micro-benchmarks of hot paths (codec, message decoding)");
    return args.Length == 0 ? 2 : 0;
}

switch (args[0])
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(CodecBenchmarks).Assembly).Run(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'; try --help");
        return 2;
}
