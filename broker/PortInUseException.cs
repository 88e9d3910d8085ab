using System.Net.Sockets;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// A name server or broker of an <see cref="EmbeddedCluster"/> could not listen: its port is taken by another
/// process. The <see cref="Exception.InnerException"/> is the <see cref="SocketException"/>.
/// </summary>
public sealed class PortInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PortInUseException(string role, string host, int port, SocketException inner)
        : base($"{role} port {port} on {host} is already in use", inner)
    {
        Role = role;
        Host = host;
        Port = port;
    }

    /// <summary>"name server" or "broker".</summary>
    public string Role { get; }

    /// <summary>The address it was to listen on.</summary>
    public string Host { get; }

    /// <summary>The port that is taken.</summary>
    public int Port { get; }

    /// <summary>True for the name server's port, false for a broker's.</summary>
    public bool IsNameServer => Role == NameServerRole;

    internal const string NameServerRole = "name server";

    internal const string BrokerRole = "broker";
}
