using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A validated list of name server addresses (Go: <c>primitive.NamesrvAddr</c>, <c>NewNamesrvAddr</c>). Each entry is
/// <c>host:port</c> (IPv4, <c>[IPv6]</c> or a DNS name; Java accepts names too, Go only IPs) or an http(s) URL of
/// an address service.
/// </summary>
public sealed class NamesrvAddr : IReadOnlyList<string>
{
    private readonly string[] _addresses;

    private NamesrvAddr(string[] addresses) => _addresses = addresses;

    /// <inheritdoc />
    public int Count => _addresses.Length;

    /// <inheritdoc />
    public string this[int index] => _addresses[index];

    /// <summary>
    /// Validates addresses (Go: <c>NewNamesrvAddr</c>). A single argument may hold several addresses separated by
    /// ';' (the NAMESRV_ADDR form).
    /// </summary>
    /// <exception cref="MQClientException">No address (<see cref="ClientErrors.ErrNoNameserver"/>) or a malformed one
    /// (<see cref="ClientErrors.ErrIllegalIP"/>, <see cref="ClientErrors.ErrMultiIP"/>).</exception>
    public static NamesrvAddr Create(params string[]? addresses)
    {
        if (addresses is null || addresses.Length == 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNoNameserver);
        }

        var list = addresses.Length == 1
            ? addresses[0].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : addresses.Select(a => a?.Trim() ?? string.Empty).ToArray();
        if (list.Length == 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrNoNameserver);
        }

        foreach (var address in list)
        {
            Verify(address);
        }

        return new NamesrvAddr(list);
    }

    /// <summary>Validates every entry again (Go: <c>Check</c>).</summary>
    public void Check()
    {
        foreach (var address in _addresses)
        {
            Verify(address);
        }
    }

    /// <summary>True when the two lists differ as sets of addresses (Go: <c>primitive.Diff</c>).</summary>
    public static bool Diff(IReadOnlyCollection<string> origin, IReadOnlyCollection<string> latest)
    {
        if (origin.Count != latest.Count)
        {
            return true;
        }

        var originSet = new HashSet<string>(origin, StringComparer.Ordinal);
        var latestSet = new HashSet<string>(latest, StringComparer.Ordinal);
        return !originSet.SetEquals(latestSet);
    }

    /// <summary>Checks one address; throws <see cref="MQClientException"/> with the reason.</summary>
    public static void Verify(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw ClientErrors.Create(ClientErrors.ErrIllegalIP, "empty name server address");
        }

        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (address.Contains(';'))
        {
            throw ClientErrors.Create(ClientErrors.ErrMultiIP, $"'{address}' holds several addresses; pass them separately or as one ';' separated string");
        }

        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1)
        {
            throw ClientErrors.Create(ClientErrors.ErrIllegalIP, $"'{address}' is not host:port");
        }

        var host = address[..colon];
        if (!int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw ClientErrors.Create(ClientErrors.ErrIllegalIP, $"'{address}' has an invalid port");
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return;
            }
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            if (ip.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3)
            {
                return;
            }
        }
        else if (Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            return;
        }

        throw ClientErrors.Create(ClientErrors.ErrIllegalIP, $"'{address}' has an invalid host (use an IPv4 address, [IPv6] or a host name)");
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_addresses).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _addresses.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => string.Join(';', _addresses);
}
