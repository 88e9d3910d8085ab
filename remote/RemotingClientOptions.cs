using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Remote;

/// <summary>Settings of a <see cref="RemotingClient"/> (Go: <c>RemotingClientConfig</c> / <c>TcpOption</c>).</summary>
public sealed class RemotingClientOptions
{
    private List<IRpcHook> _rpcHooks = [];

    /// <summary>Where the client logs; nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>How long opening a connection (TCP and TLS handshake) may take (Go: <c>ConnectionTimeout</c>, 15 s).</summary>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>TCP keep-alive idle time and probe interval; zero keeps the OS defaults (Go: <c>KeepAliveDuration</c>).</summary>
    public TimeSpan KeepAliveDuration { get; set; } = TimeSpan.Zero;

    /// <summary>Wrap connections in TLS (Go: <c>UseTls</c>).</summary>
    public bool UseTls { get; set; }

    /// <summary>The name the server certificate must carry; defaults to the host of the address.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>
    /// Accept any server certificate (Go's client always does: <c>InsecureSkipVerify: true</c>). Off by default here:
    /// the certificate is checked against the system trust store unless this or <see cref="TlsCertificateValidation"/> is set.
    /// </summary>
    public bool TlsInsecureSkipVerify { get; set; }

    /// <summary>Custom server certificate check (e.g. pinning a private CA); wins over <see cref="TlsInsecureSkipVerify"/>.</summary>
    public RemoteCertificateValidationCallback? TlsCertificateValidation { get; set; }

    /// <summary>Client certificates for servers that require mutual TLS (Java: <c>tls.client.certPath</c> + <c>keyPath</c>).</summary>
    public X509CertificateCollection? TlsClientCertificates { get; set; }

    /// <summary>
    /// Roots the server certificate must chain to instead of the system store (Java: <c>tls.client.trustCertPath</c>):
    /// a private CA, or a self-signed server certificate itself. The name is still checked against
    /// <see cref="TlsServerName"/> (or the address's host).
    /// </summary>
    public X509Certificate2Collection? TlsTrustedCertificates { get; set; }

    /// <summary>TLS versions offered; <see cref="SslProtocols.None"/> (the default) lets the OS choose (TLS 1.2 and 1.3, what a Netty JDK server speaks).</summary>
    public SslProtocols TlsProtocols { get; set; } = SslProtocols.None;

    /// <summary>Frames longer than this close the connection as malformed (Java's default: 16 MiB).</summary>
    public int MaxFrameLength { get; set; } = RemotingCommandCodec.DefaultMaxFrameLength;

    /// <summary>ACL credentials; when set, every request is signed by an <see cref="AclClientRpcHook"/> after the other hooks ran.</summary>
    public Credentials? Credentials { get; set; }

    /// <summary>Hooks run around every request, in order (Go: <c>RegisterInterceptor</c>; Java: <c>registerRPCHook</c>).</summary>
    internal IList<IRpcHook> RpcHooks => _rpcHooks;

    /// <summary>Header encoding of every request this client sends (Go: the <c>RocketMQ_SERIALIZE_TYPE</c> switch).</summary>
    public SerializeType SerializeType { get; set; } = SerializeType.JSON;

    /// <summary>Commands that may wait in a connection's write queue before senders wait for room.</summary>
    public int WriteQueueCapacity { get; set; } = 16 * 1024;

    /// <summary>
    /// True (the default on Linux, whose blocking connect honours the send timeout): each plain (non-TLS) connection
    /// has its own reader thread on a blocking socket, woken by the kernel directly, which continues the awaiter of
    /// the last response it has read itself (a send loop then runs on one thread, as a Go goroutine or Node's event
    /// loop would, without a thread-pool hop) and hands those read before it to the pool; an awaiter that holds the
    /// thread longer than
    /// <see cref="ReaderHandOff"/> gets a new reader started in its place. False: reads on the thread pool.
    /// </summary>
    public bool DedicatedReaders { get; set; } = OperatingSystem.IsLinux();

    /// <summary>How long an awaiter may hold a dedicated reader before another reader takes over the connection.</summary>
    public TimeSpan ReaderHandOff { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Upper bound on how long <see cref="RemotingClient.ShutdownAsync"/> waits for connection loops to end.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A copy of every setting, with its own hook list (hooks, certificates and the logger factory are shared). Copies
    /// field by field, so a setting added later is copied without touching this method.
    /// </summary>
    public RemotingClientOptions Clone()
    {
        var copy = (RemotingClientOptions)MemberwiseClone();
        copy._rpcHooks = [.. _rpcHooks];
        return copy;
    }
}
