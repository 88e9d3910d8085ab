using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RocketMQ.Go.Port.Broker.Tls;

/// <summary>
/// A certificate made on the spot for a development cluster, its examples and tests (Go's tls examples assume one
/// exists; Java's tls test uses a fixed one): ECDSA P-256, valid for localhost, 127.0.0.1 and ::1 plus the names
/// given, for servers and clients, from five minutes ago for <c>validFor</c> (a day by default).
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Creates the certificate with its private key, usable by SslStream on every platform.</summary>
    public static X509Certificate2 Create(string subject = "localhost", TimeSpan? validFor = null, params string[] extraNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in extraNames.Append(subject).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else if (!string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") }, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + (validFor ?? TimeSpan.FromDays(1)));

        // A round trip through PKCS#12 gives a certificate whose private key SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>The public part in PEM, for clients to trust (Java: <c>tls.client.trustCertPath</c>).</summary>
    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
