using System.Text.Json;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Common;

/// <summary>
/// What an example gets: its flags, a name server (the one given with --nameserver, or an embedded cluster started
/// on first use), logging, Ctrl+C cancellation, and result printing (text, or one JSON object per result with --json).
/// </summary>
public sealed class ExampleContext : IAsyncDisposable
{
    private EmbeddedCluster? _cluster;

    internal ExampleContext(string path, Flags flags, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        Path = path;
        Flags = flags;
        LoggerFactory = loggerFactory;
        CancellationToken = cancellationToken;
    }

    /// <summary>The example's Go path, e.g. producer/simple.</summary>
    public string Path { get; }

    /// <summary>The command line.</summary>
    public Flags Flags { get; }

    /// <summary>Where the client logs (console, Warning level; Debug with --verbose).</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A context carrying <see cref="CancellationToken"/>, for the Go-shaped APIs.</summary>
    public CallContext Ctx => CallContext.From(CancellationToken);

    /// <summary>True when running against the embedded broker.</summary>
    public bool Embedded => Flags.NameServer is null;

    /// <summary>
    /// The name server address: --nameserver, else an embedded cluster's, started now with <paramref name="configure"/>
    /// applied (an ACL account, a short transaction check interval, ...).
    /// </summary>
    public async Task<string> NameServerAsync(Action<EmbeddedClusterOptions>? configure = null)
    {
        if (Flags.NameServer is { } nameServer)
        {
            return nameServer;
        }

        if (_cluster is null)
        {
            var options = new EmbeddedClusterOptions();
            configure?.Invoke(options);
            _cluster = await EmbeddedCluster.StartAsync(options, CancellationToken);
            Info($"embedded broker started, name server {_cluster.NameServerAddress} (pass --nameserver host:port for a real cluster)");
        }

        return _cluster.NameServerAddress;
    }

    /// <summary>The embedded cluster, once started (null with --nameserver).</summary>
    public EmbeddedCluster? Cluster => _cluster;

    /// <summary>Prints a line of text (not in --json mode, where only results are printed).</summary>
    public void Info(string text)
    {
        if (!Flags.Json)
        {
            Console.WriteLine(text);
        }
    }

    /// <summary>Prints a send result: Java's text form, or the JSON object scripts check.</summary>
    public void PrintResult(SendResult result)
    {
        if (!Flags.Json)
        {
            Console.WriteLine($"send message success: result={result}");
            return;
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            status = result.Status.ToJavaName(),
            msgId = result.MsgID,
            offsetMsgId = result.OffsetMsgID,
            broker = result.MessageQueue?.BrokerName,
            queueId = result.MessageQueue?.QueueId,
            queueOffset = result.QueueOffset,
        }));
    }

    /// <summary>Prints a failure: text, or <c>{"status":"ERROR","error":...}</c>.</summary>
    public void PrintError(Exception error)
    {
        if (!Flags.Json)
        {
            Console.WriteLine($"send message error: {error.Message}");
            return;
        }

        Console.WriteLine(JsonSerializer.Serialize(new { status = "ERROR", error = error.Message, type = error.GetType().Name }));
    }

    /// <summary>Prints any other JSON-able outcome (a reply, a transaction state).</summary>
    public void PrintObject(string text, object json)
    {
        if (Flags.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(json));
        }
        else
        {
            Console.WriteLine(text);
        }
    }

    /// <summary>Stops the embedded cluster, if one was started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
