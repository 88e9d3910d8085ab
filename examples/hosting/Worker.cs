using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Examples.Consumer;
using RocketMQ.Go.Port.Hosting;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Hosting;

/// <summary>
/// A Generic Host worker configured by hosting/appsettings.json: a producer and a push consumer registered with
/// AddRocketMQProducer / AddRocketMQPushConsumer&lt;OrderHandler&gt;, the handler resolved from a scope per batch, a
/// background service that sends --count orders, and a graceful stop (offsets persisted) once all arrived. A real
/// worker would end with <c>await host.RunAsync()</c> and stop on Ctrl+C or SIGTERM.
/// </summary>
internal static class Worker
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var nameServer = await ctx.NameServerAsync();
        var count = ctx.Flags.Count(10);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine("hosting", "appsettings.json"), optional: false);
        var topic = ctx.Flags.Topic(builder.Configuration["RocketMQ:Consumer:Subscriptions:0:Topic"] ?? "Orders");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The example's flags win over appsettings.json, as command-line configuration would.
            ["RocketMQ:Producer:NameServers:0"] = nameServer,
            ["RocketMQ:Consumer:NameServers:0"] = nameServer,
            ["RocketMQ:Consumer:Subscriptions:0:Topic"] = topic,
            ["RocketMQ:Consumer:GroupName"] = ctx.Flags.Group(builder.Configuration["RocketMQ:Consumer:GroupName"] ?? "orders_consumer"),
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(ctx.Flags.Verbose ? LogLevel.Debug : LogLevel.Warning);
        if (ctx.Cluster is { } cluster)
        {
            await cluster.CreateTopicAsync(topic, 4, ctx.CancellationToken);
        }

        var orders = new Orders(ctx, topic, count);
        builder.Services.AddSingleton(orders);
        builder.Services.AddRocketMQProducer(builder.Configuration.GetSection("RocketMQ:Producer"));
        builder.Services.AddRocketMQPushConsumer<OrderHandler>(builder.Configuration.GetSection("RocketMQ:Consumer"));
        builder.Services.AddHostedService<OrderSender>();
        using var host = builder.Build();
        await host.StartAsync(ctx.CancellationToken);
        ctx.Info($"host started: producer and push consumer of {topic} running");
        var timeout = TimeSpan.FromSeconds(ctx.Flags.Int("timeout", 30));
        var done = await Task.WhenAny(orders.AllHandled, Task.Delay(timeout, ctx.CancellationToken)) == orders.AllHandled;
        await host.StopAsync(CancellationToken.None);
        ctx.PrintObject($"worker {(done ? "OK" : "TIMED OUT")}: {orders.Handled} of {count} orders handled, host stopped", new { worker = done ? "OK" : "TIMEOUT", handled = orders.Handled, count });
        return done ? 0 : 1;
    }

    /// <summary>What the worker's services share: the topic, the count, and the handled orders.</summary>
    internal sealed class Orders(ExampleContext ctx, string topic, int count)
    {
        private readonly PushExample.Counter _counter = new(count);
        private int _handled;

        public ExampleContext Context => ctx;

        public string Topic => topic;

        public int Count => count;

        public int Handled => Volatile.Read(ref _handled);

        public Task AllHandled => _counter.Done;

        public void Add()
        {
            Interlocked.Increment(ref _handled);
            _counter.Add();
        }
    }

    /// <summary>Sends the orders through the injected <see cref="IProducer"/> once the host has started.</summary>
    internal sealed class OrderSender(IProducer producer, Orders orders, IHostApplicationLifetime lifetime) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = new TaskCompletionSource();
            using (lifetime.ApplicationStarted.Register(started.SetResult))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            for (var i = 0; i < orders.Count; i++)
            {
                var msg = new Message(orders.Topic, orders.Context.Flags.Body(i, "order")).WithTag("created").WithKeys([$"order-{i}"]);
                orders.Context.PrintResult(await producer.SendSync(msg, stoppingToken));
            }
        }
    }

    /// <summary>The consumer's handler: a new instance (and scope) per batch.</summary>
    internal sealed class OrderHandler(Orders orders, ILogger<OrderHandler> log) : IRocketMQMessageHandler
    {
        public Task<ConsumeResult> HandleAsync(IReadOnlyList<MessageExt> messages, CancellationToken cancellationToken)
        {
            foreach (var msg in messages)
            {
                log.LogDebug("order {Keys}: {Body}", msg.GetKeys(), Encoding.UTF8.GetString(msg.Body));
                PushExample.Print(orders.Context, msg);
                orders.Add();
            }

            return Task.FromResult(ConsumeResult.ConsumeSuccess);
        }
    }
}
