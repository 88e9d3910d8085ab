using System.Buffers.Binary;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// The on-disk image of the commit log: one append-only file of records (Java: the commitlog MappedFileQueue).
/// A background writer copies newly appended bytes to the file in batches (group commit); a send is acknowledged
/// when its bytes reached the OS (<see cref="FlushDiskType.AsyncFlush"/>) or the disk (<see cref="FlushDiskType.SyncFlush"/>).
/// On start the file is scanned record by record and a torn or corrupt tail is cut off.
/// </summary>
internal sealed class CommitLogFile : IAsyncDisposable
{
    private readonly string _path;
    private readonly FlushDiskType _flushType;
    private readonly ILogger _logger;
    private readonly Channel<byte> _signal = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _pending = NewBatch();
    private FileStream? _stream;
    private CommitLog? _log;
    private Task _writer = Task.CompletedTask;
    private long _written;

    public CommitLogFile(string directory, FlushDiskType flushType, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, "00000000000000000000");
        _flushType = flushType;
        _logger = logger;
    }

    /// <summary>
    /// Reads every intact record in file order and hands it to <paramref name="onRecord"/>; truncates the file after
    /// the last intact one. Returns the offset after it.
    /// </summary>
    public long Recover(int maxRecordSize, Action<ReadOnlyMemory<byte>> onRecord)
    {
        if (!File.Exists(_path))
        {
            return 0;
        }

        long position = 0;
        var buffer = new byte[64 * 1024];
        using (var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            Span<byte> head = stackalloc byte[4];
            while (true)
            {
                if (input.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
                {
                    break;
                }

                var size = BinaryPrimitives.ReadInt32BigEndian(head);
                if (size < 60 || size > maxRecordSize)
                {
                    break;
                }

                if (buffer.Length < size)
                {
                    buffer = new byte[Math.Max(size, buffer.Length * 2)];
                }

                head.CopyTo(buffer);
                if (input.ReadAtLeast(buffer.AsSpan(4, size - 4), size - 4, throwOnEndOfStream: false) < size - 4)
                {
                    break;
                }

                var record = buffer.AsMemory(0, size);
                if (!StoredMessage.TryReadExact(record.Span, out var stored) || Crc32.JavaCrc32(stored.Body) != stored.BodyCRC
                    || stored.CommitLogOffset != position)
                {
                    break;
                }

                onRecord(record);
                position += size;
            }
        }

        var length = new FileInfo(_path).Length;
        if (length > position)
        {
            _logger.LogWarning("commit log {Path}: cutting {Bytes} bytes of torn or corrupt tail at offset {Offset}", _path, length - position, position);
            using var truncate = new FileStream(_path, FileMode.Open, FileAccess.Write);
            truncate.SetLength(position);
            truncate.Flush(true);
        }

        _written = position;
        return position;
    }

    /// <summary>Starts writing what <paramref name="log"/> appends beyond the recovered end.</summary>
    public void Start(CommitLog log)
    {
        _log = log;
        _stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _stream.Seek(_written, SeekOrigin.Begin);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes when every byte before <paramref name="endOffset"/> is written (and fsynced in sync mode).</summary>
    public Task WhenWritten(long endOffset)
    {
        if (Volatile.Read(ref _written) >= endOffset)
        {
            return Task.CompletedTask;
        }

        Task batch;
        lock (_lock)
        {
            batch = _pending.Task;
        }

        _signal.Writer.TryWrite(0);
        return batch;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _signal.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning("commit log writer did not stop in time");
        }

        WriteOnce(fsync: true);
        lock (_lock)
        {
            _pending.TrySetResult();
        }

        _stream?.Dispose();
        _stop.Dispose();
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WriteLoopAsync()
    {
        while (await _signal.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            _signal.Reader.TryRead(out _);
            TaskCompletionSource batch;
            lock (_lock)
            {
                batch = _pending;
                _pending = NewBatch();
            }

            try
            {
                WriteOnce(_flushType == FlushDiskType.SyncFlush);
                batch.TrySetResult();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "commit log write to {Path} failed", _path);
                batch.TrySetException(e);
            }
        }
    }

    private void WriteOnce(bool fsync)
    {
        var stream = _stream;
        var log = _log;
        if (stream is null || log is null)
        {
            return;
        }

        lock (stream)
        {
            var target = log.MaxOffset;
            if (target > _written)
            {
                log.CopyRange(_written, target, chunk => stream.Write(chunk.Span));
                Volatile.Write(ref _written, target);
            }

            if (fsync)
            {
                stream.Flush(flushToDisk: true);
            }
        }
    }
}
