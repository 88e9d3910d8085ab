using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port;

/// <summary>
/// A producer (Go: api.go <c>rocketmq.Producer</c>). Get one from <see cref="Rocketmq.NewProducer"/>, call
/// <see cref="Start()"/>, send, then <see cref="Shutdown()"/> (or dispose). The <c>ctx</c> parameter is Go's
/// <c>context.Context</c>: cancellation plus values interceptors read; pass <see cref="CallContext.Background"/>, or
/// use the <see cref="ProducerExtensions"/> overloads that take a <see cref="CancellationToken"/>.
/// </summary>
public interface IProducer : IAsyncDisposable
{
    /// <summary>Go: <c>Start</c>.</summary>
    Task Start();

    /// <summary>Go: <c>Start</c>; <paramref name="cancellationToken"/> is checked first (a producer starts without network I/O).</summary>
    Task Start(CancellationToken cancellationToken);

    /// <summary>Go: <c>Shutdown</c>.</summary>
    Task Shutdown();

    /// <summary>As <see cref="Shutdown()"/>; when <paramref name="cancellationToken"/> fires it stops waiting and releases everything at once.</summary>
    Task Shutdown(CancellationToken cancellationToken);

    /// <summary>Go: <c>SendSync</c>: one message, or several as a batch.</summary>
    Task<SendResult> SendSync(CallContext ctx, params Message[] msgs);

    /// <summary>Go: <c>SendAsync</c>, callback form.</summary>
    Task SendAsync(CallContext ctx, SendCallback callback, params Message[] msgs);

    /// <summary>SendAsync, awaitable form.</summary>
    Task<SendResult> SendAsync(CallContext ctx, params Message[] msgs);

    /// <summary>Go: <c>SendOneWay</c>.</summary>
    Task SendOneWay(CallContext ctx, params Message[] msgs);

    /// <summary>
    /// SendSync to the queue <paramref name="selector"/> picks for <paramref name="arg"/>, one attempt (Java:
    /// <c>send(msg, selector, arg)</c>).
    /// </summary>
    Task<SendResult> SendSync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg);

    /// <summary>SendAsync to the selected queue, awaitable form (Java: <c>send(msg, selector, arg, callback)</c>).</summary>
    Task<SendResult> SendAsync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg);

    /// <summary>SendAsync to the selected queue, callback form.</summary>
    Task SendAsync(CallContext ctx, SendCallback callback, Message msg, MessageQueueSelector selector, object? arg);

    /// <summary>SendOneWay to the selected queue (Java: <c>sendOneway(msg, selector, arg)</c>).</summary>
    Task SendOneWay(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg);

    /// <summary>Go: <c>Request</c>: send and wait for the reply.</summary>
    Task<Message> Request(CallContext ctx, TimeSpan ttl, Message msg);

    /// <summary>Go: <c>RequestAsync</c>: send; the callback gets the reply.</summary>
    Task RequestAsync(CallContext ctx, TimeSpan ttl, RequestCallback callback, Message msg);
}

/// <summary>A transaction producer (Go: api.go <c>rocketmq.TransactionProducer</c>).</summary>
public interface ITransactionProducer : IAsyncDisposable
{
    /// <summary>Go: <c>Start</c>.</summary>
    Task Start();

    /// <summary>Go: <c>Start</c>; <paramref name="cancellationToken"/> is checked first (a producer starts without network I/O).</summary>
    Task Start(CancellationToken cancellationToken);

    /// <summary>Go: <c>Shutdown</c>.</summary>
    Task Shutdown();

    /// <summary>As <see cref="Shutdown()"/>; when <paramref name="cancellationToken"/> fires it stops waiting and releases everything at once.</summary>
    Task Shutdown(CancellationToken cancellationToken);

    /// <summary>Go: <c>SendMessageInTransaction</c>.</summary>
    Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg);

    /// <summary>
    /// As <see cref="SendMessageInTransaction(CallContext, Message)"/>, handing <paramref name="arg"/> to
    /// <see cref="ITransactionListener.ExecuteLocalTransactionAsync(Message, object?, CancellationToken)"/> (Java:
    /// <c>sendMessageInTransaction(msg, arg)</c>).
    /// </summary>
    Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg, object? arg);
}

/// <summary>
/// Go's package <c>rocketmq</c> (api.go): the constructors of producers and consumers. Partial: the producer part
/// is here, the consumer part in Api.Consumer.cs.
/// </summary>
public static partial class Rocketmq
{
    /// <summary>A producer with Go's defaults and <paramref name="opts"/> applied (Go: <c>NewProducer</c>).</summary>
    /// <exception cref="ArgumentException">An invalid group name.</exception>
    public static IProducer NewProducer(params ProducerOption[] opts) => new ProducerApi(DefaultProducer.NewDefaultProducer(opts));

    /// <summary>A transaction producer (Go: <c>NewTransactionProducer</c>).</summary>
    /// <exception cref="ArgumentNullException">No listener.</exception>
    public static ITransactionProducer NewTransactionProducer(ITransactionListener listener, params ProducerOption[] opts)
        => new TransactionProducerApi(TransactionProducer.NewTransactionProducer(listener, opts));

