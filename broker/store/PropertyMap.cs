using System.Buffers;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// A message's properties as the Java broker holds them: a <c>java.util.HashMap</c> that is written back in the
/// map's iteration order (bucket by bucket, insertion order within a bucket). Reproducing that order makes our stored
/// records byte-identical to the Java broker's for the same input. Keys and values are memory slices of the request's
/// strings, so parsing and re-encoding allocate nothing; one instance is reused per thread on the send path.
/// </summary>
internal sealed class PropertyMap
{
    private Entry[] _entries = new Entry[16];
    private int _count;
    private int _sequence;
    private int _tableSize = 16;

    /// <summary>Number of properties.</summary>
    public int Count => _count;

    /// <summary>Parses Java's property string (key 0x01 value 0x02 ...), replacing the current content.</summary>
    public PropertyMap Parse(string? properties)
    {
        Clear();
        if (string.IsNullOrEmpty(properties))
        {
            return this;
        }

        var memory = properties.AsMemory();
        var span = properties.AsSpan();
        var start = 0;
        while (start < span.Length)
        {
            var end = span[start..].IndexOf(MessageProperties.PropertySeparator);
            end = end < 0 ? span.Length : start + end;
            var pair = span[start..end];
            var separator = pair.IndexOf(MessageProperties.NameValueSeparator);
            if (separator > 0 && separator < pair.Length - 1)
            {
                // Java's string2messageProperties skips empty keys or values and keeps the last duplicate.
                Put(memory.Slice(start, separator), memory.Slice(start + separator + 1, end - start - separator - 1));
            }

            start = end + 1;
        }

        return this;
    }

    /// <summary>Copies another list (same order and table size).</summary>
    public PropertyMap CopyFrom(PropertyMap other)
    {
        Clear();
        EnsureCapacity(other._count);
        Array.Copy(other._entries, _entries, other._count);
        _count = other._count;
        _sequence = other._sequence;
        _tableSize = other._tableSize;
        return this;
    }

    /// <summary>Removes every property; the list can be reused.</summary>
    public void Clear()
    {
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _sequence = 0;
        _tableSize = 16;
    }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key) => TryGet(key, out var value) ? value.ToString() : null;

    /// <summary>Finds a value without allocating.</summary>
    public bool TryGet(ReadOnlySpan<char> key, out ReadOnlyMemory<char> value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    /// <summary>True when the key is present.</summary>
    public bool Contains(ReadOnlySpan<char> key) => IndexOf(key) >= 0;

    /// <summary>Java's <c>HashMap.put</c>: replaces the value in place or appends the key to its bucket.</summary>
    public void Put(string key, string value) => Put(key.AsMemory(), value.AsMemory());

    /// <summary>Java's <c>HashMap.put</c> over slices.</summary>
    public void Put(ReadOnlyMemory<char> key, ReadOnlyMemory<char> value)
    {
        var index = IndexOf(key.Span);
        if (index >= 0)
        {
            _entries[index].Value = value;
            return;
        }

        EnsureCapacity(_count + 1);
        var hash = JavaHash.StringHashCode(key.Span);
        _entries[_count++] = new Entry(key, value, hash ^ (int)((uint)hash >> 16), _sequence++);
        while (_count > _tableSize * 3 / 4)
        {
            _tableSize *= 2; // HashMap never shrinks its table
        }
    }

    /// <summary>Java's <c>HashMap.remove</c>; returns the removed value.</summary>
    public ReadOnlyMemory<char>? Remove(ReadOnlySpan<char> key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return null;
        }

        var value = _entries[index].Value;
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _entries[--_count] = default;
        return value;
    }

    /// <summary>Java's <c>messageProperties2String</c>: the UTF-8 bytes in HashMap iteration order.</summary>
    public int WriteTo(IBufferWriter<byte> output)
    {
        Span<int> order = _count <= 64 ? stackalloc int[_count] : new int[_count];
        SortJavaOrder(order);
        // Java separates pairs with 0x02 and drops the trailing one.
        var written = 0;
        foreach (var i in order)
        {
            ref readonly var e = ref _entries[i];
            if (written > 0)
            {
                written += WriteChar(output, MessageProperties.PropertySeparator);
            }

            written += (int)Encoding.UTF8.GetBytes(e.Key.Span, output);
            written += WriteChar(output, MessageProperties.NameValueSeparator);
            written += (int)Encoding.UTF8.GetBytes(e.Value.Span, output);
        }

        return written;
    }

    /// <summary>The property string in Java order (for headers and tests; allocates).</summary>
    public override string ToString()
    {
        Span<int> order = _count <= 64 ? stackalloc int[_count] : new int[_count];
        SortJavaOrder(order);
        var builder = new StringBuilder();
        foreach (var i in order)
        {
            if (builder.Length > 0)
            {
                builder.Append(MessageProperties.PropertySeparator);
            }

            builder.Append(_entries[i].Key.Span).Append(MessageProperties.NameValueSeparator).Append(_entries[i].Value.Span);
        }

        return builder.ToString();
    }

    /// <summary>The properties as a dictionary (for admin answers and tests).</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var map = new Dictionary<string, string>(_count);
        for (var i = 0; i < _count; i++)
        {
            map[_entries[i].Key.ToString()] = _entries[i].Value.ToString();
        }

        return map;
    }

    private static int WriteChar(IBufferWriter<byte> output, char c)
    {
        output.GetSpan(1)[0] = (byte)c;
        output.Advance(1);
        return 1;
    }

    private void SortJavaOrder(Span<int> order)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Insertion sort by (bucket, insertion sequence): lists are short, and this keeps it allocation-free.
        var mask = _tableSize - 1;
        for (var i = 1; i < order.Length; i++)
        {
            var current = order[i];
            var bucket = _entries[current].SpreadHash & mask;
            var j = i - 1;
            while (j >= 0 && Compare(order[j], bucket, _entries[current].Sequence, mask) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }
    }

    private int Compare(int index, int bucket, int sequence, int mask)
    {
        var b = _entries[index].SpreadHash & mask;
        return b != bucket ? b.CompareTo(bucket) : _entries[index].Sequence.CompareTo(sequence);
    }

    private int IndexOf(ReadOnlySpan<char> key)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Key.Span.SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureCapacity(int count)
    {
        if (count > _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(count, _entries.Length * 2));
        }
    }

    private struct Entry(ReadOnlyMemory<char> key, ReadOnlyMemory<char> value, int spreadHash, int sequence)
    {
        public readonly ReadOnlyMemory<char> Key = key;
        public ReadOnlyMemory<char> Value = value;
        public readonly int SpreadHash = spreadHash;
        public readonly int Sequence = sequence;
    }
}
