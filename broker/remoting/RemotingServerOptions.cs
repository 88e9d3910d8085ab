using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Remoting;

/// <summary>Settings of a <see cref="RemotingServer"/>.</summary>
internal sealed class RemotingServerOptions
{
    /// <summary>Where the server logs; nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Serve TLS with this certificate (it must carry its private key); null serves plain TCP.</summary>
    public X509Certificate2? ServerCertificate { get; set; }

    /// <summary>
    /// With a <see cref="ServerCertificate"/>: TLS only (<see cref="Remote.TlsMode.Enforcing"/>, the default), or TLS and
    /// plain TCP on the same port, told apart by the first byte a client sends (<see cref="Remote.TlsMode.Permissive"/>,
    /// the Apache broker's default <c>tls.server.mode</c>).
    /// </summary>
    public TlsMode TlsMode { get; set; } = TlsMode.Enforcing;

    /// <summary>Whether TLS clients must present a certificate (Java: <c>tls.server.need.client.auth</c>: none, optional, require).</summary>
    public TlsClientAuth TlsClientAuth { get; set; } = TlsClientAuth.None;

    /// <summary>
    /// Roots a client certificate must chain to (Java: <c>tls.server.trustCertPath</c>); null trusts the system store.
    /// A self-signed client certificate can be listed itself.
    /// </summary>
    public X509Certificate2Collection? TlsTrustedClientCertificates { get; set; }

    /// <summary>Custom client certificate check; wins over <see cref="TlsTrustedClientCertificates"/>.</summary>
    public RemoteCertificateValidationCallback? TlsClientCertificateValidation { get; set; }

    /// <summary>TLS versions offered; <see cref="SslProtocols.None"/> (the default) lets the OS choose (TLS 1.2 and 1.3).</summary>
    public SslProtocols TlsProtocols { get; set; } = SslProtocols.None;

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
