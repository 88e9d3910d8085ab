namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The read path of a client connection with a dedicated reader (<see cref="RemotingClientOptions.DedicatedReaders"/>):
/// a thread blocked in recv() on a blocking socket, so the kernel wakes exactly it when a response arrives (the
/// thread-pool path needs the epoll thread and then a pool worker, two wake-ups that cost more CPU than the work).
/// It continues the awaiter of the last response it has read itself (earlier ones of the same read go to the pool,
/// which shares the work of a reader that is behind), so a send loop runs on this one thread without a thread-pool
/// hop, and flushes what those awaiters queued once it has read all it has. Like Go's
/// sysmon retaking a P from a goroutine stuck in a syscall, the timeout wheel starts a new reader when an awaiter
/// holds this one longer than the hand-off time; the old thread ends when the awaiter lets go.
/// </summary>
internal sealed partial class TcpConnection
{
    private const int ReadBufferSize = 64 * 1024;
    private const long HandedOff = -1;

    // While continuing the awaiters of one read, the reader flushes what they queued once this many commands wait.
    private const int FlushEveryQueued = 16;

    // The inline continuation the reader runs now: 0 none, HandedOff once another reader took over.
    private long _inlineToken;
    private long _inlineSince;
    private long _inlineCounter;
    private byte[] _readBuffer = [];
    private int _readStart;
    private int _readEnd;

    private void StartReaderThread()
    {
        new Thread(static state => ((TcpConnection)state!).ReadBlocking(), maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = "rocketmq-read",
        }.UnsafeStart(this);
    }

    private void ReadBlocking()
    {
        Volatile.Write(ref _inlineToken, 0); // this thread reads from here on
        var deferred = default(Deferred);
        try
        {
            if (_readBuffer.Length == 0)
            {
                _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
            }

            while (true)
            {
                var buffered = new ReadOnlySequence<byte>(_readBuffer, _readStart, _readEnd - _readStart);
                if (!ReadFrames(ref buffered, ref deferred, continueEach: true))
                {
                    return; // handed off: the new reader owns the buffer
                }

                if (IsClosed)
                {
                    break;
                }

                MakeRoom();
                var read = _stream.Read(_readBuffer, _readEnd, _readBuffer.Length - _readEnd);
                if (read == 0)
                {
                    EndReading(LeftOver(_readEnd - _readStart));
                    ReturnReadBuffer();
                    return;
                }

                _readEnd += read;
            }

            EndReading(null);
        }
        catch (Exception e)
        {
            CompleteDeferred(ref deferred, inline: false);
            EndReading(ReadFailure(e));
        }

        ReturnReadBuffer();
    }

    /// <summary>
    /// Completes a response on this thread, under a token the timeout wheel can take away (then another reader
    /// takes over the connection). False once another reader took over.
    /// </summary>
    private bool ContinueAwaiter(ref Deferred deferred)
    {
        var token = ++_inlineCounter;
        Volatile.Write(ref _inlineSince, Environment.TickCount64);
        Volatile.Write(ref _inlineToken, token);
        t_continuing = this;
        try
        {
            CompleteDeferred(ref deferred, inline: true);
        }
        finally
        {
            t_continuing = null;
        }

        if (Interlocked.CompareExchange(ref _inlineToken, 0, token) == token)
        {
            return true;
        }

        TryWrite(inline: true); // what the awaiter queued after the hand-off: the new reader may be waiting in recv()
        return false;
    }

    /// <summary>Called on every wheel tick: retakes the connection from a reader an awaiter has held too long.</summary>
    private void CheckReaderHandOff(long now)
    {
        var token = Volatile.Read(ref _inlineToken);
        if (token <= 0 || now - Volatile.Read(ref _inlineSince) < _readerHandOffMs || IsClosed)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _inlineToken, HandedOff, token) == token)
        {
            _logger.LogDebug("connection {Address}: an awaiter has held the reader for over {HandOff} ms; a new reader takes over", Address, _readerHandOffMs);
            StartReaderThread();
        }
    }

    /// <summary>
    /// Makes room after the buffered bytes for the next read. A frame larger than the buffer grows it with what has
    /// arrived (at most doubling what is buffered, never beyond the frame), not to the size its header announces: a
    /// peer that announces a large frame and sends nothing costs nothing.
    /// </summary>
    private void MakeRoom()
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
            if (_readBuffer.Length > 4 * ReadBufferSize)
            {
                ArrayPool<byte>.Shared.Return(_readBuffer); // a large frame has passed: don't keep its buffer
                _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
            }
        }

        var needed = ReadBufferSize;
        var buffered = _readEnd - _readStart;
        if (buffered >= RemotingCommandCodec.LengthPrefixSize)
        {
            // ReadFrames has checked the length against the frame limit already.
            var frame = RemotingCommandCodec.LengthPrefixSize + (long)BinaryPrimitives.ReadInt32BigEndian(_readBuffer.AsSpan(_readStart));
            needed = (int)Math.Max(needed, Math.Min(frame, 2L * buffered));
        }

        if (_readEnd < _readBuffer.Length && _readBuffer.Length - _readStart >= needed)
        {
            return;
        }

        var target = _readBuffer.Length >= needed ? _readBuffer : ArrayPool<byte>.Shared.Rent(needed);
        _readBuffer.AsSpan(_readStart, buffered).CopyTo(target);
        if (!ReferenceEquals(target, _readBuffer))
        {
            ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = target;
        }

        _readStart = 0;
        _readEnd = buffered;
    }

    private void ReturnReadBuffer()
    {
        var buffer = _readBuffer;
        _readBuffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
