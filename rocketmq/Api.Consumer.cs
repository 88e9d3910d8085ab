using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port;

/// <summary>
/// A push consumer (Go: api.go <c>rocketmq.PushConsumer</c>). Get one from <see cref="Rocketmq.NewPushConsumer"/>,
/// subscribe handlers, <see cref="Start()"/>, and <see cref="Shutdown()"/> (or dispose) to stop gracefully.
/// </summary>
public interface IPushConsumer : IAsyncDisposable
{
    /// <summary>Go: <c>Start</c>.</summary>
    Task Start();

    /// <summary>Go: <c>Start</c>, stopped by <paramref name="cancellationToken"/>; the start timeout bounds it too.</summary>
    Task Start(CancellationToken cancellationToken);

    /// <summary>Go: <c>Shutdown</c>: stop pulling, wait for running handlers, persist offsets, unregister.</summary>
    Task Shutdown();

    /// <summary>As <see cref="Shutdown()"/>; when <paramref name="cancellationToken"/> fires it stops waiting and releases everything at once.</summary>
    Task Shutdown(CancellationToken cancellationToken);

    /// <summary>Go: <c>Subscribe</c> with an async handler; preferred when a lambda fits both overloads (one that only throws).</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> handler);

    /// <summary>Go: <c>Subscribe</c> with a synchronous handler.</summary>
    void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, ConsumeResult> handler);

    /// <summary>Go: <c>Unsubscribe</c>.</summary>
    void Unsubscribe(string topic);

    /// <summary>Go: <c>Suspend</c>: pause pulling.</summary>
    void Suspend();

    /// <summary>Go: <c>Resume</c>.</summary>
    void Resume();

    /// <summary>Go: <c>GetOffsetDiffMap</c>: messages not consumed yet per topic.</summary>
    Dictionary<string, long> GetOffsetDiffMap();
}

/// <summary>Go's package <c>rocketmq</c> (api.go): the consumer constructors.</summary>
public static partial class Rocketmq
{
    /// <summary>A push consumer with Go's defaults and <paramref name="opts"/> applied (Go: <c>NewPushConsumer</c>).</summary>
    public static IPushConsumer NewPushConsumer(params ConsumerOption[] opts) => new PushConsumerApi(PushConsumer.NewPushConsumer(opts));

    private sealed class PushConsumerApi(PushConsumer consumer) : IPushConsumer
    {
        public Task Start() => consumer.Start();

        public Task Start(CancellationToken cancellationToken) => consumer.Start(cancellationToken);

        public Task Shutdown() => consumer.Shutdown();

        public Task Shutdown(CancellationToken cancellationToken) => consumer.Shutdown(cancellationToken);

        public void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> handler)
            => consumer.Subscribe(topic, selector, handler);

        public void Subscribe(string topic, MessageSelector selector, Func<CallContext, IReadOnlyList<MessageExt>, ConsumeResult> handler)
            => consumer.Subscribe(topic, selector, handler);

        public void Unsubscribe(string topic) => consumer.Unsubscribe(topic);

        public void Suspend() => consumer.Suspend();

        public void Resume() => consumer.Resume();

        public Dictionary<string, long> GetOffsetDiffMap() => consumer.GetOffsetDiffMap();

        public ValueTask DisposeAsync() => consumer.DisposeAsync();
    }
}
