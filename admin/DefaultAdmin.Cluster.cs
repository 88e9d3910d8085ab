using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Broker and name server administration (Java admin: runtime stats, configs, KV store, write permission).</summary>
internal sealed partial class DefaultAdmin
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> FetchBrokerRuntimeStats(CancellationToken ctx, string brokerAddr)
    {
        var response = await InvokeBroker(brokerAddr, RemotingCommand.CreateRequest(RequestCode.GET_BROKER_RUNTIME_INFO), "fetch broker runtime stats", ctx)
            .ConfigureAwait(false);
        return ReadKvTable(EnsureSuccess(response, brokerAddr).Body.Span);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> GetBrokerConfig(CancellationToken ctx, string brokerAddr)
    {
        var response = await InvokeBroker(brokerAddr, RemotingCommand.CreateRequest(RequestCode.GET_BROKER_CONFIG), "get broker config", ctx).ConfigureAwait(false);
        return ToDictionary(JavaProperties.Decode(EnsureSuccess(response, brokerAddr).Body.Span));
    }

    /// <inheritdoc />
    public async Task UpdateBrokerConfig(CancellationToken ctx, string brokerAddr, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var request = RemotingCommand.CreateRequest(RequestCode.UPDATE_BROKER_CONFIG, null, JavaProperties.Encode(Nullable(properties)));
        EnsureSuccess(await InvokeBroker(brokerAddr, request, "update broker config", ctx).ConfigureAwait(false), brokerAddr);
        _logger.LogInformation("updated config of broker {Broker}: {Keys}", brokerAddr, string.Join(',', properties.Keys));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetNameServerAddressList(CancellationToken ctx) => NameServerAddresses(ctx);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetNameServerConfig(CancellationToken ctx, IReadOnlyList<string>? nameServers = null)
    {
        var addrs = nameServers is { Count: > 0 } ? nameServers : await NameServerAddresses(ctx).ConfigureAwait(false);
        var configs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var addr in addrs)
        {
            var response = await InvokeBroker(addr, RemotingCommand.CreateRequest(RequestCode.GET_NAMESRV_CONFIG), "get name server config", ctx).ConfigureAwait(false);
            configs[addr] = ToDictionary(JavaProperties.Decode(EnsureSuccess(response, addr).Body.Span));
        }

        return configs;
    }

    /// <inheritdoc />
    public async Task UpdateNameServerConfig(CancellationToken ctx, IReadOnlyDictionary<string, string> properties, IReadOnlyList<string>? nameServers = null)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var addrs = nameServers is { Count: > 0 } ? nameServers : await NameServerAddresses(ctx).ConfigureAwait(false);
        var body = JavaProperties.Encode(Nullable(properties));
        foreach (var addr in addrs)
        {
            var request = RemotingCommand.CreateRequest(RequestCode.UPDATE_NAMESRV_CONFIG, null, body);
            EnsureSuccess(await InvokeBroker(addr, request, "update name server config", ctx).ConfigureAwait(false), addr);
        }
    }

    /// <inheritdoc />
    public async Task CreateAndUpdateKvConfig(CancellationToken ctx, string ns, string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var addr in await NameServerAddresses(ctx).ConfigureAwait(false))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.PUT_KV_CONFIG, new KvConfigRequestHeader { Namespace = ns, Key = key, Value = value });
            EnsureSuccess(await InvokeBroker(addr, request, $"put kv config {ns}/{key}", ctx).ConfigureAwait(false), addr);
        }
    }

    /// <inheritdoc />
    public async Task DeleteKvConfig(CancellationToken ctx, string ns, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var addr in await NameServerAddresses(ctx).ConfigureAwait(false))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.DELETE_KV_CONFIG, new KvConfigRequestHeader { Namespace = ns, Key = key });
            EnsureSuccess(await InvokeBroker(addr, request, $"delete kv config {ns}/{key}", ctx).ConfigureAwait(false), addr);
        }
    }

    /// <inheritdoc />
    public async Task<string?> GetKvConfig(CancellationToken ctx, string ns, string key)
    {
        var (response, addr) = await InvokeNameServer(
            () => CommandHeaders.CreateRequest(RequestCode.GET_KV_CONFIG, new KvConfigRequestHeader { Namespace = ns, Key = key }), $"get kv config {ns}/{key}", ctx)
            .ConfigureAwait(false);
        return response.Code == ResponseCode.QUERY_NOT_FOUND ? null : EnsureSuccess(response, addr).GetExtField("value");
    }

    /// <inheritdoc />
    public Task<int> WipeWritePermOfBroker(CancellationToken ctx, string nameServerAddr, string brokerName)
        => WritePerm(RequestCode.WIPE_WRITE_PERM_OF_BROKER, "wipeTopicCount", nameServerAddr, brokerName, ctx);

    /// <inheritdoc />
    public Task<int> AddWritePermOfBroker(CancellationToken ctx, string nameServerAddr, string brokerName)
        => WritePerm(RequestCode.ADD_WRITE_PERM_OF_BROKER, "addTopicCount", nameServerAddr, brokerName, ctx);

    private async Task<int> WritePerm(int code, string countField, string nameServerAddr, string brokerName, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameServerAddr);
        ArgumentException.ThrowIfNullOrEmpty(brokerName);
        var request = CommandHeaders.CreateRequest(code, new WritePermOfBrokerRequestHeader { BrokerName = brokerName });
        var response = EnsureSuccess(await InvokeBroker(nameServerAddr, request, $"change write permission of broker {brokerName}", ct).ConfigureAwait(false), nameServerAddr);
        return int.TryParse(response.GetExtField(countField), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;
    }

    /// <summary>A KVTable body: <c>{"table":{key:value,...}}</c>.</summary>
    private static Dictionary<string, string> ReadKvTable(ReadOnlySpan<byte> body)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        if (FastJson.ParseObject(body).GetObject("table") is { } entries)
        {
            foreach (var entry in entries)
            {
                table[entry.Name ?? string.Empty] = entry.Value.IsNull ? string.Empty : entry.Value.GetString() ?? string.Empty;
            }
        }

        return table;
    }

    private static Dictionary<string, string> ToDictionary(List<KeyValuePair<string, string>> entries)
    {
        var table = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            table[key] = value;
        }

        return table;
    }

    private static IEnumerable<KeyValuePair<string, string?>> Nullable(IReadOnlyDictionary<string, string> properties)
    {
        foreach (var (key, value) in properties)
        {
            yield return new(key, value);
        }
    }
}