    /// <summary>The facade over a producer built elsewhere (the hosting package builds them from settings).</summary>
    internal static IProducer Wrap(DefaultProducer producer) => new ProducerApi(producer);

    // IDisposable too: a DI container disposed synchronously (ServiceProvider.Dispose) disposes what its factories
    // returned and throws for an object that is only IAsyncDisposable.
    private sealed class ProducerApi(DefaultProducer producer) : IProducer, IDisposable
    {
        public Task Start() => producer.Start();

        public Task Start(CancellationToken cancellationToken) => producer.Start(cancellationToken);

        public Task Shutdown() => producer.Shutdown();

        public Task Shutdown(CancellationToken cancellationToken) => producer.Shutdown(cancellationToken);

        public Task<SendResult> SendSync(CallContext ctx, params Message[] msgs) => producer.SendSync(ctx, msgs);

        public Task SendAsync(CallContext ctx, SendCallback callback, params Message[] msgs) => producer.SendAsync(ctx, callback, msgs);

        public Task<SendResult> SendAsync(CallContext ctx, params Message[] msgs) => producer.SendAsync(ctx, msgs);

        public Task SendOneWay(CallContext ctx, params Message[] msgs) => producer.SendOneWay(ctx, msgs);

        public Task<SendResult> SendSync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg) => producer.SendSync(ctx, msg, selector, arg);

        public Task<SendResult> SendAsync(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg) => producer.SendAsync(ctx, msg, selector, arg);

        public Task SendAsync(CallContext ctx, SendCallback callback, Message msg, MessageQueueSelector selector, object? arg)
            => producer.SendAsync(ctx, callback, msg, selector, arg);

        public Task SendOneWay(CallContext ctx, Message msg, MessageQueueSelector selector, object? arg) => producer.SendOneWay(ctx, msg, selector, arg);

        public Task<Message> Request(CallContext ctx, TimeSpan ttl, Message msg) => producer.Request(ctx, ttl, msg);

        public Task RequestAsync(CallContext ctx, TimeSpan ttl, RequestCallback callback, Message msg) => producer.RequestAsync(ctx, ttl, callback, msg);

        public ValueTask DisposeAsync() => producer.DisposeAsync();

        public void Dispose() => Task.Run(producer.Shutdown).GetAwaiter().GetResult();

        public override string ToString() => $"Producer[{producer.Group}]";
    }

    private sealed class TransactionProducerApi(TransactionProducer producer) : ITransactionProducer, IDisposable
    {
        public Task Start() => producer.Start();

        public Task Start(CancellationToken cancellationToken) => producer.Start(cancellationToken);

        public Task Shutdown() => producer.Shutdown();

        public Task Shutdown(CancellationToken cancellationToken) => producer.Shutdown(cancellationToken);

        public Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg) => producer.SendMessageInTransaction(ctx, msg);

        public Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg, object? arg) => producer.SendMessageInTransaction(ctx, msg, arg);

        public ValueTask DisposeAsync() => producer.DisposeAsync();

        public void Dispose() => Task.Run(producer.Shutdown).GetAwaiter().GetResult();
    }
}

/// <summary><see cref="CancellationToken"/> overloads of <see cref="IProducer"/>, for code that has no <see cref="CallContext"/>.</summary>
public static class ProducerExtensions
{
    /// <summary>SendSync of one message.</summary>
    public static Task<SendResult> SendSync(this IProducer producer, Message msg, CancellationToken cancellationToken = default)
        => producer.SendSync(Context(cancellationToken), msg);

    /// <summary>SendSync of a batch.</summary>
    public static Task<SendResult> SendSync(this IProducer producer, IEnumerable<Message> batch, CancellationToken cancellationToken = default)
        => producer.SendSync(Context(cancellationToken), [.. batch]);

    /// <summary>SendAsync of one message, awaitable form.</summary>
    public static Task<SendResult> SendAsync(this IProducer producer, Message msg, CancellationToken cancellationToken = default)
        => producer.SendAsync(Context(cancellationToken), msg);

    /// <summary>SendOneWay of one message.</summary>
    public static Task SendOneWay(this IProducer producer, Message msg, CancellationToken cancellationToken = default)
        => producer.SendOneWay(Context(cancellationToken), msg);

    /// <summary>Request of one message.</summary>
    public static Task<Message> Request(this IProducer producer, Message msg, TimeSpan ttl, CancellationToken cancellationToken = default)
        => producer.Request(Context(cancellationToken), ttl, msg);

    /// <summary>SendMessageInTransaction of one message.</summary>
    public static Task<TransactionSendResult> SendMessageInTransaction(this ITransactionProducer producer, Message msg, CancellationToken cancellationToken = default)
        => producer.SendMessageInTransaction(Context(cancellationToken), msg);

    private static CallContext Context(CancellationToken cancellationToken)
        => cancellationToken.CanBeCanceled ? CallContext.From(cancellationToken) : CallContext.Background;
}
