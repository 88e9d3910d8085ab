using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Hosting;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A real Generic Host configured from appsettings-style JSON, with a producer and a hosted push consumer: messages
/// reach the scoped handler, stopping the host persists offsets (a new host of the group continues after them),
/// health checks follow the lifecycle and the lag.
/// </summary>
public sealed class HostedConsumerTests : EmbeddedClusterTestBase
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheHandlerGetsEveryMessageFromItsOwnScopePerBatch()
    {
        var topic = await NewTopic(2);
        var group = Unique("hg");
        var inbox = new Inbox();
        using var host = BuildHost(topic, group, inbox);
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<IProducer>();
        for (var i = 0; i < 10; i++)
        {
            await producer.SendSync(new Message(topic, Encoding.UTF8.GetBytes($"m{i}")));
        }

        await Until(() => inbox.Bodies.Count >= 10, Bound, "the hosted consumer's handler got all 10 messages");
        inbox.Bodies.Keys.Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => $"m{i}"));
        await Until(() => inbox.DisposedScopes == inbox.Batches, Bound, "the scope of every handled batch is disposed after it");
        inbox.Scopes.Should().HaveCount(inbox.Batches, "each batch is handled by a handler from a scope of its own");
        await host.StopAsync();
    }

    [Fact]
    public async Task StoppingTheHostPersistsOffsetsSoTheNextHostContinuesAfterThem()
    {
        var topic = await NewTopic(1);
        var group = Unique("hg");
        var first = new Inbox();
        using (var host = BuildHost(topic, group, first))
        {
            await host.StartAsync();
            var producer = host.Services.GetRequiredService<IProducer>();
            for (var i = 0; i < 5; i++)
            {
                await producer.SendSync(new Message(topic, Encoding.UTF8.GetBytes($"old{i}")));
            }

            await Until(() => first.Bodies.Count >= 5, Bound, "the first host consumed the 5 old messages");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(stop.Token);
        }

        var second = new Inbox();
        using (var host = BuildHost(topic, group, second))
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IProducer>().SendSync(new Message(topic, Encoding.UTF8.GetBytes("new")));
            await Until(() => second.Bodies.ContainsKey("new"), Bound, "the second host consumed the new message");
            second.Bodies.Keys.Should().Equal(["new"], "the old messages' offsets were persisted when the first host stopped");
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task HealthChecksReportTheProducerRoutesAndTheConsumerLifecycle()
    {
        var topic = await NewTopic(1);
        var inbox = new Inbox();
        using var host = BuildHost(topic, Unique("hg"), inbox, services => services.AddHealthChecks());
        var health = host.Services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync()).Status.Should().Be(HealthStatus.Unhealthy, "nothing runs before the host starts");

        await host.StartAsync();
        await host.Services.GetRequiredService<IProducer>().SendSync(new Message(topic, "x"u8.ToArray()));
        var report = await health.CheckHealthAsync(r => r.Tags.Contains("rocketmq"));
        report.Entries.Should().HaveCount(2);
        report.Status.Should().Be(HealthStatus.Healthy, string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}")));
        report.Entries.Should().ContainKey("rocketmq-consumer-" + nameof(Inbox.Handler));

        await host.StopAsync();
        (await health.CheckHealthAsync()).Status.Should().Be(HealthStatus.Unhealthy, "the clients stopped with the host");
    }

    [Fact]
    public async Task TheConsumersHealthCarriesItsLagAndDegradesOverTheThreshold()
    {
        var topic = await NewTopic(1);
        var inbox = new Inbox { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var host = BuildHost(topic, Unique("hg"), inbox, services => services.AddHealthChecks(),
            new() { ["RocketMQ:Consumer:LagDegradedThreshold"] = "3" });
        var health = host.Services.GetRequiredService<HealthCheckService>();
        var consumerCheck = "rocketmq-consumer-" + nameof(Inbox.Handler);
        await host.StartAsync();
        var producer = host.Services.GetRequiredService<IProducer>();
        await producer.SendSync(new Message(topic, "first"u8.ToArray()));
        await Until(() => inbox.Bodies.ContainsKey("first"), Bound, "the first message passes the gate");

        for (var i = 0; i < 10; i++)
        {
            await producer.SendSync(new Message(topic, Encoding.UTF8.GetBytes($"held{i}")));
        }

        HealthReportEntry entry = default;
        async Task<long?> Lag()
        {
            entry = (await health.CheckHealthAsync(r => r.Name == consumerCheck)).Entries[consumerCheck];
            return entry.Data.TryGetValue($"lag:{topic}", out var lag) ? (long)lag : null;
        }

        await Until(async () => await Lag() == 10, Bound, "the 10 held messages are pulled and are the consumer's lag");
        entry.Status.Should().Be(HealthStatus.Degraded, "a lag of 10 is over the threshold of 3");
        entry.Description.Should().Contain("10 messages behind on " + topic);

        inbox.Gate.SetResult();
        await Until(async () => await Lag() == 0, Bound, "the consumer catches up once the handler lets the messages through");
        entry.Status.Should().Be(HealthStatus.Healthy);
        await host.StopAsync();
    }

    [Fact]
    public async Task TheClientsLogThroughTheHostsLoggerFactory()
    {
        var topic = await NewTopic(1);
        using var host = BuildHost(topic, Unique("hg"), new Inbox());
        await host.StartAsync();
        var loggerFactory = host.Services.GetRequiredService<ILoggerFactory>();
        var producer = host.Services.GetRequiredKeyedService<ProducerHost>(Microsoft.Extensions.Options.Options.DefaultName).Producer;
        var consumer = host.Services.GetRequiredKeyedService<PushConsumerHost<Inbox.Handler>>(nameof(Inbox.Handler)).Consumer!;
        producer.Options.Client.LoggerFactory.Should().BeSameAs(loggerFactory);
        consumer.Options.Client.LoggerFactory.Should().BeSameAs(loggerFactory);
        await host.StopAsync();
    }

    [Fact]
    public async Task AServiceProviderDisposedSynchronouslyShutsItsClientsDown()
    {
        var topic = await NewTopic(1);
        var group = Unique("hg");
        var inbox = new Inbox();
        var host = BuildHost(topic, group, inbox);
        var provider = (ServiceProvider)host.Services;
        await host.StartAsync();
        await provider.GetRequiredService<IProducer>().SendSync(new Message(topic, "sync"u8.ToArray()));
        await Until(() => inbox.Bodies.ContainsKey("sync"), Bound, "the hosted consumer got the message");
        var producer = provider.GetRequiredKeyedService<ProducerHost>(Microsoft.Extensions.Options.Options.DefaultName).Producer;
        var consumer = provider.GetRequiredKeyedService<PushConsumerHost<Inbox.Handler>>(nameof(Inbox.Handler)).Consumer!;

        // Code that builds its own container (or a test) disposes it with a plain using: every registered client is
        // only asynchronously disposable at heart, and ServiceProvider.Dispose throws for such a service unless it
        // is IDisposable as well.
        var dispose = Task.Run(provider.Dispose);
        await dispose.WaitAsync(Bound);

        producer.IsRunning.Should().BeFalse("the synchronous dispose shut the producer down");
        consumer.IsRunning.Should().BeFalse("the synchronous dispose shut the consumer down");
    }

    private IHost BuildHost(string topic, string group, Inbox inbox, Action<IServiceCollection>? more = null, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // The settings come as an appsettings.json would give them.
        var appsettings = $$"""
            {
              "RocketMQ": {
                "Producer": { "NameServers": [ "{{Cluster.NameServerAddress}}" ], "GroupName": "{{group}}_p", "InstanceName": "{{group}}_p" },
                "Consumer": {
                  "NameServers": [ "{{Cluster.NameServerAddress}}" ],
                  "GroupName": "{{group}}",
                  "InstanceName": "{{Unique("hi")}}",
                  "ConsumeFromWhere": "{{nameof(ConsumeFromWhere.ConsumeFromFirstOffset)}}",
                  "Subscriptions": [ { "Topic": "{{topic}}" } ]
                }
              }
            }
            """;
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettings)));
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton(inbox);
        builder.Services.AddScoped<Inbox.ScopedThing>();
        builder.Services.AddRocketMQProducer(builder.Configuration.GetSection("RocketMQ:Producer"));
        builder.Services.AddRocketMQPushConsumer<Inbox.Handler>(builder.Configuration.GetSection("RocketMQ:Consumer"));
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>What the handlers saw, shared through the container.</summary>
    public sealed class Inbox
    {
        private int _batches;
        private int _disposedScopes;

        public ConcurrentDictionary<string, bool> Bodies { get; } = new();

        public ConcurrentDictionary<ScopedThing, bool> Scopes { get; } = new();

        public int Batches => Volatile.Read(ref _batches);

        public int DisposedScopes => Volatile.Read(ref _disposedScopes);

        /// <summary>When set, the handler holds every message but the one with body "first" until it completes.</summary>
        public TaskCompletionSource? Gate { get; init; }

        /// <summary>A scoped service: one per batch when the handler comes from a scope per batch.</summary>
        public sealed class ScopedThing(Inbox inbox) : IDisposable
        {
            public void Dispose() => Interlocked.Increment(ref inbox._disposedScopes);
        }

        public sealed class Handler(Inbox inbox, ScopedThing scoped) : IRocketMQMessageHandler
        {
            public async Task<ConsumeResult> HandleAsync(IReadOnlyList<MessageExt> messages, CancellationToken cancellationToken)
            {
                if (inbox.Gate is { } gate && messages.Any(m => !m.Body.AsSpan().SequenceEqual("first"u8)))
                {
                    await gate.Task.WaitAsync(cancellationToken);
                }

                inbox.Scopes.TryAdd(scoped, true);
                foreach (var m in messages)
                {
                    inbox.Bodies.TryAdd(Encoding.UTF8.GetString(m.Body), true);
                }

                Interlocked.Increment(ref inbox._batches);
                return ConsumeResult.ConsumeSuccess;
            }
        }
    }
}
