using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A request message waiting for its reply (Go: request_response_future.go <c>RequestResponseFuture</c>; Java:
/// RequestResponseFuture). Completed once: by the reply, by its timeout, or by the client shutting down.
/// </summary>
internal sealed class RequestResponseFuture
{
    private readonly TaskCompletionSource<Message> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<Message?, Exception?>? _callback;
    private int _callbackRan;

    /// <summary>Go: <c>NewRequestResponseFuture</c>.</summary>
    /// <param name="correlationId">The request's CORRELATION_ID property.</param>
    /// <param name="timeout">How long to wait for the reply.</param>
    /// <param name="callback">For asynchronous requests: gets the reply or the failure, once.</param>
    public RequestResponseFuture(string correlationId, TimeSpan timeout, Action<Message?, Exception?>? callback = null)
    {
        CorrelationId = correlationId;
        Timeout = timeout;
        _callback = callback;
        BeginTime = DateTimeOffset.UtcNow;
    }

    /// <summary>The request's correlation id.</summary>
    public string CorrelationId { get; }

    /// <summary>How long to wait for the reply.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>When the request was created.</summary>
    public DateTimeOffset BeginTime { get; }

    /// <summary>True once the request message was sent (Go: <c>SendRequestOk</c>).</summary>
    public bool SendRequestOk { get; set; }

    /// <summary>Why it failed, if it did (Go: <c>CauseErr</c>).</summary>
    public Exception? CauseException { get; private set; }

    /// <summary>The reply, once it arrived (Go: <c>ResponseMsg</c>).</summary>
    public Message? ResponseMsg => _reply.Task.IsCompletedSuccessfully ? _reply.Task.Result : null;

    /// <summary>Completes when the reply arrives or the future fails.</summary>
    public Task<Message> Task => _reply.Task;

    /// <summary>True when the timeout has elapsed since <see cref="BeginTime"/> (Go: <c>IsTimeout</c>).</summary>
    public bool IsTimeout => DateTimeOffset.UtcNow - BeginTime > Timeout;

    /// <summary>
    /// Waits for the reply (Go: <c>WaitResponseMessage</c>); throws <see cref="MQClientException"/> with
    /// <see cref="ClientErrors.ErrRequestTimeout"/> when none arrives within <see cref="Timeout"/>.
    /// </summary>
    public async Task<Message> WaitResponseMessage(Message requestMsg, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _reply.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var error = TimeoutError(requestMsg.Topic);
            Fail(error);
            throw error;
        }
    }

    /// <summary>Completes with the reply (Go: <c>PutResponseMessage</c>); false when already completed.</summary>
    public bool PutResponseMessage(Message message)
    {
        if (!_reply.TrySetResult(message))
        {
            return false;
        }

        ExecuteRequestCallback();
        return true;
    }

    /// <summary>Fails the future (timeout, send failure, shutdown); false when already completed.</summary>
    public bool Fail(Exception cause)
    {
        if (!_reply.TrySetException(cause))
        {
            return false;
        }

        CauseException = cause;
        ExecuteRequestCallback();
        return true;
    }

    /// <summary>Runs the callback once with the outcome (Go: <c>ExecuteRequestCallback</c>).</summary>
    public void ExecuteRequestCallback()
    {
        if (_callback is null || Interlocked.Exchange(ref _callbackRan, 1) != 0)
        {
            return;
        }

        _callback(ResponseMsg, CauseException);
    }

    internal MQClientException TimeoutError(string topic)
        => new(ClientErrors.ErrRequestTimeout,
            $"send request message to {topic} OK, but wait reply message timeout {Timeout.TotalMilliseconds:0} ms (correlationId {CorrelationId})");
}

/// <summary>
/// Pending request/reply futures by correlation id (Go: <c>requestResponseFutureCache</c>, the global
/// <c>RequestResponseFutureMap</c>; here one per client). Expired futures are failed and removed by a 1 s sweep
/// (Java's RequestFutureHolder; Go's cache sweeps every 10 min, so async callbacks fire very late).
/// </summary>
internal sealed class RequestResponseFutureMap : IDisposable
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RequestResponseFuture> _futures = new(StringComparer.Ordinal);
    private readonly object _timerLock = new();
    private Timer? _timer;
    private bool _disposed;

    /// <summary>Futures waiting.</summary>
    public int Count => _futures.Count;

    /// <summary>Registers a future (Go: <c>SetRequestResponseFuture</c>).</summary>
    public void SetRequestResponseFuture(RequestResponseFuture future)
    {
        lock (_timerLock)
        {
            if (_disposed)
            {
                throw ClientErrors.Create(ClientErrors.ErrService, "the client is shut down");
            }

            // Timer callbacks must not keep the creator's ExecutionContext (and its AsyncLocals) alive.
            using (ExecutionContext.SuppressFlow())
            {
                _timer ??= new Timer(static state => ((RequestResponseFutureMap)state!).Sweep(), this, SweepPeriod, SweepPeriod);
            }
        }

        _futures[future.CorrelationId] = future;
    }

    /// <summary>
    /// Completes the future of <paramref name="correlationId"/> with <paramref name="reply"/> and removes it (Go:
    /// <c>SetResponseToRequestResponseFuture</c> + <c>RemoveRequestResponseFuture</c>); false when none waits.
    /// </summary>
    public bool SetResponseToRequestResponseFuture(string correlationId, Message reply)
    {
        if (!_futures.TryRemove(correlationId, out var future))
        {
            return false;
        }

        future.PutResponseMessage(reply);
        return true;
    }

    /// <summary>Go: <c>RequestResponseFuture</c>.</summary>
    public bool TryGetRequestResponseFuture(string correlationId, out RequestResponseFuture? future)
        => _futures.TryGetValue(correlationId, out future);

    /// <summary>Go: <c>RemoveRequestResponseFuture</c>.</summary>
    public void RemoveRequestResponseFuture(string correlationId) => _futures.TryRemove(correlationId, out _);

    /// <summary>Fails and removes every expired future; run by the sweep timer.</summary>
    internal void Sweep()
    {
        foreach (var (id, future) in _futures)
        {
            if (future.IsTimeout && _futures.TryRemove(id, out _))
            {
                future.Fail(future.TimeoutError("reply topic"));
            }
        }
    }

    /// <summary>Stops the sweep and fails every waiting future.</summary>
    public void Dispose()
    {
        lock (_timerLock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }

        foreach (var id in _futures.Keys)
        {
            if (_futures.TryRemove(id, out var future))
            {
                future.Fail(ClientErrors.Create(ClientErrors.ErrService, "the client shut down before the reply arrived"));
            }
        }
    }
}
