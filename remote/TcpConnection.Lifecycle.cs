namespace RocketMQ.Go.Port.Remote;

/// <summary>Starting a connection's loops, and closing it gracefully or at once.</summary>
internal sealed partial class TcpConnection
{
    public void Start()
    {
        _wheel.Add(this);
        if (_dedicatedReader)
        {
            StartReaderThread();
            Volatile.Write(ref _writer, new BlockingStreamWriter(_socket, _stream));
        }
        else
        {
            // Not on the thread that opened the connection: that one goes back to its caller.
            ThreadPool.UnsafeQueueUserWorkItem(static connection => connection.BeginReading(), this, preferLocal: false);
            Volatile.Write(ref _writer, PipeWriter.Create(_stream, WriterOptions));
        }

        Completion = Task.WhenAll(_readDone.Task, _writerDone.Task);
        TryWrite(inline: false); // anything queued before the start
        if (IsClosed)
        {
            _wheel.Remove(this); // closed before it started: Close() found nothing to remove
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                CompleteWriter(null);
            }
        }
    }

    /// <summary>
    /// Lets the writer flush what is queued (up to <paramref name="drainTimeout"/>), then closes; completes when
    /// both loops have ended.
    /// </summary>
    public async Task CloseGracefullyAsync(TimeSpan drainTimeout)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _drained, drained);
        _outbound.Writer.TryComplete();
        if (_outbound.Reader.Count == 0 && Volatile.Read(ref _writing) == 0)
        {
            drained.TrySetResult();
        }

        TryWrite(inline: false); // the current writer, if any, signals when it lets go of an empty queue
        try
        {
            await drained.Task.WaitAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("connection {Address}: queued writes not flushed within {Timeout} ms, closing anyway", Address, drainTimeout.TotalMilliseconds);
        }

        Close(null);
        await Completion.ConfigureAwait(false);
    }

    /// <summary>Closes the socket, stops both loops and fails every pending request. Idempotent.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        LogClose(reason);
        _outbound.Writer.TryComplete();
        try
        {
            _stop.Cancel();
        }
        catch (AggregateException e)
        {
            _logger.LogDebug(e, "connection {Address}: cancelling the loops threw", Address);
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // already reset by the peer
        }

        try
        {
            _stream.Dispose(); // owns the socket
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "connection {Address}: disposing the stream threw", Address);
        }

        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            CompleteWriter(null); // otherwise the current writer completes it when it lets go
        }

        _wheel.Remove(this);

        // The owner forgets the connection first, so whoever sees a request fail also sees it gone.
        try
        {
            _handler.OnClosed(this, reason);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "connection {Address}: close handler threw", Address);
        }

        ResponseFuture[] failed;
        lock (_pending)
        {
            failed = [.. _pending.Values];
            _pending.Clear();
            Volatile.Write(ref _pendingCount, 0);
        }

        foreach (var future in failed)
        {
            var message = reason is null ? "the connection was closed" : $"the connection was closed: {reason.Message}";
            future.TryComplete(null, new RemotingConnectException(Address, message, reason));
        }
    }

    private void LogClose(Exception? reason)
    {
        switch (reason)
        {
            case null:
                _logger.LogDebug("connection {Address} ({Remote}) closed", Address, RemoteEndPoint);
                break;
            case RemotingProtocolException:
                _logger.LogError(reason, "connection {Address} ({Remote}) closed: malformed input: {Reason}", Address, RemoteEndPoint, reason.Message);
                break;
            default:
                _logger.LogWarning(reason, "connection {Address} ({Remote}) closed: {Reason}", Address, RemoteEndPoint, reason.Message);
                break;
        }
    }
}
