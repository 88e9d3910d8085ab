using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RocketMQ.Go.Port.Admin;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// What a running command has: its options, where to print, the name servers (-n, else NAMESRV_ADDR) and an admin
/// client created on first use and closed with the context.
/// </summary>
internal sealed class CommandContext(ParsedArgs args, TextWriter output, Func<string, string?> environment, CancellationToken cancellation) : IAsyncDisposable
{
    public const string NamesrvAddrVariable = "NAMESRV_ADDR";

    private DefaultAdmin? _admin;

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
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }
    }
}
