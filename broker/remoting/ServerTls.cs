using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Remoting;

/// <summary>The server side of TLS: Java's permissive-mode sniffing and the handshake settings.</summary>
internal static class ServerTls
{
    /// <summary>A TLS record of type handshake starts with this byte (Netty's SslHandler.isEncrypted looks at it too).</summary>
    private const byte HandshakeRecord = 0x16;

    /// <summary>
    /// Peeks at the client's first byte without taking it: true for a TLS handshake, false for a plain remoting frame
    /// (whose first byte is the top byte of a length under 16 MiB, so 0). Throws when the client closes first.
    /// </summary>
    public static async Task<bool> StartsWithHandshake(Socket socket, CancellationToken cancellationToken)
    {
        var first = new byte[1];
        var read = await socket.ReceiveAsync(first, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
        return read == 0 ? throw new IOException("the client closed the connection before sending anything") : first[0] == HandshakeRecord;
    }

    /// <summary>The handshake settings of <paramref name="options"/>.</summary>
    public static SslServerAuthenticationOptions Options(RemotingServerOptions options, X509Certificate2 certificate)
    {
        var tls = new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = options.TlsProtocols,
            ClientCertificateRequired = options.TlsClientAuth != TlsClientAuth.None,

            // A resumed session skips the certificate request, and .NET accepts tickets issued by another server of the
            // process with the same certificate (an embedded name server that asks no certificate): a server that asks
            // for one makes every client authenticate in full.
            AllowTlsResume = options.TlsClientAuth == TlsClientAuth.None,
        };
        if (options.TlsClientAuth == TlsClientAuth.None)
        {
            return tls;
        }

        if (options.TlsClientCertificateValidation is { } validate)
        {
            tls.RemoteCertificateValidationCallback = validate;
            return tls;
        }

        if (options.TlsTrustedClientCertificates is { Count: > 0 } roots)
        {
            tls.CertificateChainPolicy = TcpDialer.TrustOnly(roots);
        }

        var optional = options.TlsClientAuth == TlsClientAuth.Optional;
        tls.RemoteCertificateValidationCallback = (_, certificate, chain, errors)
            => errors == SslPolicyErrors.None || (optional && certificate is null && errors == SslPolicyErrors.RemoteCertificateNotAvailable);
        return tls;
    }
}
