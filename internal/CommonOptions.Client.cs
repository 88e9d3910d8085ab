using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port;

/// <summary>
/// Client settings Java's ClientConfig makes public and Go hard-codes (Go: <c>_HeartbeatBrokerInterval</c>,
/// <c>_PullNameServerInterval</c>, <c>utils.LocalIP</c>). The shared client of a client id takes them from the first
/// producer or consumer that created it, as Java's MQClientInstance keeps the first ClientConfig.
/// </summary>
public abstract partial class CommonOptions
{
    /// <summary>
    /// The address in this client's id (Java: <c>clientIP</c>); by default the first IPv4 address of an up interface,
    /// else its IPv6 address. IPv6 is written as Java writes it, in brackets.
    /// </summary>
    /// <exception cref="ArgumentException">Null, blank, or not an IPv4 or IPv6 address.</exception>
    public static ClientOption WithClientIP(string ip)
    {
        OptionChecks.NotBlank(ip, "client IP");
        OptionChecks.Require(NetUtils.TryNormalizeClientIP(ip, out var normalized), $"client IP must be an IPv4 or IPv6 address, got '{ip}'", nameof(ip), nameof(WithClientIP));
        return new(o => o.SetClientIP(normalized));
    }

    /// <summary>How often the client sends heartbeats to every broker (Java: <c>heartbeatBrokerInterval</c>, 30 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ClientOption WithHeartbeatBrokerInterval(TimeSpan interval)
    {
        OptionChecks.Positive(interval, "heartbeat interval");
        return new(o => o.SetHeartbeatBrokerInterval(interval));
    }

    /// <summary>How often the client refreshes topic routes from the name server (Java: <c>pollNameServerInterval</c>, 30 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ClientOption WithPollNameServerInterval(TimeSpan interval)
    {
        OptionChecks.Positive(interval, "route refresh interval");
        return new(o => o.SetPollNameServerInterval(interval));
    }
}
