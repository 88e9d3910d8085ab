using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Finds the name server addresses, and is asked again periodically so changes are picked up (Go:
/// <c>primitive.NsResolver</c>). Asynchronous, since resolvers may call a web service.
/// </summary>
public interface INsResolver
{
    /// <summary>The current addresses; empty when none is known (Go: <c>Resolve</c>).</summary>
    Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default);

    /// <summary>What the resolver resolves, for logs (Go: <c>Description</c>).</summary>
    string Description { get; }
}

/// <summary>Shared parsing of the ';' separated address form.</summary>
internal static class NsAddressList
{
    public static IReadOnlyList<string> Split(string? value)
        => string.IsNullOrWhiteSpace(value) ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A fixed list of addresses (Go declares <c>StaticResolver</c> but leaves it empty; this one works).</summary>
public sealed class StaticResolver : INsResolver
{
    private readonly IReadOnlyList<string> _addresses;

    /// <summary>Addresses given one per argument, or as one ';' separated string.</summary>
    public StaticResolver(params string[] addresses)
    {
        _addresses = addresses.Length == 1 ? NsAddressList.Split(addresses[0]) : addresses.ToArray();
    }

    /// <inheritdoc />
    public string Description => $"static resolver of [{string.Join(';', _addresses)}]";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default) => Task.FromResult(_addresses);
}

/// <summary>Addresses from the NAMESRV_ADDR environment variable, read on every resolve (Go: <c>EnvResolver</c>).</summary>
public sealed class EnvResolver : INsResolver
{
    /// <summary>The variable's name.</summary>
    public const string VariableName = "NAMESRV_ADDR";

    /// <inheritdoc />
    public string Description => "env resolver of var NAMESRV_ADDR";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default)
        => Task.FromResult(NsAddressList.Split(Environment.GetEnvironmentVariable(VariableName)));
}

/// <summary>
/// The addresses given to the client options, falling back to NAMESRV_ADDR when none were given (Go:
/// <c>NewPassthroughResolver</c>).
/// </summary>
public sealed class PassthroughResolver : INsResolver
{
    private readonly IReadOnlyList<string>? _addresses;
    private readonly INsResolver _fallback = new EnvResolver();

    /// <summary>Creates the resolver; null or empty <paramref name="addresses"/> means "use NAMESRV_ADDR".</summary>
    public PassthroughResolver(IReadOnlyList<string>? addresses)
    {
        _addresses = addresses is { Count: > 0 } ? addresses.ToArray() : null;
    }

    /// <inheritdoc />
    public string Description => $"passthrough resolver of [{string.Join(';', _addresses ?? [])}]";

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default)
        => _addresses is not null ? Task.FromResult(_addresses) : _fallback.ResolveAsync(cancellationToken);
}

/// <summary>
/// Addresses from an HTTP address service that answers "host:port;host:port" (Go: <c>HttpResolver</c>). Each
/// answer is saved to a snapshot file; when the service fails the snapshot is used, then NAMESRV_ADDR.
/// </summary>
public sealed class HttpResolver : INsResolver
{
    /// <summary>Go's and Java's default address service (Go: <c>DEFAULT_NAMESRV_ADDR</c>).</summary>
    public const string DefaultNamesrvAddr = "http://jmenv.tbsite.net:8080/rocketmq/nsaddr";

    private static readonly HttpClient SharedClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly HttpClient _client;
    private readonly INsResolver _fallback = new EnvResolver();
    private readonly string _snapshotDirectory;
    private readonly ILogger _logger;

    /// <summary>Creates the resolver (Go: <c>NewHttpResolver(instance, domain...)</c>).</summary>
    /// <param name="instance">The instance name (informational, as in Go).</param>
    /// <param name="domain">The address service URL; <see cref="DefaultNamesrvAddr"/> when null or empty.</param>
    /// <param name="httpClient">The client to use; a shared one with a 10 s timeout by default.</param>
    /// <param name="snapshotDirectory">Where snapshots go; Go's <c>~/logs/rocketmq-go/snapshot</c> by default.</param>
    /// <param name="loggerFactory">Logging; nothing is logged by default.</param>
    public HttpResolver(string instance, string? domain = null, HttpClient? httpClient = null, string? snapshotDirectory = null, ILoggerFactory? loggerFactory = null)
    {
        Instance = instance;
        Domain = string.IsNullOrEmpty(domain) ? DefaultNamesrvAddr : domain;
        _client = httpClient ?? SharedClient;
        _snapshotDirectory = snapshotDirectory
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "logs", "rocketmq-go", "snapshot");
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HttpResolver>();
    }

    /// <summary>The instance name.</summary>
    public string Instance { get; }

    /// <summary>The address service URL.</summary>
    public string Domain { get; private set; }

    /// <inheritdoc />
    public string Description => $"http resolver of domain:{Domain}";

    /// <summary>The snapshot file of this domain (name from the MD5 of the URL, as Go names it).</summary>
    public string SnapshotFilePath
        => Path.Combine(_snapshotDirectory, "nameserver_addr-" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Domain))));

    /// <summary>Targets a unit's address list (Go: <c>DomainWithUnit</c>): appends <c>-unit?nofix=1</c> once.</summary>
    public void DomainWithUnit(string? unitName)
    {
        if (string.IsNullOrEmpty(unitName) || Domain.Contains("?nofix=1", StringComparison.Ordinal))
        {
            return;
        }

        var query = Domain.IndexOf('?');
        Domain = query >= 0
            ? string.Concat(Domain.AsSpan(0, query), $"-{unitName}?nofix=1&", Domain.AsSpan(query + 1))
            : $"{Domain}-{unitName}?nofix=1";
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var addresses = await FetchAsync(cancellationToken).ConfigureAwait(false);
        if (addresses.Count > 0)
        {
            return addresses;
        }

        addresses = await LoadSnapshotAsync(cancellationToken).ConfigureAwait(false);
        return addresses.Count > 0 ? addresses : await _fallback.ResolveAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> FetchAsync(CancellationToken cancellationToken)
    {
        string body;
        try
        {
            using var response = await _client.GetAsync(Domain, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _logger.LogError("name server http fetch from {Domain} failed with status {StatusCode}", Domain, (int)response.StatusCode);
                return [];
            }

            body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "name server http fetch from {Domain} failed", Domain);
            return [];
        }

        var addresses = NsAddressList.Split(body);
        if (addresses.Count > 0)
        {
            await SaveSnapshotAsync(body, cancellationToken).ConfigureAwait(false);
        }

        return addresses;
    }

    private async Task SaveSnapshotAsync(string body, CancellationToken cancellationToken)
    {
        var path = SnapshotFilePath;
        try
        {
            Directory.CreateDirectory(_snapshotDirectory);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, body, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
            _logger.LogInformation("name server snapshot saved to {Path}", path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "name server snapshot save to {Path} failed", path);
        }
    }

    private async Task<IReadOnlyList<string>> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var path = SnapshotFilePath;
        try
        {
            if (!File.Exists(path))
            {
                _logger.LogWarning("name server snapshot file {Path} does not exist", path);
                return [];
            }

            var addresses = NsAddressList.Split(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            _logger.LogInformation("loaded name server snapshot {Path}", path);
            return addresses;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "name server snapshot load from {Path} failed", path);
            return [];
        }
    }
}
