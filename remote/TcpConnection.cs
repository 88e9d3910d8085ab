using System.Threading.Channels;

namespace RocketMQ.Go.Port.Remote;

/// <summary>What owns a connection: the client, or a server channel.</summary>
internal interface IConnectionHandler
{
    /// <summary>A request (not a response) arrived. Runs on the read loop: must not block.</summary>
    void OnRequest(TcpConnection connection, RemotingCommand request);

    /// <summary>The connection closed; <paramref name="reason"/> is null for a clean close.</summary>
    void OnClosed(TcpConnection connection, Exception? reason);
}

/// <summary>Per-connection limits shared by client and server.</summary>
internal readonly record struct ConnectionSettings(int MaxFrameLength, int WriteQueueCapacity, bool DedicatedReader = false, long ReaderHandOffMs = 20);

/// <summary>
/// One socket (plain or TLS) shared by client and server (Go: <c>tcpConnWrapper</c> in tcp_conn.go). A read loop
/// slices frames out of a <see cref="PipeReader"/>. Writes go through a bounded queue; whoever finds no writer
/// active becomes it (a flag, no lock) and encodes everything queued into one flush, so an idle connection's
/// sender writes on its own thread and a busy one's senders never wait for the socket (Go locks the connection
/// for every write). Requests sent on it wait in its own response table, so a drop fails exactly the
/// requests it carried, at once.
/// </summary>
internal sealed partial class TcpConnection : IThreadPoolWorkItem
{
    private const int MaxBatchBytes = 512 * 1024;

    private static readonly StreamPipeReaderOptions ReaderOptions = new(bufferSize: 64 * 1024, minimumReadSize: 8 * 1024, leaveOpen: true);
    private static readonly StreamPipeWriterOptions WriterOptions = new(minimumBufferSize: 64 * 1024, leaveOpen: true);

    // True while a read loop dispatches the frames of one read: what it sends goes out in one flush afterwards.
    // (Only for the same connection: a processor may send on another one, which must not wait for this read.)
    [ThreadStatic]
    private static TcpConnection? t_dispatching;

    // The connection whose dedicated reader runs an awaiter on this thread: it flushes what the awaiter queues.
    [ThreadStatic]
    private static TcpConnection? t_continuing;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly IConnectionHandler _handler;
    private readonly TimeoutWheel _wheel;
    private readonly ILogger _logger;
    private readonly int _maxFrameLength;
    private readonly bool _dedicatedReader;
    private readonly long _readerHandOffMs;
    private readonly Channel<RemotingCommand> _outbound;
    // A plain map under a lock: a free-listed entry per request instead of a ConcurrentDictionary node allocated per add.
    private readonly Dictionary<int, ResponseFuture> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PipeWriter? _writer;
    private TaskCompletionSource? _drained;
    private int _writing;
    private int _pendingCount;
    private long _nextExpiry = long.MaxValue; // no pending request has an earlier deadline
    private int _writerCompleted;
    private int _closed;

    public TcpConnection(Socket socket, Stream stream, string address, ConnectionSettings settings, IConnectionHandler handler, TimeoutWheel wheel, ILogger logger)
    {
        _socket = socket;
        _stream = stream;
        _handler = handler;
        _wheel = wheel;
        _logger = logger;
        _maxFrameLength = settings.MaxFrameLength;
        // Plain sockets only: TLS records can't be offered to the kernel without waiting (see BlockingStreamWriter).
        _dedicatedReader = settings.DedicatedReader && stream is NetworkStream;
        _readerHandOffMs = settings.ReaderHandOffMs;
        Address = address;
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
        // One reader, the writer-flag holder; when the queue is full, senders wait (the defaults: Wait, asynchronous continuations).
        _outbound = Channel.CreateBounded<RemotingCommand>(new BoundedChannelOptions(settings.WriteQueueCapacity) { SingleReader = true });
    }

    /// <summary>The client's key for this connection ("host:port"), or the peer's address on a server.</summary>
    public string Address { get; }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    internal Socket Socket => _socket;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public int PendingCount => Volatile.Read(ref _pendingCount);

    /// <summary>Completes when both loops have ended.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Queues a command for the writer loop; completes synchronously unless the queue is full.</summary>
    public ValueTask SendAsync(RemotingCommand command, CancellationToken cancellationToken)
        => TrySend(command) ? default : SendSlowAsync(command, cancellationToken);

    /// <summary>Queues a command when there is room at once; false (nothing queued) when the queue is full or closed.</summary>
    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TrySend(RemotingCommand command)
    {
        if (!_outbound.Writer.TryWrite(command))
        {
            return false;
        }

        // Inline only on an otherwise idle connection: under load the pool writer batches many commands per flush,
        // and a dedicated reader running awaiters flushes what they queued once it has read all it has.
        var idle = Volatile.Read(ref _pendingCount) <= 1;
        if (!ReferenceEquals(t_continuing, this) || idle)
        {
            TryWrite(inline: !ReferenceEquals(t_dispatching, this) && idle);
        }

        return true;
    }

