using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class TlsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Requests_round_trip_over_TLS_with_a_pinned_self_signed_certificate()
    {
        using var certificate = SelfSigned();
        await using var server = TestServer.Start(new RemotingServerOptions { ServerCertificate = certificate });
        string? seenSubject = null;
        await using var client = new RemotingClient(new RemotingClientOptions
        {
            UseTls = true,
            TlsServerName = "localhost",
            TlsCertificateValidation = (_, cert, _, _) =>
            {
                seenSubject = cert?.Subject;
                return cert is not null && cert.GetCertHashString() == certificate.GetCertHashString();
            },
        });

        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "secret"), TimeSpan.FromSeconds(10)).WaitAsync(Bound);
        var oneway = client.InvokeOneWay(server.Address, TestServer.Request(TestServer.Silent));

        response.GetExtField("tag").Should().Be("secret");
        seenSubject.Should().Be("CN=localhost");
        await oneway.WaitAsync(Bound);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_the_connect_unless_verification_is_skipped()
    {
        using var certificate = SelfSigned();
        await using var server = TestServer.Start(new RemotingServerOptions { ServerCertificate = certificate });
        await using var strict = new RemotingClient(new RemotingClientOptions { UseTls = true, TlsServerName = "localhost" });
        await using var insecure = new RemotingClient(new RemotingClientOptions { UseTls = true, TlsInsecureSkipVerify = true });

        var refused = () => strict.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(10)).WaitAsync(Bound);
        (await refused.Should().ThrowAsync<RemotingConnectException>()).Which.Message.Should().Contain("TLS");

        var response = await insecure.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "ok"), TimeSpan.FromSeconds(10)).WaitAsync(Bound);
        response.GetExtField("tag").Should().Be("ok");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A round trip through PKCS#12 gives a certificate whose private key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
