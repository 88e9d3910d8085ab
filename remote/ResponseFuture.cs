using System.Threading.Tasks.Sources;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// A request waiting for its response (Go: <c>remote.ResponseFuture</c>): a response or a failure completes it once.
/// Remote's own: callers
/// see only the awaited result of <see cref="RemotingClient.InvokeSync"/> or <see cref="RemotingClient.InvokeAsync"/>.
/// </summary>
/// <remarks>
/// Futures are pooled and are their own <see cref="IValueTaskSource{TResult}"/>, so a round trip allocates no future,
/// Task or TaskCompletionSource. A future has two owners, the awaiter and whoever starts the request (plus a send
/// still in progress); it goes back to the pool when the last one lets go, so nothing can touch it after it serves
/// another request.
/// </remarks>
internal sealed class ResponseFuture : IValueTaskSource<RemotingCommand>
{
    internal const long NoDeadline = long.MaxValue;
    private static readonly BoundedPool<ResponseFuture> Pool = new(1024);

    private ManualResetValueTaskSourceCore<RemotingCommand> _core;
    private CancellationTokenRegistration _cancellation;
    private int _owners;
    private int _done;

    private ResponseFuture()
    {
    }

    /// <summary>The opaque that correlates the response with the request.</summary>
    internal int Opaque { get; private set; }

    /// <summary>How long the request may wait for its response.</summary>
    internal TimeSpan Timeout { get; private set; }

    /// <summary>The address the request went to.</summary>
    internal string Address { get; private set; } = string.Empty;

    /// <summary>The request.</summary>
    internal RemotingCommand Request { get; private set; } = null!;

    /// <summary>True once a response or a failure has been recorded.</summary>
    internal bool IsDone => Volatile.Read(ref _done) != 0;

    /// <summary>Environment.TickCount64 at which the request times out; <see cref="NoDeadline"/> for an infinite timeout.</summary>
    internal long DeadlineTicks { get; private set; }

    internal TcpConnection? Connection { get; set; }

    /// <summary>A pooled future to await with <see cref="AsValueTask"/>; the caller owns the starter's share.</summary>
    internal static ResponseFuture Rent(string address, RemotingCommand request, TimeSpan timeout)
    {
        var future = Pool.TryRent() ?? new ResponseFuture();
        future.Address = address;
        future.Request = request;
        future.Opaque = request.Opaque;
        future.Timeout = timeout;
        future.DeadlineTicks = timeout == System.Threading.Timeout.InfiniteTimeSpan || timeout.TotalMilliseconds >= int.MaxValue
            ? NoDeadline
            : Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
        future._owners = 2; // the awaiter and the starter
        future._core.RunContinuationsAsynchronously = true;
        return future;
    }

    /// <summary>The awaitable outcome of a rented future; await it exactly once.</summary>
    internal ValueTask<RemotingCommand> AsValueTask() => new(this, _core.Version);

    /// <summary>Another party (a send still in progress) keeps using the future; pair with <see cref="ReleaseOwner"/>.</summary>
    internal void AddOwner() => Interlocked.Increment(ref _owners);

    /// <summary>A party is done with the future; the last one returns it to the pool.</summary>
    internal void ReleaseOwner()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            Recycle();
        }
    }

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

    /// <summary>
    /// Records the outcome once; later outcomes (a response racing its timeout) are ignored. With
    /// <paramref name="inline"/> the awaiter continues on this thread (only a read loop that already re-armed its
    /// read asks for that); otherwise on the thread pool.
    /// </summary>
    internal bool TryComplete(RemotingCommand? response, Exception? error, bool inline = false)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return false;
        }

        _cancellation.Unregister();
        // Nothing may touch this future after the signal: the awaiter may recycle it at once.
        _core.RunContinuationsAsynchronously = !inline;
        if (error is null)
        {
            _core.SetResult(response!);
        }
        else
        {
            _core.SetException(error);
        }

        return true;
    }

    RemotingCommand IValueTaskSource<RemotingCommand>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            ReleaseOwner();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<RemotingCommand>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<RemotingCommand>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);

    private void Recycle()
    {
        // Waits for a cancellation callback still running elsewhere: it must not reach the next request's entry.
        _cancellation.Dispose();
        _cancellation = default;
        Request = null!;
        Address = string.Empty;
        Connection = null;
        _core.Reset();
        Volatile.Write(ref _done, 0);
        Pool.Return(this);
    }
}
