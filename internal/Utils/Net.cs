using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Local addresses (Go: internal/utils/net.go).</summary>
internal static class NetUtils
{
    private static readonly Lazy<string> Local = new(() => ClientIP4() is { } ip ? ip.ToString() : string.Empty);

    /// <summary>
    /// The first IPv4 address of an up, non-loopback interface, computed once (Go: <c>utils.LocalIP</c>); empty when
    /// there is none, as in Go.
    /// </summary>
    public static string LocalIP => Local.Value;

    /// <summary>Go: <c>ClientIP4</c>; null where Go returns <c>ErrUnknownIP</c>.</summary>
    public static IPAddress? ClientIP4()
    {
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
                    var address = unicast.Address;
                    if (address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
                    {
                        return address;
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Some sandboxes deny interface enumeration; Go reports an unknown IP then too.
        }

        return null;
    }
}
