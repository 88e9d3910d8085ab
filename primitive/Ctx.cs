using System.Collections.Immutable;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// What Go carries in a <c>context.Context</c> through producer and consumer calls (Go: ctx.go): the cancellation
/// token, the call method and the producer/consumer context objects interceptors read. Immutable like Go's context:
/// the <c>With*</c> methods return a derived context, so one parent can be shared by concurrent calls.
/// </summary>
public sealed record CallContext
{
    /// <summary>A context with nothing set.</summary>
    public static CallContext Background { get; } = new();

    /// <summary>Cancels the call (Go: the context's Done channel).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The call method (Go: <c>GetMethod</c>); null when not set.</summary>
    public CommunicationMode? Method { get; init; }

    /// <summary>The push consumer's message context (Go: <c>GetConsumerCtx</c>).</summary>
    public ConsumeMessageContext? ConsumerCtx { get; init; }

    /// <summary>The orderly consume context (Go: <c>GetOrderlyCtx</c>).</summary>
    public ConsumeOrderlyContext? OrderlyCtx { get; init; }

    /// <summary>The concurrent consume context (Go: <c>GetConcurrentlyCtx</c>).</summary>
    public ConsumeConcurrentlyContext? ConcurrentlyCtx { get; init; }

    /// <summary>The producer context (Go: <c>GetProducerCtx</c>).</summary>
    public ProducerCtx? ProducerCtx { get; init; }

    /// <summary>Application values (Go: <c>context.WithValue</c> with the application's own keys).</summary>
    public ImmutableDictionary<string, object?> Values { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>A context that cancels with <paramref name="cancellationToken"/>.</summary>
    public static CallContext From(CancellationToken cancellationToken) => new() { CancellationToken = cancellationToken };

    /// <summary>Derives a context with the call method (Go: <c>WithMethod</c>).</summary>
    public CallContext WithMethod(CommunicationMode method) => this with { Method = method };

    /// <summary>Derives a context with the consumer context (Go: <c>WithConsumerCtx</c>).</summary>
    public CallContext WithConsumerCtx(ConsumeMessageContext context) => this with { ConsumerCtx = context };

    /// <summary>Derives a context with the orderly context (Go: <c>WithOrderlyCtx</c>).</summary>
    public CallContext WithOrderlyCtx(ConsumeOrderlyContext context) => this with { OrderlyCtx = context };

    /// <summary>Derives a context with the concurrent context (Go: <c>WithConcurrentlyCtx</c>).</summary>
    public CallContext WithConcurrentlyCtx(ConsumeConcurrentlyContext context) => this with { ConcurrentlyCtx = context };

    /// <summary>Derives a context with the producer context (Go: <c>WithProducerCtx</c>).</summary>
    public CallContext WithProducerCtx(ProducerCtx context) => this with { ProducerCtx = context };

    /// <summary>Derives a context with an application value (Go: <c>context.WithValue</c>).</summary>
    public CallContext WithValue(string key, object? value) => this with { Values = Values.SetItem(key, value) };

    /// <summary>An application value, or null.</summary>
    public object? Value(string key) => Values.TryGetValue(key, out var value) ? value : null;
}
