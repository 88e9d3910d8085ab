using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// A request waiting for its response (Go: <c>remote.ResponseFuture</c>). Exactly one of
/// <see cref="ResponseCommand"/> and <see cref="Exception"/> is set once the future is done; the callback of
/// <see cref="RemotingClient.InvokeAsync"/> receives it then, on the thread pool.
/// </summary>
public sealed class ResponseFuture : IThreadPoolWorkItem
{
    private readonly Action<ResponseFuture>? _callback;
    private readonly TaskCompletionSource<RemotingCommand>? _completion;
    private readonly ILogger? _logger;
    private CancellationTokenRegistration _cancellation;
    private int _done;

    internal ResponseFuture(string address, RemotingCommand request, TimeSpan timeout, Action<ResponseFuture>? callback, bool withTask, ILogger? logger)
    {
        Address = address;
        Request = request;
        Opaque = request.Opaque;
        Timeout = timeout;
        BeginTimestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        DeadlineTicks = timeout == System.Threading.Timeout.InfiniteTimeSpan || timeout.TotalMilliseconds >= int.MaxValue
            ? NoDeadline
            : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        _callback = callback;
        _logger = logger;
        if (withTask)
        {
            // Continuations must never run on a connection's read loop.
            _completion = new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The opaque that correlates the response with the request.</summary>
    public int Opaque { get; }

    /// <summary>When the request started, in Unix milliseconds (Java's <c>beginTimestamp</c>).</summary>
    public long BeginTimestamp { get; }

    /// <summary>How long the request may wait for its response.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The address the request went to.</summary>
    public string Address { get; }

    /// <summary>The request.</summary>
    public RemotingCommand Request { get; }

    /// <summary>The response, or null when the request failed.</summary>
    public RemotingCommand? ResponseCommand { get; private set; }

    /// <summary>
    /// Why the request failed: <see cref="Primitive.RemotingTimeoutException"/>,
    /// <see cref="Primitive.RemotingConnectException"/> (connect failed or the connection dropped),
    /// <see cref="Primitive.RemotingSendRequestException"/> or <see cref="OperationCanceledException"/>; null on success.
    /// </summary>
    public Exception? Exception { get; private set; }

    /// <summary>True once a response or a failure has been recorded.</summary>
    public bool IsDone => Volatile.Read(ref _done) != 0;

    /// <summary>True when the request failed because no response arrived in time.</summary>
    public bool IsTimeout => Exception is Primitive.RemotingTimeoutException;

    internal const long NoDeadline = long.MaxValue;

    /// <summary>Environment.TickCount64 at which the request times out; <see cref="NoDeadline"/> for an infinite timeout.</summary>
    internal long DeadlineTicks { get; }

    internal TcpConnection? Connection { get; set; }

    internal IRpcHook[]? AfterHooks { get; set; }

    internal Task<RemotingCommand> Task => _completion!.Task;

    internal void WatchCancellation(CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _cancellation = token.UnsafeRegister(static (state, ct) => ((ResponseFuture)state!).OnCancelled(ct), this);
            if (IsDone)
            {
                _cancellation.Unregister(); // completed (timed out) before the registration was stored
            }
        }
    }

    private void OnCancelled(CancellationToken token)
    {
        if (Connection?.RemovePending(this) ?? true)
        {
            TryComplete(null, new OperationCanceledException("request cancelled", token));
        }
    }

    /// <summary>Records the outcome once; later outcomes (a response racing its timeout) are ignored.</summary>
    internal bool TryComplete(RemotingCommand? response, Exception? error)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return false;
        }

        ResponseCommand = response;
        Exception = error;
        _cancellation.Unregister();
        if (_completion is not null)
        {
            if (error is null)
            {
                _completion.TrySetResult(response!);
            }
            else
            {
                _completion.TrySetException(error);
            }
        }

        if (_callback is not null)
        {
            // No closure and no Task: the future itself is the work item (Go started a goroutine per response).
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            if (AfterHooks is { } hooks && ResponseCommand is { } response)
            {
                foreach (var hook in hooks)
                {
                    hook.DoAfterResponse(Address, Request, response);
                }
            }

            _callback!(this);
        }
        catch (Exception e)
        {
            _logger?.LogError(e, "invoke callback for request code {Code} opaque {Opaque} to {Address} threw", Request.Code, Opaque, Address);
        }
    }
}
