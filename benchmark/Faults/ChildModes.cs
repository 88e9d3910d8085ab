using System.Globalization;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// The processes a fault run kills with SIGKILL: <c>benchmark child-consumer</c> (a push consumer printing what it
/// consumes) and <c>benchmark child-broker</c> (an embedded name server and broker on given ports and store). Both
/// exit when their stdin closes, so a killed parent leaves none behind.
/// </summary>
internal static class ChildModes
{
    /// <summary>The line a child consumer prints per message: "c BODY BROKER QUEUE OFFSET".</summary>
    public const string ConsumedPrefix = "c ";

    /// <summary>The line a child consumer prints once started: "ready CLIENTID".</summary>
    public const string ReadyPrefix = "ready ";

    /// <summary>The line a child broker prints once serving: "name server: HOST:PORT".</summary>
    public const string NameServerPrefix = "name server: ";

    /// <summary>The benchmark tool's own assembly, which children run as <c>dotnet &lt;dll&gt; child-...</c>.</summary>
    public static string Dll => typeof(ChildModes).Assembly.Location;

    /// <summary>Starts a child push consumer of <paramref name="group"/> on <paramref name="topic"/>.</summary>
    public static ChildProcess StartConsumer(string nameServer, string group, string topic, Action<string> onLine, bool orderly = false)
        => ChildProcess.Start(Dll, ["child-consumer", "--namesrv", nameServer, "--group", group, "--topic", topic, "--orderly", orderly ? "true" : "false"], onLine);

    /// <summary>Starts a child name server and broker on the given ports and store; wait for <see cref="NameServerPrefix"/>.</summary>
    public static ChildProcess StartBroker(int nameServerPort, int brokerPort, string store, Action<string> onLine)
        => ChildProcess.Start(Dll, ["child-broker", "--namesrv-port", Invariant(nameServerPort), "--broker-port", Invariant(brokerPort), "--store", store], onLine);

    public static async Task<int> RunConsumerAsync(string[] args)
    {
        var options = Options(args);
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(options["--namesrv"]),
            ConsumerOptions.WithGroupName(options["--group"]),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithConsumerOrder(options.GetValueOrDefault("--orderly") == "true"));
        var output = Console.Out;
        consumer.Subscribe(options["--topic"], MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{ConsumedPrefix}{System.Text.Encoding.UTF8.GetString(msg.Body)} {msg.Queue?.BrokerName} {msg.Queue?.QueueId} {msg.QueueOffset}"));
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        output.WriteLine(ReadyPrefix + consumer.ClientID);
        await Console.In.ReadToEndAsync();
        await consumer.Shutdown();
        return 0;
    }

    public static async Task<int> RunBrokerAsync(string[] args)
    {
        var options = Options(args);
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            NameServerPort = int.Parse(options["--namesrv-port"], CultureInfo.InvariantCulture),
            BrokerPort = int.Parse(options["--broker-port"], CultureInfo.InvariantCulture),
            StoreDirectory = options["--store"],
            FlushDiskType = FlushDiskType.AsyncFlush,
        });
        Console.Out.WriteLine(NameServerPrefix + cluster.NameServerAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
