using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// One registered producer: created from its settings with the host's logger factory when first resolved, started
/// with the host and shut down when the host stops. Disposable both ways: a container disposed synchronously
/// (<c>ServiceProvider.Dispose</c>) shuts the producer down too, instead of throwing for an async-only disposable.
/// </summary>
internal sealed class ProducerHost : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly Lazy<DefaultProducer> _producer;
    private readonly Lazy<IProducer> _api;

    public ProducerHost(string name, RocketMQProducerSettings settings, ILoggerFactory? loggerFactory)
    {
        Name = name;
        Settings = settings;
        _producer = new(() => DefaultProducer.NewDefaultProducer(settings.ToOptions(loggerFactory)));
        _api = new(() => Rocketmq.Wrap(_producer.Value));
    }

    public string Name { get; }

    public RocketMQProducerSettings Settings { get; }

    public DefaultProducer Producer => _producer.Value;

    public IProducer Api => _api.Value;

    public Task StartAsync(CancellationToken cancellationToken) => Producer.IsRunning ? Task.CompletedTask : Producer.Start().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
        => _producer.IsValueCreated ? Producer.Shutdown().WaitAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_producer.IsValueCreated)
        {
            await _producer.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => Task.Run(DisposeAsync().AsTask).GetAwaiter().GetResult();
}