    private async ValueTask SendSlowAsync(RemotingCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
            TryWrite(inline: false);
        }
        catch (ChannelClosedException e)
        {
            throw new RemotingSendRequestException(Address, "the connection is closed", e);
        }
    }

    /// <summary>Registers <paramref name="future"/> in the response table, arms its timeout and queues its request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void StartRequest(ResponseFuture future, CancellationToken cancellationToken)
    {
        future.Connection = this;
        lock (_pending)
        {
            if (!_pending.TryAdd(future.Opaque, future))
            {
                future.TryComplete(null, new RemotingSendRequestException(Address, $"opaque {future.Opaque} is already waiting for a response"));
                return;
            }

            Volatile.Write(ref _pendingCount, _pending.Count);
        }

        // Close() sets the flag before sweeping the table: either the sweep sees this entry or this check sees the flag.
        if (IsClosed)
        {
            if (RemovePending(future))
            {
                future.TryComplete(null, new RemotingConnectException(Address, "the connection is closed"));
            }

            return;
        }

        LowerNextExpiry(future.DeadlineTicks); // NoDeadline lowers nothing

        future.WatchCancellation(cancellationToken);
        if (future.IsDone)
        {
            return; // cancelled already, or timed out at once: nobody waits for an answer
        }

        var send = SendAsync(future.Request, cancellationToken);
        if (!send.IsCompletedSuccessfully)
        {
            future.AddOwner();
            _ = AwaitSendAsync(send, future);
        }
    }

    private async Task AwaitSendAsync(ValueTask send, ResponseFuture future)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (RemovePending(future))
            {
                future.TryComplete(null, e is OperationCanceledException or RemotingException ? e : new RemotingSendRequestException(Address, e.Message, e));
            }
        }
        finally
        {
            future.ReleaseOwner();
        }
    }

    /// <summary>Takes <paramref name="future"/> out of the response table; false when something else took it first.</summary>
    public bool RemovePending(ResponseFuture future) => TakePending(future.Opaque, future) is not null;

    /// <summary>Takes the request waiting under <paramref name="opaque"/> (only when it is <paramref name="only"/>, if given) out of the response table.</summary>
    private ResponseFuture? TakePending(int opaque, ResponseFuture? only = null)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue(opaque, out var future) || (only is not null && !ReferenceEquals(future, only)))
            {
                return null;
            }

            _pending.Remove(opaque);
            Volatile.Write(ref _pendingCount, _pending.Count);
            return future;
        }
    }

    /// <summary>
    /// Called by the timeout wheel on every tick: fails the requests whose deadline has passed, scanning the table
    /// only when the earliest deadline it may hold is due.
    /// </summary>
    public void ExpireDue(long now)
    {
        CheckReaderHandOff(now); // only a dedicated reader ever holds a token

        if (Volatile.Read(ref _nextExpiry) > now)
        {
            return;
        }

        // A request added during the scan is either seen by it or lowers the mark itself afterwards.
        Interlocked.Exchange(ref _nextExpiry, long.MaxValue);
        var next = long.MaxValue;
        List<ResponseFuture>? expired = null;
        lock (_pending)
        {
            foreach (var (opaque, future) in _pending)
            {
                var deadline = future.DeadlineTicks;
                if (deadline > now)
                {
                    next = Math.Min(next, deadline);
                }
                else
                {
                    _pending.Remove(opaque); // allowed while enumerating a Dictionary
                    (expired ??= new List<ResponseFuture>()).Add(future);
                }
            }

            Volatile.Write(ref _pendingCount, _pending.Count);
        }

        LowerNextExpiry(next);
        if (expired is not null)
        {
            foreach (var future in expired)
            {
                future.TryComplete(null, new RemotingTimeoutException(Address, future.Timeout, future.Request.Code));
            }
        }
    }

    private void LowerNextExpiry(long deadline)
    {
        var current = Volatile.Read(ref _nextExpiry);
        while (deadline < current)
        {
            var seen = Interlocked.CompareExchange(ref _nextExpiry, deadline, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dispatch(RemotingCommand command, ref Deferred deferred)
    {
        if (command.IsResponse)
        {
            if (TakePending(command.Opaque) is { } future)
            {
                // Only the last response of a read is held back: the ones before it go to the pool at once.
                CompleteDeferred(ref deferred, inline: false);
                deferred = new Deferred(future, command);
            }
            else
            {
                _logger.LogDebug("connection {Address}: response code {Code} opaque {Opaque} matches no pending request (timed out or cancelled)", Address, command.Code, command.Opaque);
                command.Recycle(); // nobody else ever saw it
            }

            return;
        }

        try
        {
            _handler.OnRequest(this, command);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "connection {Address}: dispatching request code {Code} threw", Address, command.Code);
        }
    }
}
