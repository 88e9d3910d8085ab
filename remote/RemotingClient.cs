using System.Collections.Concurrent;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Sends requests to name servers and brokers over one connection per address (Go: <c>remotingClient</c> in
/// remote_client.go). Connections open lazily, once even when many callers race, and reopen after a failure.
/// Every request leaves the response table when it is answered, times out, is cancelled or its connection drops.
/// </summary>
internal sealed partial class RemotingClient : IAsyncDisposable, IConnectionHandler
{
    private readonly RemotingClientOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionSettings _settings;
    private readonly TimeoutWheel _wheel = new();
    private readonly ConcurrentDictionary<string, Task<TcpConnection>> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TcpConnection, byte> _live = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<int, Func<RemotingCommand, string, ValueTask<RemotingCommand?>>> _processors = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IRpcHook[] _hooks;
    private int _shutdownStarted;
    private Task? _shutdownTask;

    /// <summary>Creates a client; no connection opens until the first request.</summary>
    public RemotingClient(RemotingClientOptions? options = null)
    {
        _options = options ?? new RemotingClientOptions();
        _logger = _options.LoggerFactory.CreateLogger<RemotingClient>();
        _settings = new ConnectionSettings(_options.MaxFrameLength, _options.WriteQueueCapacity, _options.DedicatedReaders,
            Math.Max(1, (long)_options.ReaderHandOff.TotalMilliseconds));
        // The ACL hook last, so the signature covers what other hooks added.
        _hooks = _options.Credentials is { IsEmpty: false } credentials ? [.. _options.RpcHooks, new AclClientRpcHook(credentials)] : [.. _options.RpcHooks];
    }

    /// <summary>The settings this client runs with.</summary>
    internal RemotingClientOptions Options => _options;

    /// <summary>Requests sent and not yet answered, timed out, cancelled or failed, over all connections.</summary>
    public int PendingRequestCount => _live.Keys.Sum(connection => connection.PendingCount);

    /// <summary>Open connections.</summary>
    public int ConnectionCount => _live.Count;

    internal ICollection<TcpConnection> LiveConnections => _live.Keys;

    /// <summary>
    /// Handles requests the server sends on its own (Go: <c>RegisterRequestFunc</c>): CHECK_TRANSACTION_STATE,
    /// NOTIFY_CONSUMER_IDS_CHANGED, GET_CONSUMER_RUNNING_INFO and so on. <paramref name="processor"/> gets the request
    /// and the address of the connection it came on, runs on the thread pool, and returns the response (its opaque and
    /// response flag are set for it) or null to send none. A throwing processor answers SYSTEM_ERROR; a code without
    /// processor answers REQUEST_CODE_NOT_SUPPORTED.
    /// </summary>
    public void RegisterRequestFunc(int code, Func<RemotingCommand, string, ValueTask<RemotingCommand?>> processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        _processors[code] = processor;
    }

    /// <summary>Closes the connection to <paramref name="addr"/>, failing its pending requests; the next request reconnects.</summary>
    public void CloseConnection(string addr)
    {
        if (_connections.TryGetValue(addr, out var connecting) && connecting.IsCompletedSuccessfully)
        {
            connecting.Result.Close(null);
        }
    }

    /// <summary>
    /// Flushes requests already queued, then closes every connection, failing every pending request, and stops
    /// their loops, all within <see cref="RemotingClientOptions.ShutdownTimeout"/> (Go: <c>ShutDown</c>, which
    /// drops queued writes). Later requests fail.
    /// </summary>
    public Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutdownStarted, 1) != 0)
        {
            return Volatile.Read(ref _shutdownTask) ?? Task.CompletedTask;
        }

        var task = ShutdownCoreAsync();
        Volatile.Write(ref _shutdownTask, task);
        return task;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ShutdownAsync());

    private async Task ShutdownCoreAsync()
    {
        _shutdown.Cancel();
        // Flush what is already queued (a last oneway offset update, say), then close and fail what waits.
        var loops = _live.Keys.Select(connection => connection.CloseGracefullyAsync(_options.ShutdownTimeout / 2)).ToArray();

        try
        {
            await Task.WhenAll(loops).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("remoting client: connection loops still running after {Timeout} ms", _options.ShutdownTimeout.TotalMilliseconds);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "remoting client: a connection loop ended with an error");
        }

        _connections.Clear();
        _wheel.Dispose();
    }

    private bool IsShutdown => Volatile.Read(ref _shutdownStarted) != 0;

    /// <summary>The connection to <paramref name="addr"/>, shared by concurrent callers while it opens.</summary>
    private Task<TcpConnection> GetConnection(string addr)
    {
        while (true)
        {
            if (_connections.TryGetValue(addr, out var existing))
            {
                if (!existing.IsCompleted || (existing.IsCompletedSuccessfully && !existing.Result.IsClosed))
                {
                    return existing;
                }

                _connections.TryRemove(KeyValuePair.Create(addr, existing)); // failed or dropped: open a new one
                continue;
            }

            if (IsShutdown)
            {
                throw new RemotingConnectException(addr, "the remoting client is shut down");
            }

            var opening = new TaskCompletionSource<TcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_connections.TryAdd(addr, opening.Task))
            {
                // Not on the caller's thread: opening a connection starts threads (the connect's, a dedicated reader),
                // and Thread.Start waits until the new thread runs, which on a loaded machine can outlast the
                // caller's whole deadline; the caller waits for the connection only as long as its deadline allows.
                ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Client.OpenAsync(s.Addr, s.Opening), (Client: this, Addr: addr, Opening: opening), preferLocal: false);
                return opening.Task;
            }
        }
    }

    private async Task OpenAsync(string addr, TaskCompletionSource<TcpConnection> opening)
    {
        try
        {
            var (socket, stream) = _options.DedicatedReaders && !_options.UseTls
                ? await TcpDialer.ConnectBlockingAsync(addr, _options, _shutdown.Token).ConfigureAwait(false)
                : await TcpDialer.ConnectAsync(addr, _options, _shutdown.Token).ConfigureAwait(false);
            var connection = new TcpConnection(socket, stream, addr, _settings, this, _wheel, _logger);
            _live.TryAdd(connection, 0);
            connection.Start();
            // ShutdownAsync raises the flag before walking _live: it either sees this connection or we see the flag.
            if (IsShutdown)
            {
                connection.Close(null);
                throw new RemotingConnectException(addr, "the remoting client is shut down");
            }

            _logger.LogDebug("connected to {Address} ({Local} -> {Remote})", addr, connection.LocalEndPoint, connection.RemoteEndPoint);
            opening.TrySetResult(connection);
        }
        catch (Exception e)
        {
            _connections.TryRemove(KeyValuePair.Create(addr, opening.Task));
            if (e is OperationCanceledException && IsShutdown)
            {
                e = new RemotingConnectException(addr, "the remoting client is shut down");
            }

            _logger.LogWarning("connect to {Address} failed: {Reason}", addr, e.Message);
            opening.TrySetException(e);

            // Observed here: every request that waited for this connection may have timed out and left already.
            _ = opening.Task.Exception;
        }
    }

    void IConnectionHandler.OnRequest(TcpConnection connection, RemotingCommand request)
    {
        // Server requests may run user code (transaction checks, direct consumption): keep them off the read loop.
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Client.Process(s.Connection, s.Request), (Client: this, Connection: connection, Request: request), preferLocal: false);
    }

    private void Process(TcpConnection connection, RemotingCommand request)
    {
        if (_processors.TryGetValue(request.Code, out var processor))
        {
            RequestDispatch.Run(processor, request, connection.Address, connection, _logger);
            return;
        }

        _logger.LogWarning("request code {Code} from {Address} has no processor", request.Code, connection.Address);
        RequestDispatch.Respond(request, RequestDispatch.NotSupported(request), connection, _logger);
    }

    void IConnectionHandler.OnClosed(TcpConnection connection, Exception? reason)
    {
        _live.TryRemove(connection, out _);
        if (_connections.TryGetValue(connection.Address, out var current) && current.IsCompletedSuccessfully && ReferenceEquals(current.Result, connection))
        {
            _connections.TryRemove(KeyValuePair.Create(connection.Address, current));
        }
    }
}
