using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Remote;

/// <summary>Settings of a <see cref="RemotingServer"/>.</summary>
public sealed class RemotingServerOptions
{
    /// <summary>Where the server logs; nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Serve TLS with this certificate (it must carry its private key); null serves plain TCP.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>How long a TLS handshake may take before the connection is dropped.</summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames longer than this close the connection as malformed (Java's default: 16 MiB).</summary>
    public int MaxFrameLength { get; set; } = RemotingCommandCodec.DefaultMaxFrameLength;

    /// <summary>Commands that may wait in a connection's write queue before senders wait for room.</summary>
    public int WriteQueueCapacity { get; set; } = 16 * 1024;

    /// <summary>Listen backlog.</summary>
    public int Backlog { get; set; } = 1024;

    /// <summary>Upper bound on how long <see cref="RemotingServer.StopAsync"/> waits for connections to wind down.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
