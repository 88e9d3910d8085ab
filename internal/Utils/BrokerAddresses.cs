using System.Globalization;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The broker's VIP channel (Go: client.go <c>brokerVIPChannel</c>, defined but never called; Java:
/// <c>MixAll.brokerVIPChannel</c>): the same broker on its listen port - 2, the "fast" port a 4.x broker always opens,
/// so administrative and offset calls don't queue behind pulls and sends.
/// </summary>
internal static class BrokerAddresses
{
    /// <summary>"host:port" -> "host:(port - 2)"; an address without a port is returned as is.</summary>
    public static string VipChannel(string brokerAddr)
    {
        var colon = brokerAddr.LastIndexOf(':');
        return colon > 0 && int.TryParse(brokerAddr.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 2
            ? string.Concat(brokerAddr.AsSpan(0, colon + 1), (port - 2).ToString(CultureInfo.InvariantCulture))
            : brokerAddr;
    }

    /// <summary>
    /// Where a call that Java's MQClientAPIImpl routes through the VIP channel goes: the VIP port when the client's
    /// <c>VIPChannelEnabled</c> is on (Java: <c>vipChannelEnabled</c>), else the address itself.
    /// </summary>
    public static string ForVipCall(this IRMQClient client, string brokerAddr)
        => client.Options.VIPChannelEnabled ? VipChannel(brokerAddr) : brokerAddr;
}
