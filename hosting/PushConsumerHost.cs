using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// A push consumer as a hosted service: started with the host, each batch handled by a
/// <typeparamref name="THandler"/> from a fresh DI scope, and shut down gracefully when the host stops (running
/// handlers finish within the shutdown timeout, offsets are persisted, the group unregisters). Disposable both ways,
/// so a container disposed synchronously shuts the consumer down instead of throwing for an async-only disposable.
/// </summary>
internal sealed class PushConsumerHost<THandler> : IHostedService, IPushConsumerHost, IAsyncDisposable, IDisposable
    where THandler : class, IRocketMQMessageHandler
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly TimeSpan _hostShutdownTimeout;
    private PushConsumer? _consumer;

    public PushConsumerHost(string name, RocketMQPushConsumerSettings settings, IServiceScopeFactory scopes, ILoggerFactory? loggerFactory, TimeSpan hostShutdownTimeout)
    {
        Name = name;
        Settings = settings;
        _scopes = scopes;
        _loggerFactory = loggerFactory;
        _hostShutdownTimeout = hostShutdownTimeout;
    }

    public string Name { get; }

    public RocketMQPushConsumerSettings Settings { get; }

    public PushConsumer? Consumer => _consumer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Settings.Subscriptions.Count == 0)
        {
            throw new InvalidOperationException($"the RocketMQ push consumer '{Name}' has no subscription: set Subscriptions (topic and expression)");
        }

        var consumer = PushConsumer.NewPushConsumer(Settings.ToOptions(_loggerFactory, _hostShutdownTimeout));
        foreach (var subscription in Settings.Subscriptions)
        {
            consumer.Subscribe(subscription.Topic, new MessageSelector(subscription.Type, subscription.Expression), HandleAsync);
        }

        _consumer = consumer;
        await consumer.Start().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken)
        => _consumer is null ? Task.CompletedTask : _consumer.Shutdown().WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => Task.Run(DisposeAsync().AsTask).GetAwaiter().GetResult();

    private async Task<ConsumeResult> HandleAsync(CallContext ctx, IReadOnlyList<MessageExt> msgs)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            return await handler.HandleAsync(msgs, ctx.CancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>What the health check reads of a hosted push consumer, whatever its handler type.</summary>
internal interface IPushConsumerHost
{
    string Name { get; }

    RocketMQPushConsumerSettings Settings { get; }

    PushConsumer? Consumer { get; }
}
