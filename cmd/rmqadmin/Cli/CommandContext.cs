using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// What a running command has: its options, where to print, the name servers (-n, else NAMESRV_ADDR), and an admin
/// client and a producer created on first use and closed with the context.
/// </summary>
internal sealed class CommandContext(ParsedArgs args, TextWriter output, Func<string, string?> environment, CancellationToken cancellation) : IAsyncDisposable
{
    public const string NamesrvAddrVariable = "NAMESRV_ADDR";

    private DefaultAdmin? _admin;
    private DefaultProducer? _producer;

    public ParsedArgs Args { get; } = args;

    public TextWriter Out { get; } = output;

    public CancellationToken Ct { get; } = cancellation;

    /// <summary>The name servers, ';' separated: -n, else the NAMESRV_ADDR environment variable.</summary>
    public string NameServers
        => Args.Value("n") is { Length: > 0 } given ? given
            : environment(NamesrvAddrVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment.Trim()
            : throw new UsageException($"no name server: give -n host:port[;host:port] or set {NamesrvAddrVariable}");

    /// <summary>The name servers as a list.</summary>
    public IReadOnlyList<string> NameServerList => NameServers.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The admin client on <see cref="NameServers"/>.</summary>
    public IAdmin Admin => _admin ??= DefaultAdmin.NewAdmin(AdminOptions.WithNameServer(NameServers));

    /// <summary>
    /// A started producer on <see cref="NameServers"/> in a group of its own (Java's tools name it by the current
    /// millis); with <paramref name="manualQueue"/> it sends to the queue set on each message.
    /// </summary>
    public async Task<DefaultProducer> Producer(bool manualQueue)
    {
        if (_producer is null)
        {
            var group = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            ProducerOption[] options =
            [
                ProducerOptions.WithNameServer([.. NameServerList]),
                ProducerOptions.WithGroupName(group),
                ProducerOptions.WithInstanceName("rmqadmin-" + group),
                .. manualQueue ? [ProducerOptions.WithQueueSelector(QueueSelectors.NewManualQueueSelector())] : Array.Empty<ProducerOption>(),
            ];
            _producer = DefaultProducer.NewDefaultProducer(options);
            await _producer.Start().ConfigureAwait(false);
        }

        return _producer;
    }

    /// <summary>Prints <paramref name="result"/>: as JSON with --json, else with <paramref name="print"/> in mqadmin's layout.</summary>
    public void Emit<T>(T result, JsonTypeInfo<T> json, Action<TextWriter, T> print)
    {
        if (Args.Json)
        {
            Out.Write(JsonSerializer.Serialize(result, json));
            Out.Write('\n');
        }
        else
        {
            print(Out, result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_producer is not null)
        {
            await _producer.Shutdown().ConfigureAwait(false);
        }

        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
    }
}
