namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The invokes (Go: remote_client.go <c>InvokeSync</c>, <c>InvokeAsync</c>, <c>InvokeOneWay</c>). A request handed to
/// one belongs to remote from then on; a response reaches callers either as their own object
/// (<see cref="InvokeSync"/>) or on loan to a reader (<see cref="InvokeAsync"/>), after which remote takes its frame back.
/// </summary>
internal sealed partial class RemotingClient
{
    /// <summary>
    /// Sends <paramref name="request"/> and waits for its response (Go: <c>InvokeSync</c>). The timeout covers
    /// connecting too. Fails with <see cref="RemotingTimeoutException"/>, <see cref="RemotingConnectException"/>
    /// (cannot connect, or the connection dropped while waiting), <see cref="RemotingSendRequestException"/> or
    /// <see cref="OperationCanceledException"/>. The request belongs to remote from here on; the response is the
    /// caller's, an ordinary object the collector takes (hot paths use <see cref="InvokeAsync"/>, whose frames go
    /// back to a pool).
    /// </summary>
    public async Task<RemotingCommand> InvokeSync(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken ct = default)
    {
        try
        {
            return await Send(addr, request, timeout, ct).ConfigureAwait(false);
        }
        finally
        {
            request.RecycleRequest();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/>, waits for its response and returns what <paramref name="read"/> makes of it
    /// (Go: <c>InvokeAsync</c>, whose callback receives the response; here the caller awaits the reader's result).
    /// The request belongs to remote from here on. The response is lent to <paramref name="read"/> only: once it
    /// returns or throws, remote takes the response's pooled frame back, so <paramref name="read"/> must copy out
    /// whatever it keeps (never the command, its <see cref="RemotingCommand.Body"/> memory or a span of it).
    /// A round trip allocates no future, Task or TaskCompletionSource; <paramref name="read"/> may run on the thread
    /// that read the response, after that connection's next read is already under way. Fails as
    /// <see cref="InvokeSync"/> does, or with what <paramref name="read"/> threw.
    /// </summary>
    public ValueTask<TResult> InvokeAsync<TState, TResult>(string addr, RemotingCommand request, TimeSpan timeout,
        Func<RemotingCommand, TState, TResult> read, TState state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return ReadAsync(request, Send(addr, request, timeout, ct), read, state);
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<TResult> ReadAsync<TState, TResult>(RemotingCommand request, ValueTask<RemotingCommand> pending,
        Func<RemotingCommand, TState, TResult> read, TState state)
    {
        RemotingCommand response;
        try
        {
            response = await pending.ConfigureAwait(false);
        }
        finally
        {
            request.RecycleRequest();
        }

        try
        {
            return read(response, state);
        }
        finally
        {
            response.Recycle();
        }
    }

    /// <summary>The round trip behind both invokes: a pooled future awaited once, hooks run on the response.</summary>
    private ValueTask<RemotingCommand> Send(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(addr);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            Prepare(addr, request);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<RemotingCommand>(e);
        }

        var future = ResponseFuture.Rent(addr, request, timeout);
        _ = StartAsync(addr, future, ct);
        return _hooks.Length == 0 ? future.AsValueTask() : RunAfterHooksAsync(addr, request, future.AsValueTask(), _hooks);
    }

    /// <summary>
    /// Sends <paramref name="request"/> with the oneway flag and expects no response (Go: <c>InvokeOneWay</c>).
    /// Completes once the request is queued on the connection, waiting at most <paramref name="timeout"/> (when given)
    /// for the connection and for room in its queue (then <see cref="RemotingTimeoutException"/>). A request queued at
    /// once, the usual case, costs no timer.
    /// </summary>
    public Task InvokeOneWay(string addr, RemotingCommand request, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(addr);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            request.MarkOneWay();
            Prepare(addr, request);
            var connecting = GetConnection(addr);
            if (connecting.IsCompletedSuccessfully && connecting.Result.TrySend(request))
            {
                return Task.CompletedTask;
            }

            return SendOneWayAsync(addr, connecting, request, timeout ?? Timeout.InfiniteTimeSpan, ct);
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private void Prepare(string addr, RemotingCommand request)
    {
        if (IsShutdown)
        {
            throw new RemotingConnectException(addr, "the remoting client is shut down");
        }

        request.SerializeType = _options.SerializeType;
        foreach (var hook in _hooks)
        {
            request.MarkShared(); // a hook may keep it
            hook.DoBeforeRequest(addr, request);
        }
    }

    /// <summary>
    /// Starts the request once its connection is open and lets go of the starter's share of a pooled future. With the
    /// connection open, the usual case, this runs to the end at once, on the caller's thread.
    /// </summary>
    private async Task StartAsync(string addr, ResponseFuture future, CancellationToken ct)
    {
        try
        {
            var remaining = future.DeadlineTicks == ResponseFuture.NoDeadline
                ? Timeout.InfiniteTimeSpan
                : TimeSpan.FromMilliseconds(Math.Max(0, future.DeadlineTicks - Environment.TickCount64));
            var connection = await GetConnection(addr).WaitAsync(remaining, ct).ConfigureAwait(false);
            connection.StartRequest(future, ct);
        }
        catch (TimeoutException)
        {
            future.TryComplete(null, new RemotingTimeoutException(future.Address, future.Timeout, future.Request.Code));
        }
        catch (Exception e)
        {
            future.TryComplete(null, e);
        }
        finally
        {
            future.ReleaseOwner();
        }
    }

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<RemotingCommand> RunAfterHooksAsync(string addr, RemotingCommand request, ValueTask<RemotingCommand> pending, IRpcHook[] hooks)
    {
        var response = await pending.ConfigureAwait(false);
        response.MarkShared(); // a hook may keep it
        foreach (var hook in hooks)
        {
            hook.DoAfterResponse(addr, request, response);
        }

        return response;
    }

    private static async Task SendOneWayAsync(string addr, Task<TcpConnection> connecting, RemotingCommand request, TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            bounded.CancelAfter(timeout);
        }

        try
        {
            var connection = await connecting.WaitAsync(bounded.Token).ConfigureAwait(false);
            await connection.SendAsync(request, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && bounded.IsCancellationRequested)
        {
            throw new RemotingTimeoutException(addr, timeout, request.Code);
        }
    }
}
