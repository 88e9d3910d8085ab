using System.Security.Cryptography.X509Certificates;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Tls;

/// <summary>
/// TLS of an embedded name server or broker (Java: the <c>tls.server.*</c> settings of TlsSystemConfig, which both
/// read). Without a <see cref="Certificate"/> the server speaks plain TCP.
/// </summary>
public sealed class ServerTlsConfig
{
    /// <summary>The server certificate with its private key (Java: <c>tls.server.certPath</c> + <c>keyPath</c>).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Java's <c>tls.server.mode</c>; permissive (the Apache default) also serves plain clients on the same port.</summary>
    public TlsMode Mode { get; set; } = TlsMode.Permissive;

    /// <summary>Java's <c>tls.server.need.client.auth</c> (brokers only; name servers never ask).</summary>
    public TlsClientAuth ClientAuth { get; set; } = TlsClientAuth.None;

    /// <summary>Roots client certificates must chain to (Java: <c>tls.server.trustCertPath</c>); null: the system store.</summary>
    public X509Certificate2Collection? TrustedClientCertificates { get; set; }

    /// <summary>True when connections may be TLS.</summary>
    public bool Enabled => Certificate is not null && Mode != TlsMode.Disabled;

    /// <summary>Puts these settings on a server's options.</summary>
    internal void ApplyTo(RemotingServerOptions options, bool askClients)
    {
        options.ServerCertificate = Certificate;
        options.TlsMode = Mode;
        options.TlsClientAuth = askClients ? ClientAuth : TlsClientAuth.None;
        options.TlsTrustedClientCertificates = TrustedClientCertificates;
    }

    /// <summary>
    /// A broker's own client to the name servers: TLS only when they refuse plain TCP, trusting exactly their
    /// certificate (the cluster's own), by pin.
    /// </summary>
    internal void ApplyToClient(RemotingClientOptions options)
    {
        if (!Enabled || Mode != TlsMode.Enforcing || Certificate is not { } certificate)
        {
            return;
        }

        var pin = certificate.GetCertHashString();
        options.UseTls = true;
        options.TlsCertificateValidation = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == pin;
    }
}
