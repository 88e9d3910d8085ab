namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The read path: frames are sliced out of a <see cref="PipeReader"/> and dispatched. Written as explicit callbacks
/// rather than an async loop for one reason: once no more data is buffered, the next read is armed FIRST and only
/// then is the last response of the batch completed on this thread. A sync round trip (send, wait, send) thus
/// continues where its response was read, without a second thread-pool hop, and still never blocks the connection:
/// whatever that continuation does, the next read is already waiting on its own.
/// </summary>
internal sealed partial class TcpConnection
{
    private PipeReader? _reader;
    private ConfiguredValueTaskAwaitable<ReadResult>.ConfiguredValueTaskAwaiter _readAwaiter;
    private Action? _onReadCompleted;
    private int _readEnded;

    /// <summary>A response whose awaiter has not been released yet: the last one of the current read.</summary>
    private readonly record struct Deferred(ResponseFuture? Future, RemotingCommand? Response);

    private void BeginReading()
    {
        try
        {
            _reader = PipeReader.Create(_stream, ReaderOptions);
            _onReadCompleted = OnReadCompleted;
        }
        catch (Exception e)
        {
            EndReading(ReadFailure(e));
            return;
        }

        Pump(default, haveResult: false);
    }

    private void OnReadCompleted()
    {
        ReadResult result;
        try
        {
            result = _readAwaiter.GetResult();
        }
        catch (Exception e)
        {
            EndReading(ReadFailure(e));
            return;
        }

        Pump(result, haveResult: true);
    }

    /// <summary>Consumes <paramref name="result"/> and whatever more is already buffered, then re-arms the read.</summary>
    private void Pump(ReadResult result, bool haveResult)
    {
        var deferred = default(Deferred);
        try
        {
            while (true)
            {
                if (haveResult && !Consume(result, ref deferred))
                {
                    break;
                }

                if (IsClosed)
                {
                    EndReading(null);
                    break;
                }

                var read = _reader!.ReadAsync(_stop.Token);
                if (!read.IsCompleted)
                {
                    _readAwaiter = read.ConfigureAwait(false).GetAwaiter();
                    _readAwaiter.UnsafeOnCompleted(_onReadCompleted!);
                    break; // from here on another thread may already be reading: touch no read state
                }

                CompleteDeferred(ref deferred, inline: false); // more data is here: don't hold the earlier response
                result = read.Result;
                haveResult = true;
            }
        }
        catch (Exception e)
        {
            EndReading(ReadFailure(e));
        }

        CompleteDeferred(ref deferred, inline: true);
    }

    /// <summary>Dispatches the frames of one read; false once the stream has ended.</summary>
    private bool Consume(ReadResult result, ref Deferred deferred)
    {
        var buffer = result.Buffer;
        try
        {
            ReadFrames(ref buffer, ref deferred, continueEach: false);
        }
        finally
        {
            _reader!.AdvanceTo(buffer.Start, buffer.End);
        }

        if (result.IsCompleted || result.IsCanceled)
        {
            EndReading(LeftOver(buffer.Length));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Dispatches the frames in <paramref name="buffer"/>, then flushes what they queued in one go. A dedicated reader
    /// (<paramref name="continueEach"/>) continues a response's awaiter on this thread (as Node's event loop runs a
    /// callback) when nothing more has been read behind it, and otherwise on the pool, so that a reader that is
    /// behind shares the work; false once another reader took over.
    /// </summary>
    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadFrames(ref ReadOnlySequence<byte> buffer, ref Deferred deferred, bool continueEach)
    {
        while (!IsClosed && RemotingCommandCodec.TryReadFrame(ref buffer, out var frame, _maxFrameLength))
        {
            if (continueEach)
            {
                _readStart = _readEnd - (int)buffer.Length; // a reader that takes over starts after this frame
            }

            var outer = t_dispatching;
            t_dispatching = this;
            try
            {
                Dispatch(RemotingCommandCodec.Decode(frame), ref deferred);
            }
            finally
            {
                t_dispatching = outer;
            }

            if (continueEach && deferred.Future is not null)
            {
                if (!buffer.IsEmpty)
                {
                    // More has arrived behind it: this reader is behind, so a pool thread runs this awaiter meanwhile.
                    CompleteDeferred(ref deferred, inline: false);
                }
                else if (!ContinueAwaiter(ref deferred))
                {
                    return false;
                }
            }

            if (continueEach && _outbound.Reader.Count >= FlushEveryQueued)
            {
                TryWrite(inline: true); // a long read must not keep the peer waiting for the requests answered so far
            }
        }

        if (_outbound.Reader.Count > 0)
        {
            // What the frames (and their awaiters) queued goes out in one flush; the writer never blocks this thread.
            TryWrite(inline: true);
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CompleteDeferred(ref Deferred deferred, bool inline)
    {
        if (deferred.Future is not { } future)
        {
            return;
        }

        var response = deferred.Response;
        deferred = default;
        try
        {
            if (!future.TryComplete(response, null, inline))
            {
                response!.Recycle(); // it lost the race with its timeout or cancellation: nobody else ever saw it
            }
        }
        catch (Exception e)
        {
            // A continuation run inline is the awaiter's code; it must not take the connection down.
            _logger.LogError(e, "connection {Address}: completing the response to opaque {Opaque} threw", Address, response!.Opaque);
        }
    }

    private Exception? ReadFailure(Exception e) => e switch
    {
        OperationCanceledException or ObjectDisposedException or IOException or SocketException when IsClosed => null, // closed locally while reading
        RemotingProtocolException { Address: null } p => new RemotingProtocolException(p.Message, Address, p),
        _ => e,
    };

    /// <summary>The failure of a stream that ended <paramref name="bytes"/> into a frame (none at a frame boundary).</summary>
    private RemotingProtocolException? LeftOver(long bytes) => bytes > 0 && !IsClosed
        ? new RemotingProtocolException($"the peer closed the connection inside a frame ({bytes} bytes left over)", Address)
        : null;

    private void EndReading(Exception? failure)
    {
        if (Interlocked.Exchange(ref _readEnded, 1) != 0)
        {
            return;
        }

        try
        {
            _reader?.Complete();
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "connection {Address}: completing the reader threw", Address);
        }

        Close(failure);
        _readDone.TrySetResult();
    }
}
