using System.Buffers;
using System.IO.Pipelines;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The write side of a connection whose socket must stay blocking (one with a dedicated reader): a
/// <see cref="PipeWriter"/> over a pooled buffer whose flush is one synchronous <see cref="Stream.Write(byte[], int, int)"/>
/// (StreamPipeWriter would call WriteAsync, and the first asynchronous call switches the socket to non-blocking
/// mode for good). Only the connection's current writer uses it.
/// </summary>
internal sealed class BlockingStreamWriter(Stream stream) : PipeWriter
{
    private const int InitialSize = 64 * 1024;

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
        if (_written > 0)
        {
            var length = _written;
            _written = 0;
            stream.Write(_buffer, 0, length);
        }

        return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: _completed));
    }

    public override void CancelPendingFlush()
    {
        // A synchronous flush is never pending.
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
