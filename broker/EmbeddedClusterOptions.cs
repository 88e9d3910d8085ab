using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Remote;
using RocketMQ.Go.Port.Broker.Store;

namespace RocketMQ.Go.Port.Broker;

/// <summary>How <see cref="EmbeddedCluster.StartAsync"/> lays out the development cluster.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>Number of brokers: broker-a, broker-b, ...</summary>
    public int BrokerCount { get; set; } = 1;

    /// <summary>
    /// Slaves per broker (0-8; Java: brokerRole SLAVE, brokerId 1, 2, ...): each registers under its master's cluster
    /// and broker name, so routes list it under brokerAddrs beside the master. A slave shares its master's store
    /// (synchronous replication without a wire): it serves every committed message and the consumer offsets committed
    /// to the master, refuses sends as a 4.9 slave does (SERVICE_NOT_AVAILABLE) and keeps serving while its master is
    /// down (<see cref="EmbeddedCluster.KillBrokerAsync"/>). Slaves listen on free ports.
    /// </summary>
    public int SlavesPerBroker { get; set; }

    /// <summary>Number of name servers; every broker registers with each.</summary>
    public int NameServerCount { get; set; } = 1;

    /// <summary>Host every server listens on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port of the first name server; 0 (the default) picks free ports, the others follow it.</summary>
    public int NameServerPort { get; set; }

    /// <summary>Port of the first broker; 0 (the default) picks free ports, the others follow it.</summary>
    public int BrokerPort { get; set; }

    /// <summary>The cluster name brokers register under.</summary>
    public string ClusterName { get; set; } = "DefaultCluster";

    /// <summary>Prefix of broker names; brokers are named prefix + "a", "b", ...</summary>
    public string BrokerNamePrefix { get; set; } = "broker-";

    /// <summary>Store directory; each broker uses a sub-directory. Null keeps everything in memory.</summary>
    public string? StoreDirectory { get; set; }

    /// <summary>Durability when <see cref="StoreDirectory"/> is set.</summary>
    public FlushDiskType FlushDiskType { get; set; } = FlushDiskType.AsyncFlush;

    /// <summary>Queue count of topics created on first send (TBW102's queue count).</summary>
    public int DefaultTopicQueueNums { get; set; } = 4;

    /// <summary>Largest message body accepted (4 MiB).</summary>
    public int MaxMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often brokers re-register with the name servers.</summary>
    public TimeSpan RegisterInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A broker that stops registering leaves the routes after this long.</summary>
    public TimeSpan BrokerExpiry { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A silent client is dropped after this long.</summary>
    public TimeSpan ClientExpiry { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Age at which half messages are checked back with their producer.</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often half messages are scanned for check-back.</summary>
    public TimeSpan TransactionCheckInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delay-level table, Java syntax.</summary>
    public string MessageDelayLevel { get; set; } = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    /// <summary>ACL: access key and secret; when set, brokers refuse unsigned or wrongly signed requests.</summary>
    public string? AclAccessKey { get; set; }

    /// <summary>ACL secret key for <see cref="AclAccessKey"/>.</summary>
    public string? AclSecretKey { get; set; }

    /// <summary>
    /// Serve TLS with this certificate (with its private key) on every name server and broker port (Java:
    /// tls.server.certPath/keyPath); null serves plain TCP. <see cref="Tls.SelfSignedCertificate"/> makes one.
    /// </summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>With <see cref="TlsCertificate"/>: permissive (TLS and plain clients, the Apache default) or enforcing (TLS only).</summary>
    public TlsMode TlsMode { get; set; } = TlsMode.Permissive;

    /// <summary>With <see cref="TlsCertificate"/>: whether brokers ask TLS clients for certificates (Java: tls.server.need.client.auth).</summary>
    public TlsClientAuth TlsClientAuth { get; set; } = TlsClientAuth.None;

    /// <summary>Roots client certificates must chain to (a self-signed client certificate may be listed itself); null: the system store.</summary>
    public X509Certificate2Collection? TlsTrustedClientCertificates { get; set; }

    /// <summary>
    /// Brokers also listen on their VIP port (listen port - 2, Java's fastListenPort) for clients with
    /// VIPChannelEnabled. Off by default (the Apache broker always opens it): free port pairs are then picked.
    /// </summary>
    public bool VipChannelEnabled { get; set; }

    /// <summary>Clock for delays, expiries and timestamps (tests pass a manual one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging; NullLoggerFactory by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
