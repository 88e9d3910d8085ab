using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RocketMQ.Go.Port.Benchmark.Faults;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;

namespace RocketMQ.Go.Port.Benchmark.Stable;

/// <summary>
/// <c>benchmark stable</c> (Go: benchmark/stable.go, which only printed counters): produces and consumes
/// continuously, prints the tally every 10 s, and with <c>--faults</c> (embedded cluster only) stops and restarts a
/// broker, a name server, a consumer (a child process killed with SIGKILL) and restarts a broker on its store, on a
/// schedule. Exit code 1 when anything acknowledged was never consumed. <c>--scenario NAME</c> runs one scenario of
/// the fault suite at the issue's full size instead.
/// </summary>
internal static class StableRun
{
    // The scenario list comes from Scenarios.Names so a new scenario cannot be missing from the help.
    private static readonly string Usage = $"""
        usage: benchmark stable [--duration 10m] [--nameserver H:P] [--faults] [--rate N] [--topic T]
               benchmark stable --scenario {string.Join('|', RocketMQ.Go.Port.Benchmark.Faults.Scenarios.Names)} [--short]
          --duration D   how long to produce (s, m or h suffix; default 10m); then the consumers drain for up to 60 s
          --nameserver   a running cluster's name server (default: an embedded cluster of 2 name servers, 2 brokers)
          --faults       inject faults on a schedule (embedded cluster only)
          --rate N       messages per second (default 500)
          --topic T      topic on --nameserver (default: a new one, created on the first send)
          --scenario S   run one fault scenario at its full size (--short: the test's size); exit 1 if a promise broke
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync(e.Message + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        if (options.Help)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        if (options.Scenario is { } scenario)
        {
            var result = await Scenarios.RunAsync(scenario, !options.Short, line => output.WriteLine(line)).ConfigureAwait(false);
            await output.WriteLineAsync(result.Line()).ConfigureAwait(false);
            return result.Violations.Count == 0 ? 0 : 1;
        }

        var tally = options.NameServer is { } ns
            ? await RunAgainst(ns, options, output, null).ConfigureAwait(false)
            : await RunEmbedded(options, output).ConfigureAwait(false);
        await output.WriteLineAsync("final " + tally.Line()).ConfigureAwait(false);
        return tally.Lost == 0 && tally.Violations.Count == 0 ? 0 : 1;
    }

    private static async Task<Tally> RunEmbedded(Options options, TextWriter output)
    {
        var store = Path.Combine(Path.GetTempPath(), FaultKit.Unique("stable-store"));
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2, NameServerCount = 2, StoreDirectory = store }).ConfigureAwait(false);
            await output.WriteLineAsync($"embedded cluster: name servers {cluster.NameServerAddress}, brokers {string.Join(", ", cluster.BrokerAddresses)}").ConfigureAwait(false);
            return await RunAgainst(cluster.NameServerAddress, options, output, cluster).ConfigureAwait(false);
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

    private static async Task<Tally> RunAgainst(string ns, Options options, TextWriter output, EmbeddedCluster? cluster)
    {
        var tally = new Tally("stable");
        var topic = options.Topic ?? FaultKit.Unique("StableTopic");
        var group = FaultKit.Unique("stable_cg");
        if (cluster is not null)
        {
            await cluster.CreateTopicAsync(topic, 4).ConfigureAwait(false);
        }

        var producer = await FaultKit.StartProducer(ns).ConfigureAwait(false);
        var consumers = new List<PushConsumer>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        Task? faults = null;
        await using var schedule = options.Faults && cluster is not null ? new FaultSchedule(cluster, ns, group, topic, tally, output, options.Duration) : null;
        try
        {
            // The topic may only come into being with the first send (a real cluster's auto-creation).
            await FaultKit.SendStream(producer, topic, tally, 1, 1, TimeSpan.Zero, "first").ConfigureAwait(false);
            for (var i = 0; i < 2; i++)
            {
                var consumer = FaultKit.NewConsumer(ns, group, topic, tally);
                await consumer.Start().ConfigureAwait(false);
                consumers.Add(consumer);
            }

            var messages = (int)Math.Min(int.MaxValue, options.Rate * options.Duration.TotalSeconds);
            var sending = FaultKit.SendStream(producer, topic, tally, messages, 4, options.Duration, "stable", cancellationToken: stop.Token);
            if (schedule is not null)
            {
                faults = schedule.RunAsync(stop.Token);
            }

            var report = Report(tally, clock, output, stop.Token);
            await sending.ConfigureAwait(false);
            if (faults is not null)
            {
                await faults.ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{clock.Elapsed.TotalSeconds:F0} s: producing done, draining").ConfigureAwait(false);
            var drained = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await report.ConfigureAwait(false);
            tally.Check(drained, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            return tally;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var consumer in consumers)
            {
                await consumer.Shutdown().ConfigureAwait(false);
            }

            await producer.Shutdown().ConfigureAwait(false);
        }
    }

    private static async Task Report(Tally tally, Stopwatch clock, TextWriter output, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop).ConfigureAwait(false);
                await output.WriteLineAsync($"{clock.Elapsed.TotalSeconds:F0} s: {tally.Line()}").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private sealed record Options(TimeSpan Duration, string? NameServer, bool Faults, double Rate, string? Topic, string? Scenario, bool Short, bool Help)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(TimeSpan.FromMinutes(10), null, false, 500, null, null, false, false);
            for (var i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                options = args[i] switch
                {
                    "--duration" => options with { Duration = ParseDuration(Value()) },
                    "--nameserver" => options with { NameServer = Value() },
                    "--faults" => options with { Faults = true },
                    "--rate" => options with { Rate = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new ArgumentException("--rate needs a positive number") },
                    "--topic" => options with { Topic = Value() },
                    "--scenario" => options with { Scenario = Scenarios.Names.Contains(args[i + 1 < args.Length ? i + 1 : i]) ? Value() : throw new ArgumentException($"--scenario is one of {string.Join(", ", Scenarios.Names)}") },
                    "--short" => options with { Short = true },
                    "-h" or "--help" => options with { Help = true },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }

            if (options.Faults && options.NameServer is not null)
            {
                throw new ArgumentException("--faults needs the embedded cluster: leave out --nameserver");
            }

            return options;
        }

        private static TimeSpan ParseDuration(string text)
        {
            var unit = text[^1];
            var number = char.IsDigit(unit) ? text : text[..^1];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"bad duration '{text}' (e.g. 30s, 10m, 1h)");
            }

            return unit switch
            {
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }
    }
}
