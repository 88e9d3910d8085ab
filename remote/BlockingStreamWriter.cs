using System.Runtime.InteropServices;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The write side of a connection whose socket must stay blocking (one with a dedicated reader): a
/// <see cref="PipeWriter"/> over a pooled buffer. A flush first offers the bytes to the kernel without waiting
/// (send with MSG_DONTWAIT: the socket itself stays blocking for its reader), which takes them all unless the peer
/// has stopped reading; only then does the rest go out with a blocking write on the thread pool, so a sender never
/// blocks (StreamPipeWriter would call WriteAsync, and .NET's first asynchronous call switches a socket to
/// non-blocking mode for good). Only the connection's current writer uses it.
/// </summary>
internal sealed partial class BlockingStreamWriter(Socket socket, Stream stream) : PipeWriter
{
    private const int InitialSize = 64 * 1024;
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _written;
    private bool _completed;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written;

    public override void Advance(int bytes) => _written += bytes;

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        var sent = _written == 0 ? 0 : SendWithoutWaiting(_buffer.AsSpan(0, _written));
        if (sent == _written)
        {
            _written = 0;
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: _completed));
        }

        return new ValueTask<FlushResult>(FinishOnPoolAsync(sent));
    }

    public override void CancelPendingFlush()
    {
        // The blocking remainder of a flush ends when the connection closes its socket.
    }

    /// <summary>Returns the buffer without writing what is left (the connection is closing).</summary>
    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private async Task<FlushResult> FinishOnPoolAsync(int sent)
    {
        await Task.Yield(); // the sender goes back to its caller; a pool thread waits for the peer instead
        stream.Write(_buffer, sent, _written - sent);
        _written = 0;
        return new FlushResult(isCanceled: false, isCompleted: _completed);
    }

    private unsafe int SendWithoutWaiting(ReadOnlySpan<byte> bytes)
    {
        var handle = socket.SafeHandle;
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            fixed (byte* start = bytes)
            {
                var sent = 0;
                while (sent < bytes.Length)
                {
                    var result = Send(fd, start + sent, bytes.Length - sent, MsgDontWait | MsgNoSignal);
                    if (result >= 0)
                    {
                        sent += (int)result;
                        continue;
                    }

                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    if (errno == EAgain)
                    {
                        break;
                    }

                    throw new IOException($"send failed: {new SocketException(errno).Message} (errno {errno})", new SocketException(errno));
                }

                return sent;
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint Send(int fd, byte* buffer, nint length, int flags);

    private void Ensure(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
