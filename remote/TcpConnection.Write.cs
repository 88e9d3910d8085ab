using System.Threading.Channels;

namespace RocketMQ.Go.Port.Remote;

/// <summary>The write path: one writer at a time drains the outbound queue, coalescing frames into few flushes.</summary>
internal sealed partial class TcpConnection
{
    /// <summary>
    /// Becomes the writer unless someone already is: <paramref name="inline"/> drains on the caller's thread (one
    /// pass, so a sync send reaches the socket without a thread hop), otherwise on the thread pool. Whoever enqueues
    /// then calls this, and a writer re-checks the queue after letting go, so no queued command is left behind.
    /// </summary>
    private void TryWrite(bool inline)
    {
        if (_writer is null || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            return;
        }

        if (inline)
        {
            _ = DrainAsync(maxPasses: 1);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync(maxPasses: 64);

    /// <summary>Runs while holding <see cref="_writing"/>: encodes what is queued into one flush per pass.</summary>
    private async Task DrainAsync(int maxPasses)
    {
        var writer = _writer!;
        var queue = _outbound.Reader;
        try
        {
            for (var pass = 0; pass < maxPasses && !IsClosed; pass++)
            {
                var wrote = false;
                while (queue.TryRead(out var command))
                {
                    Encode(writer, command);
                    wrote = true;
                    if (writer.UnflushedBytes >= MaxBatchBytes)
                    {
                        break;
                    }
                }

                if (!wrote)
                {
                    break;
                }

                var pending = writer.FlushAsync(_stop.Token);
                if (!pending.IsCompletedSuccessfully)
                {
                    // The socket is backed up: finish on the pool, which may keep draining for a while.
                    maxPasses = Math.Max(maxPasses, 64);
                }

                var flush = await pending.ConfigureAwait(false);

                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (IsClosed && e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // closed locally while writing
        }
        catch (Exception e)
        {
            CompleteWriter(e);
            Close(e);
            return;
        }

        ReleaseWriter();
    }

    private void ReleaseWriter()
    {
        if (IsClosed)
        {
            CompleteWriter(null); // keeps the flag: nobody writes after close
            return;
        }

        Interlocked.Exchange(ref _writing, 0);
        if (IsClosed)
        {
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                CompleteWriter(null);
            }
        }
        else if (_outbound.Reader.Count > 0)
        {
            TryWrite(inline: false); // queued while this writer flushed, or more than one pass holds
        }
        else if (Volatile.Read(ref _drained) is { } drained)
        {
            drained.TrySetResult();
        }
    }

    /// <summary>Returns the pipe's buffers; only the writer-flag holder (or the closer holding it) calls this.</summary>
    private void CompleteWriter(Exception? failure)
    {
        if (Interlocked.Exchange(ref _writerCompleted, 1) != 0)
        {
            return;
        }

        try
        {
            // Completing with an exception returns the buffers without writing to a stream that may be gone.
            _writer?.Complete(failure ?? new OperationCanceledException());
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "connection {Address}: completing the writer threw", Address);
        }

        Volatile.Read(ref _drained)?.TrySetResult();
        _writerDone.TrySetResult();
    }

    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Encode(PipeWriter writer, RemotingCommand command)
    {
        try
        {
            if (command.Body.Length > _maxFrameLength)
            {
                // The peer would drop the whole connection (and every request on it) for this one frame.
                throw new RemotingSendRequestException(Address, $"a body of {command.Body.Length} bytes exceeds the {_maxFrameLength}-byte frame limit");
            }

            RemotingCommandCodec.Encode(command, writer);
            if (command.IsOneWay && !command.IsResponse)
            {
                command.Recycle(); // a oneway request belongs to remote, and its writing is its last use
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The codec writes nothing until the header is built, so one bad command doesn't corrupt the stream.
            _logger.LogError(e, "connection {Address}: cannot encode command code {Code} opaque {Opaque}", Address, command.Code, command.Opaque);
            if (!command.IsResponse && TakePending(command.Opaque) is { } future)
            {
                future.TryComplete(null, e as RemotingSendRequestException ?? new RemotingSendRequestException(Address, $"cannot encode the request: {e.Message}", e));
            }
        }
    }
}
