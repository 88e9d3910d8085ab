using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// <c>dotnet run --project broker [-- options]</c>: a development name server on 127.0.0.1:9876 and broker on
/// 127.0.0.1:10911 until Ctrl+C or SIGTERM (exit 0); a taken port or another start failure is one line on stderr
/// and exit 1, bad options exit 2.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Embedded RocketMQ 4.9 development cluster.
        Options:
          --namesrv-port N     first name server port (default 9876; 0 = any free port)
          --namesrvs N         number of name servers (default 1)
          --broker-port N      first broker port (default 10911; 0 = any free port)
          --brokers N          number of brokers: broker-a, broker-b, ... (default 1)
          --cluster NAME       cluster name (default DefaultCluster)
          --broker-prefix P    broker name prefix (default "broker-")
          --queues N           queues of topics created on first send (default 4)
          --store DIR          keep messages and offsets in DIR (default: memory only)
          --sync-flush         with --store: acknowledge sends after fsync
          --acl-access-key K   require requests signed with this access key ...
          --acl-secret-key S   ... and this secret key
          --log-level LEVEL    Trace, Debug, Information (default), Warning, Error
          --help               this text
        """;

    private static async Task<int> Main(string[] args)
    {
        EmbeddedClusterOptions options;
        LogLevel level;
        try
        {
            (options, level) = Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));
        options.LoggerFactory = loggerFactory;
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };

        // SIGTERM (systemd, docker stop, Kubernetes) stops as gently as Ctrl+C: the runtime's default would end the
        // process before the cluster is disposed.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(options);
        }
        catch (PortInUseException e)
        {
            var flag = e.IsNameServer ? "--namesrv-port" : "--broker-port";
            await Console.Error.WriteLineAsync($"{e.Message}: another process listens there; choose another port with {flag} N (0 picks a free one)");
            return 1;
        }
        catch (Exception e)
        {
            // Any other start failure (an unreadable store, a refused address) is one line too, with its cause.
            await Console.Error.WriteLineAsync($"the cluster did not start: {e.Message}" + (e.InnerException is { } cause ? $": {cause.Message}" : ""));
            return 1;
        }

        try
        {
            Console.WriteLine($"name server: {cluster.NameServerAddress}");
            for (var i = 0; i < cluster.BrokerAddresses.Count; i++)
            {
                Console.WriteLine($"broker {cluster.BrokerNames[i]} ({options.ClusterName}): {cluster.BrokerAddresses[i]}");
            }

            Console.WriteLine(options.StoreDirectory is null ? "store: memory" : $"store: {Path.GetFullPath(options.StoreDirectory)}");
            Console.WriteLine("press Ctrl+C to stop");
            await stop.Task;
            Console.WriteLine("stopping...");
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Console.WriteLine("stopped");
        return 0;
    }

    internal static (EmbeddedClusterOptions Options, LogLevel Level) Parse(string[] args)
    {
        var options = new EmbeddedClusterOptions { NameServerPort = 9876, BrokerPort = 10911 };
        var level = LogLevel.Information;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a non-negative number");
            switch (args[i])
            {
                case "--namesrv-port": options.NameServerPort = Number(); break;
                case "--namesrvs": options.NameServerCount = Math.Max(1, Number()); break;
                case "--broker-port": options.BrokerPort = Number(); break;
                case "--brokers": options.BrokerCount = Math.Clamp(Number(), 1, 26); break;
                case "--cluster": options.ClusterName = Value(); break;
                case "--broker-prefix": options.BrokerNamePrefix = Value(); break;
                case "--queues": options.DefaultTopicQueueNums = Math.Max(1, Number()); break;
                case "--store": options.StoreDirectory = Value(); break;
                case "--sync-flush": options.FlushDiskType = FlushDiskType.SyncFlush; break;
                case "--acl-access-key": options.AclAccessKey = Value(); break;
                case "--acl-secret-key": options.AclSecretKey = Value(); break;
                case "--log-level":
                    level = Enum.TryParse<LogLevel>(Value(), ignoreCase: true, out var l) ? l : throw new ArgumentException("unknown log level");
                    break;
                case "--help": break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if ((options.AclAccessKey is null) != (options.AclSecretKey is null))
        {
            throw new ArgumentException("--acl-access-key and --acl-secret-key go together");
        }

        return (options, level);
    }
}
