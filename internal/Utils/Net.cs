using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Local addresses (Go: internal/utils/net.go; Java: RemotingUtil.getLocalAddress).</summary>
internal static class NetUtils
{
    private static readonly Lazy<string> Local = new(() => ChooseClientIP(InterfaceAddresses()));

    /// <summary>
    /// This host's address in client ids, computed once: the first IPv4 address of an up, non-loopback interface
    /// (Go: <c>utils.LocalIP</c>), else its first IPv6 address (global before link-local), written as Java writes
    /// one, <c>[addr]</c> (Go finds none there and the client id becomes <c>@pid</c>); empty when there is neither.
    /// </summary>
    public static string LocalIP => Local.Value;

    /// <summary>Go: <c>ClientIP4</c>; null where Go returns <c>ErrUnknownIP</c>.</summary>
    public static IPAddress? ClientIP4() => InterfaceAddresses().FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    /// <summary>
    /// The client address among <paramref name="addresses"/> (those of up, non-loopback interfaces, in interface
    /// order): the first IPv4, else the first global IPv6, else the first link-local IPv6; "" when none.
    /// </summary>
    public static string ChooseClientIP(IEnumerable<IPAddress> addresses)
    {
        IPAddress? global6 = null, link6 = null;
        foreach (var raw in addresses)
        {
            var address = raw.IsIPv4MappedToIPv6 ? raw.MapToIPv4() : raw;
            if (IPAddress.IsLoopback(address))
            {
                continue;
            }

            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                return address.ToString();
            }

            if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv6Multicast)
            {
                continue;
            }

            if (address.IsIPv6LinkLocal)
            {
                link6 ??= address;
            }
            else
            {
                global6 ??= address;
            }
        }

        return global6 is not null ? FormatClientIP(global6) : link6 is not null ? FormatClientIP(link6) : string.Empty;
    }

    /// <summary>
    /// Java's form of a client address (<c>RemotingUtil.normalizeHostAddress</c>): IPv4 as is, IPv6 in brackets,
    /// without a scope id (it names a local interface, meaningless to the brokers).
    /// </summary>
    public static string FormatClientIP(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var unscoped = new IPAddress(address.GetAddressBytes());
        return "[" + unscoped + "]";
    }

    /// <summary>Parses an IPv4 or IPv6 address (bracketed or not) given as the client IP, in Java's form.</summary>
    public static bool TryNormalizeClientIP(string? text, out string clientIP)
    {
        clientIP = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            trimmed = trimmed[1..^1];
        }

        if (!IPAddress.TryParse(trimmed, out var address) || (address.AddressFamily == AddressFamily.InterNetwork && trimmed.Count(c => c == '.') != 3))
        {
            return false;
        }

        clientIP = FormatClientIP(address);
        return true;
    }

    private static List<IPAddress> InterfaceAddresses()
    {
        var list = new List<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    list.Add(unicast.Address);
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Some sandboxes deny interface enumeration; Go reports an unknown IP then too.
        }

        return list;
    }
}
