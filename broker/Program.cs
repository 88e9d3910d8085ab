using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Tls;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// <c>dotnet run --project broker [-- options]</c>: a development name server on 127.0.0.1:9876 and broker on
/// 127.0.0.1:10911 until Ctrl+C or SIGTERM (exit 0); a taken port or another start failure is one line on stderr
/// and exit 1, bad options exit 2.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Embedded RocketMQ 4.9 development cluster.
        Options:
          --namesrv-port N     first name server port (default 9876; 0 = any free port)
          --namesrvs N         number of name servers (default 1)
          --broker-port N      first broker port (default 10911; 0 = any free port)
          --brokers N          number of brokers: broker-a, broker-b, ... (default 1)
          --slaves N           slaves per broker, 0-8 (default 0): broker id 1.., same name, sharing the master's store
          --cluster NAME       cluster name (default DefaultCluster)
          --broker-prefix P    broker name prefix (default "broker-")
          --queues N           queues of topics created on first send (default 4)
          --store DIR          keep messages and offsets in DIR (default: memory only)
          --sync-flush         with --store: acknowledge sends after fsync
          --acl-access-key K   require requests signed with this access key ...
          --acl-secret-key S   ... and this secret key
          --vip-channel        brokers also listen on port - 2 (Java's VIP/fast port)
          --tls-cert FILE      serve TLS with this certificate: PEM (with --tls-key) or PKCS#12 (--tls-password)
          --tls-key FILE       the PEM private key of --tls-cert
          --tls-password PW    the password of a PKCS#12 --tls-cert
          --tls-self-signed F  serve TLS with a certificate made now for localhost; its PEM goes to F for clients to trust
          --tls-mode MODE      permissive (default: TLS and plain clients) or enforcing (TLS only)
          --tls-client-auth A  none (default), optional or require client certificates (brokers)
          --tls-trust FILE     PEM roots client certificates must chain to (default: the system store)
          --log-level LEVEL    Trace, Debug, Information (default), Warning, Error
          --help               this text
        """;

    private static async Task<int> Main(string[] args)
    {
        EmbeddedClusterOptions options;
        LogLevel level;
        try
        {
            (options, level) = Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        if (args.Contains("--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));
        options.LoggerFactory = loggerFactory;
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };

        // SIGTERM (systemd, docker stop, Kubernetes) stops as gently as Ctrl+C: the runtime's default would end the
        // process before the cluster is disposed.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(options);
        }
        catch (PortInUseException e)
        {
            var flag = e.IsNameServer ? "--namesrv-port" : "--broker-port";
            await Console.Error.WriteLineAsync($"{e.Message}: another process listens there; choose another port with {flag} N (0 picks a free one)");
            return 1;
        }
        catch (Exception e)
        {
            // Any other start failure (an unreadable store, a refused address) is one line too, with its cause.
            await Console.Error.WriteLineAsync($"the cluster did not start: {e.Message}" + (e.InnerException is { } cause ? $": {cause.Message}" : ""));
            return 1;
        }

        try
        {
            Console.WriteLine($"name server: {cluster.NameServerAddress}");
            for (var i = 0; i < cluster.BrokerAddresses.Count; i++)
            {
                Console.WriteLine($"broker {cluster.BrokerNames[i]} ({options.ClusterName}): {cluster.BrokerAddresses[i]}");
                var slaves = cluster.SlaveAddressesOf(i);
                for (var id = 1; id <= slaves.Count; id++)
                {
                    Console.WriteLine($"slave {id} of {cluster.BrokerNames[i]} ({options.ClusterName}): {slaves[id - 1]}");
                }
            }

            Console.WriteLine(options.StoreDirectory is null ? "store: memory" : $"store: {Path.GetFullPath(options.StoreDirectory)}");
            if (options.TlsCertificate is { } certificate)
            {
                Console.WriteLine($"tls: {options.TlsMode}, client auth {options.TlsClientAuth}, certificate {certificate.Subject} ({certificate.GetCertHashString()})");
            }

            if (options.VipChannelEnabled)
            {
                Console.WriteLine("vip channel: each broker also listens on its port - 2");
            }

            Console.WriteLine("press Ctrl+C to stop");
            await stop.Task;
            Console.WriteLine("stopping...");
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Console.WriteLine("stopped");
        return 0;
    }

    internal static (EmbeddedClusterOptions Options, LogLevel Level) Parse(string[] args)
    {
        var options = new EmbeddedClusterOptions { NameServerPort = 9876, BrokerPort = 10911 };
        var level = LogLevel.Information;
        string? certFile = null, keyFile = null, password = null, selfSigned = null, trustFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a non-negative number");
            switch (args[i])
            {
                case "--namesrv-port": options.NameServerPort = Number(); break;
                case "--namesrvs": options.NameServerCount = Math.Max(1, Number()); break;
                case "--broker-port": options.BrokerPort = Number(); break;
                case "--brokers": options.BrokerCount = Math.Clamp(Number(), 1, 26); break;
                case "--slaves":
                    options.SlavesPerBroker = Number();
                    if (options.SlavesPerBroker is < 0 or > 8)
                    {
                        throw new ArgumentException($"--slaves is 0-8, not {options.SlavesPerBroker}");
                    }

                    break;
                case "--cluster": options.ClusterName = Value(); break;
                case "--broker-prefix": options.BrokerNamePrefix = Value(); break;
                case "--queues": options.DefaultTopicQueueNums = Math.Max(1, Number()); break;
                case "--store": options.StoreDirectory = Value(); break;
                case "--sync-flush": options.FlushDiskType = FlushDiskType.SyncFlush; break;
                case "--acl-access-key": options.AclAccessKey = Value(); break;
                case "--acl-secret-key": options.AclSecretKey = Value(); break;
                case "--vip-channel": options.VipChannelEnabled = true; break;
                case "--tls-cert": certFile = Value(); break;
                case "--tls-key": keyFile = Value(); break;
                case "--tls-password": password = Value(); break;
                case "--tls-self-signed": selfSigned = Value(); break;
                case "--tls-trust": trustFile = Value(); break;
                case "--tls-mode":
                    options.TlsMode = Value().ToLowerInvariant() switch
                    {
                        "permissive" => TlsMode.Permissive,
                        "enforcing" => TlsMode.Enforcing,
                        var other => throw new ArgumentException($"--tls-mode is permissive or enforcing, not '{other}'"),
                    };
                    break;
                case "--tls-client-auth":
                    options.TlsClientAuth = Enum.TryParse<TlsClientAuth>(Value(), ignoreCase: true, out var auth) && Enum.IsDefined(auth)
                        ? auth
                        : throw new ArgumentException("--tls-client-auth is none, optional or require");
                    break;
                case "--log-level":
                    level = Enum.TryParse<LogLevel>(Value(), ignoreCase: true, out var l) ? l : throw new ArgumentException("unknown log level");
                    break;
                case "--help": break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if ((options.AclAccessKey is null) != (options.AclSecretKey is null))
        {
            throw new ArgumentException("--acl-access-key and --acl-secret-key go together");
        }

        options.TlsCertificate = LoadCertificate(certFile, keyFile, password, selfSigned);
        if (trustFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(trustFile);
            options.TlsTrustedClientCertificates = roots;
        }

        return (options, level);
    }

    // --tls-cert (PEM + key, or PKCS#12) or --tls-self-signed; null for plain TCP.
    private static X509Certificate2? LoadCertificate(string? certFile, string? keyFile, string? password, string? selfSigned)
    {
        if (selfSigned is not null)
        {
            if (certFile is not null)
            {
                throw new ArgumentException("--tls-cert and --tls-self-signed exclude each other");
            }

            var made = SelfSignedCertificate.Create();
            File.WriteAllText(selfSigned, SelfSignedCertificate.ToPem(made));
            Console.WriteLine($"tls: self-signed certificate for localhost written to {Path.GetFullPath(selfSigned)}");
            return made;
        }

        if (certFile is null)
        {
            return keyFile is null && password is null ? null : throw new ArgumentException("--tls-key and --tls-password need --tls-cert");
        }

        try
        {
            if (keyFile is not null)
            {
                using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), password: null);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(certFile, password);
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--tls-cert {certFile}: {e.Message}", e);
        }
    }
}
