using System.Collections.Immutable;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// What Go carries in a <c>context.Context</c> through producer and consumer calls (Go: ctx.go): the cancellation
/// token, the call method and the producer/consumer context objects interceptors read. Immutable like Go's context:
/// the <c>With*</c> methods return a derived context, so one parent can be shared by concurrent calls.
/// A push consumer's call makes its <see cref="ConsumerCtx"/> and <see cref="ConcurrentlyCtx"/> when they are first
/// read (see <see cref="ForConsume"/>): most handlers read neither, and every reader gets the same object.
/// </summary>
public sealed record CallContext
{
    // Each holds its context, or the IConsumeCallContexts that makes it on first read (then swapped in, once).
    private object? _consumerCtx;
    private object? _concurrentlyCtx;

    /// <summary>Creates a context with nothing set.</summary>
    public CallContext()
    {
    }

    // The copy `with` makes: the derived context shares the call's contexts, so they are made first.
    // Every property is copied here: a new one must be added too.
    private CallContext(CallContext original)
    {
        CancellationToken = original.CancellationToken;
        Method = original.Method;
        _consumerCtx = original.ConsumerCtx;
        OrderlyCtx = original.OrderlyCtx;
        _concurrentlyCtx = original.ConcurrentlyCtx;
        ProducerCtx = original.ProducerCtx;
        Values = original.Values;
    }

    /// <summary>A context with nothing set.</summary>
    public static CallContext Background { get; } = new();

    /// <summary>Cancels the call (Go: the context's Done channel).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The call method (Go: <c>GetMethod</c>); null when not set.</summary>
    public CommunicationMode? Method { get; init; }

    /// <summary>The push consumer's message context (Go: <c>GetConsumerCtx</c>).</summary>
    public ConsumeMessageContext? ConsumerCtx
    {
        get => Volatile.Read(ref _consumerCtx) switch
        {
            ConsumeMessageContext made => made,
            IConsumeCallContexts source => (ConsumeMessageContext)MakeOnce(ref _consumerCtx, source, source.CreateConsumerCtx()),
            _ => null,
        };
        init => _consumerCtx = value;
    }

    /// <summary>The orderly consume context (Go: <c>GetOrderlyCtx</c>).</summary>
    public ConsumeOrderlyContext? OrderlyCtx { get; init; }

    /// <summary>The concurrent consume context (Go: <c>GetConcurrentlyCtx</c>).</summary>
    public ConsumeConcurrentlyContext? ConcurrentlyCtx
    {
        get => Volatile.Read(ref _concurrentlyCtx) switch
        {
            ConsumeConcurrentlyContext made => made,
            IConsumeCallContexts source => (ConsumeConcurrentlyContext)MakeOnce(ref _concurrentlyCtx, source, source.CreateConcurrentlyCtx()),
            _ => null,
        };
        init => _concurrentlyCtx = value;
    }

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

    /// <summary>Equal when every property is (contexts made on first read are made to compare them).</summary>
    public bool Equals(CallContext? other)
        => ReferenceEquals(this, other)
           || (other is not null
               && CancellationToken.Equals(other.CancellationToken)
               && Method == other.Method
               && Equals(ConsumerCtx, other.ConsumerCtx)
               && Equals(OrderlyCtx, other.OrderlyCtx)
               && Equals(ConcurrentlyCtx, other.ConcurrentlyCtx)
               && Equals(ProducerCtx, other.ProducerCtx)
               && Equals(Values, other.Values));

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(CancellationToken, Method, ConsumerCtx, OrderlyCtx, ConcurrentlyCtx, ProducerCtx, Values);

    /// <summary>
    /// A push consumer's call context: cancelled by <paramref name="cancellationToken"/>, method ConsumerPush, with
    /// the message and concurrently contexts <paramref name="contexts"/> makes when first read.
    /// </summary>
    internal static CallContext ForConsume(CancellationToken cancellationToken, IConsumeCallContexts contexts)
        => new()
        {
            CancellationToken = cancellationToken,
            Method = CommunicationMode.ConsumerPush,
            _consumerCtx = contexts,
            _concurrentlyCtx = contexts,
        };

    /// <summary>The concurrently context if someone read it, else null (the consumer then takes its defaults).</summary>
    internal ConsumeConcurrentlyContext? ConcurrentlyCtxIfMade => Volatile.Read(ref _concurrentlyCtx) as ConsumeConcurrentlyContext;

    // Swaps the made context in for its source once; a reader that lost the race takes the winner's.
    private static object MakeOnce(ref object? slot, IConsumeCallContexts source, object made)
        => Interlocked.CompareExchange(ref slot, made, source) is var seen && ReferenceEquals(seen, source) ? made : seen!;
}
