using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// The commit log: every stored record, one after another, addressed by its commit-log offset (Java: CommitLog over
/// a MappedFileQueue). Records live in memory chunks; a record never straddles two chunks, and a new chunk starts at
/// the current end so offsets stay contiguous (the file image is the plain concatenation of records).
/// Appends are serialised by the caller (the store's put lock); reads are safe from any thread at any time.
/// </summary>
internal sealed class CommitLog
{
    private readonly int _chunkSize;
    private Chunk[] _chunks = [];
    private Chunk? _current;
    private long _writeOffset;

    /// <summary>Creates an empty log whose chunks hold <paramref name="chunkSize"/> bytes (bigger for bigger records).</summary>
    public CommitLog(int chunkSize = 8 * 1024 * 1024, long startOffset = 0)
    {
        _chunkSize = chunkSize;
        _writeOffset = startOffset;
    }

    /// <summary>The offset the next record gets (Java: getMaxOffset).</summary>
    public long MaxOffset => Volatile.Read(ref _writeOffset);

    /// <summary>The offset of the oldest record still held.</summary>
    public long MinOffset
    {
        get
        {
            var chunks = Volatile.Read(ref _chunks);
            return chunks.Length == 0 ? MaxOffset : chunks[0].Base;
        }
    }

    /// <summary>Appends a complete record; the caller holds the put lock. Returns its offset.</summary>
    public long Append(ReadOnlySpan<byte> record)
    {
        var offset = _writeOffset;
        var chunk = _current;
        if (chunk is null || chunk.Data.Length - chunk.Used < record.Length)
        {
            chunk = new Chunk(new byte[Math.Max(_chunkSize, record.Length)], offset);
            var grown = new Chunk[_chunks.Length + 1];
            Array.Copy(_chunks, grown, _chunks.Length);
            grown[^1] = chunk;
            Volatile.Write(ref _chunks, grown);
            _current = chunk;
        }

        record.CopyTo(chunk.Data.AsSpan(chunk.Used));
        Volatile.Write(ref chunk.Used, chunk.Used + record.Length);
        Volatile.Write(ref _writeOffset, offset + record.Length);
        return offset;
    }

    /// <summary>The bytes at [offset, offset + size), or empty when they are not (or no longer) held.</summary>
    public ReadOnlyMemory<byte> Read(long offset, int size)
    {
        var chunks = Volatile.Read(ref _chunks);
        var chunk = Find(chunks, offset);
        if (chunk is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var position = (int)(offset - chunk.Base);
        return position + size <= Volatile.Read(ref chunk.Used)
            ? new ReadOnlyMemory<byte>(chunk.Data, position, size)
            : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>The whole record starting at <paramref name="offset"/>, or empty.</summary>
    public ReadOnlyMemory<byte> ReadRecord(long offset)
    {
        var head = Read(offset, 4);
        if (head.Length < 4)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var size = StoredMessage.TotalSizeOf(head.Span);
        return size <= 0 ? ReadOnlyMemory<byte>.Empty : Read(offset, size);
    }

    /// <summary>Copies [from, to) into <paramref name="sink"/> chunk by chunk (for the file writer).</summary>
    public void CopyRange(long from, long to, Action<ReadOnlyMemory<byte>> sink)
    {
        var chunks = Volatile.Read(ref _chunks);
        foreach (var chunk in chunks)
        {
            var end = chunk.Base + Volatile.Read(ref chunk.Used);
            if (end <= from || chunk.Base >= to)
            {
                continue;
            }

            var start = Math.Max(from, chunk.Base);
            var stop = Math.Min(to, end);
            sink(new ReadOnlyMemory<byte>(chunk.Data, (int)(start - chunk.Base), (int)(stop - start)));
        }
    }

    private static Chunk? Find(Chunk[] chunks, long offset)
    {
        int lo = 0, hi = chunks.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var chunk = chunks[mid];
            if (offset < chunk.Base)
            {
                hi = mid - 1;
            }
            else if (offset >= chunk.Base + Volatile.Read(ref chunk.Used))
            {
                lo = mid + 1;
            }
            else
            {
                return chunk;
            }
        }

        return null;
    }

    private sealed class Chunk(byte[] data, long @base)
    {
        public readonly byte[] Data = data;
        public readonly long Base = @base;
        public int Used;
    }
}
