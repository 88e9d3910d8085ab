namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Finishes a producer or consumer invocation (Go: <c>primitive.Invoker</c>). <paramref name="request"/> and
/// <paramref name="reply"/> are what Go passes as <c>req, reply interface{}</c>: for a push consumer the
/// <c>List&lt;MessageExt&gt;</c> and the consume result holder; for a producer the <see cref="Message"/> and the
/// <see cref="SendResult"/> to fill. Errors are exceptions; cancellation is <see cref="CallContext.CancellationToken"/>.
/// </summary>
public delegate Task Invoker(CallContext context, object request, object? reply);

/// <summary>
/// Wraps an invocation (Go: <c>primitive.Interceptor</c>): do work before and after awaiting
/// <paramref name="next"/>, or skip it.
/// </summary>
public delegate Task Interceptor(CallContext context, object request, object? reply, Invoker next);

/// <summary>Interceptor composition (Go: <c>primitive.ChainInterceptors</c>).</summary>
public static class Interceptors
{
    /// <summary>
    /// One interceptor that runs <paramref name="interceptors"/> in order, the first outermost; null when none is
    /// given (as Go returns nil).
    /// </summary>
    public static Interceptor? ChainInterceptors(params Interceptor[]? interceptors)
    {
        if (interceptors is null || interceptors.Length == 0)
        {
            return null;
        }

        if (interceptors.Length == 1)
        {
            return interceptors[0];
        }

        var chain = (Interceptor[])interceptors.Clone();
        return (context, request, reply, invoker) => chain[0](context, request, reply, Next(chain, 0, invoker));
    }

    private static Invoker Next(Interceptor[] chain, int current, Invoker final)
    {
        if (current == chain.Length - 1)
        {
            return final;
        }

        return (context, request, reply) => chain[current + 1](context, request, reply, Next(chain, current + 1, final));
    }
}
