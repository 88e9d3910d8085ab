using System.Security.Cryptography.X509Certificates;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Tls;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Examples.Common;

/// <summary>
/// TLS for the tls examples (Go: examples/producer/tls and consumer/tls, which only set <c>WithTls(true)</c>). With the
/// embedded broker: a certificate for localhost is generated at run time, the cluster serves TLS only with it and the
/// client trusts exactly it. With --nameserver: the client trusts the system store, or --tls-trust FILE (PEM, Java:
/// tls.client.trustCertPath); --tls-server-name names the certificate's host when the address does not;
/// --tls-cert FILE and --tls-key FILE present a client certificate to brokers that require one
/// (tls.server.need.client.auth=require).
/// </summary>
public static class TlsExample
{
    private static readonly Lazy<X509Certificate2> Generated = new(() => SelfSignedCertificate.Create());

    /// <summary>Makes an embedded cluster serve TLS only, with the generated certificate.</summary>
    public static void Serve(EmbeddedClusterOptions options)
    {
        options.TlsCertificate = Generated.Value;
        options.TlsMode = TlsMode.Enforcing;
    }

    /// <summary>The client's TLS settings for this run (see the type's summary).</summary>
    public static Action<RemotingClientOptions> Client(ExampleContext ctx) => options =>
    {
        options.UseTls = true;
        if (ctx.Embedded)
        {
            options.TlsTrustedCertificates = [X509CertificateLoader.LoadCertificate(Generated.Value.RawData)];
            options.TlsServerName = "localhost";
            return;
        }

        if (ctx.Flags.Get("tls-trust") is { } trust)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(trust);
            options.TlsTrustedCertificates = roots;
        }

        if (ctx.Flags.Get("tls-server-name") is { } serverName)
        {
            options.TlsServerName = serverName;
        }

        if (ctx.Flags.Get("tls-cert") is { } cert)
        {
            var key = ctx.Flags.Get("tls-key") ?? throw new ArgumentException("--tls-cert needs --tls-key (the PEM private key)");
            using var pem = X509Certificate2.CreateFromPemFile(cert, key);
            options.TlsClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), password: null)];
        }
    };
}
