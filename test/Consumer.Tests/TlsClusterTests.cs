using System.Collections.Concurrent;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Tls;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// TLS end to end: the embedded name server and broker serve a certificate generated at run time, and producers and
/// consumers that trust it send and consume over TLS 1.2 and 1.3 (Go's examples/producer/tls and consumer/tls).
/// Each producer has its own instance name: producers of one client id share one transport, whose TLS settings are
/// the first one's.
/// </summary>
public class TlsClusterTests : EmbeddedClusterTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly X509Certificate2 ServerCertificate = SelfSignedCertificate.Create();

    /// <summary>Enforcing: the name server and the broker speak TLS only.</summary>
    protected override EmbeddedClusterOptions ClusterOptions => new() { TlsCertificate = ServerCertificate, TlsMode = TlsMode.Enforcing };

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Messages_are_sent_and_consumed_over_TLS_with_the_generated_certificate_trusted(SslProtocols protocol)
    {
        var topic = NewTopicName();
        await Cluster.CreateTopicAsync(topic, 2);
        var producer = await StartProducer(ProducerOptions.WithTls(true), ProducerOptions.WithRemotingOptions(o => Trust(o, protocol)));
        for (var i = 0; i < 5; i++)
        {
            (await producer.SendSync(new Message(topic, Encoding.UTF8.GetBytes($"secret-{i}")))).Status.Should().Be(SendStatus.SendOK);
        }

        var received = new ConcurrentQueue<string>();
        var consumer = Own(PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(Unique("cg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            ConsumerOptions.WithLoggerFactory(TestLog.Factory),
            ConsumerOptions.WithTls(true),
            ConsumerOptions.WithRemotingOptions(o => Trust(o, protocol))));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                received.Enqueue(Text(msg));
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Until(() => received.Count >= 5, Wait, "five messages consumed over TLS");
        received.Should().BeEquivalentTo(Enumerable.Range(0, 5).Select(i => $"secret-{i}"));
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_or_speaks_plain_TCP_is_refused()
    {
        var untrusting = DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls")), ProducerOptions.WithTls(true));
        await untrusting.Start();
        Own(untrusting);
        var refused = () => untrusting.SendSync(new Message(NewTopicName(), [1]));
        (await refused.Should().ThrowAsync<RocketMQException>()).Which.ToString().Should().Contain("TLS handshake failed");

        var plain = DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls")), ProducerOptions.WithSendMsgTimeout(TimeSpan.FromSeconds(5)));
        await plain.Start();
        Own(plain);
        var plainSend = () => plain.SendSync(new Message(NewTopicName(), [1]));
        await plainSend.Should().ThrowAsync<RocketMQException>("an enforcing server drops a connection that does not start with a TLS handshake");
    }

    [Fact]
    public async Task A_permissive_cluster_serves_TLS_and_plain_clients_on_the_same_ports()
    {
        var cluster = Own(await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { TlsCertificate = ServerCertificate, TlsMode = TlsMode.Permissive }));
        var topic = NewTopicName();
        await cluster.CreateTopicAsync(topic, 1);
        var tls = await Started(DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls")),
            ProducerOptions.WithTls(true), ProducerOptions.WithRemotingOptions(o => Trust(o, SslProtocols.None))));
        var plain = await Started(DefaultProducer.NewDefaultProducer(ProducerOptions.WithNameServer(cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls"))));

        (await tls.SendSync(new Message(topic, [1]))).Status.Should().Be(SendStatus.SendOK);
        (await plain.SendSync(new Message(topic, [2]))).Status.Should().Be(SendStatus.SendOK);
    }

    [Fact]
    public async Task A_broker_requiring_client_certificates_serves_only_clients_that_present_a_trusted_one()
    {
        using var clientCertificate = SelfSignedCertificate.Create("rocketmq-client");
        var cluster = Own(await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            TlsCertificate = ServerCertificate,
            TlsMode = TlsMode.Enforcing,
            TlsClientAuth = TlsClientAuth.Require,
            TlsTrustedClientCertificates = [X509CertificateLoader.LoadCertificate(clientCertificate.RawData)],
            LoggerFactory = TestLog.Factory,
        }));
        var topic = NewTopicName();
        await cluster.CreateTopicAsync(topic, 1);

        var mutual = await Started(DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls")), ProducerOptions.WithTls(true),
            ProducerOptions.WithRemotingOptions(o =>
            {
                Trust(o, SslProtocols.None);
                o.TlsClientCertificates = [clientCertificate];
            })));
        (await mutual.SendSync(new Message(topic, [1]))).Status.Should().Be(SendStatus.SendOK);

        var anonymous = await Started(DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("pg")), ProducerOptions.WithInstanceName(Unique("tls")), ProducerOptions.WithTls(true),
            ProducerOptions.WithSendMsgTimeout(TimeSpan.FromSeconds(5)), ProducerOptions.WithRemotingOptions(o => Trust(o, SslProtocols.None))));
        var refused = () => anonymous.SendSync(new Message(topic, [2]));
        await refused.Should().ThrowAsync<RocketMQException>("the broker requires a client certificate (the name server does not)");
    }

    // Trust exactly the generated certificate (Java: tls.client.trustCertPath) and check its name "localhost".
    private static void Trust(RemotingClientOptions options, SslProtocols protocol)
    {
        options.TlsTrustedCertificates = [X509CertificateLoader.LoadCertificate(ServerCertificate.RawData)];
        options.TlsServerName = "localhost";
        options.TlsProtocols = protocol;
    }

    private static string NewTopicName() => Unique("TlsTopic");

    private async Task<DefaultProducer> Started(DefaultProducer producer)
    {
        Own(producer);
        await producer.Start();
        return producer;
    }
}
