using System.Globalization;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Ext fields a hot-path sender hands the codec as they are - string references, numbers, UTF-8 bytes - instead of
/// as a map of strings, so a send request costs no string per number or for the properties. The codec writes them
/// straight into the frame, byte for byte as it would write the map <see cref="ToDictionary"/> gives. Anyone who
/// reads <see cref="RemotingCommand.ExtFields"/> gets that map (and the command is encoded from it from then on).
/// Instances are pooled: the sender rents one and fills it; remote, which owns the request from then on, gives it back
/// once the request was answered (and therefore encoded) or, for a oneway request, written.
/// </summary>
internal sealed class PackedExtFields
{
    private const int InitialBytes = 256;

    /// <summary>A buffer grown past this by unusually large properties is not kept in the pool.</summary>
    private const int MaxPooledBytes = 16 * 1024;

    /// <summary>Room for as many requests as are typically in flight at once (each instance holds about 1 KiB).</summary>
    private static readonly BoundedPool<PackedExtFields> Pool = new(4096);

    private Entry[] _entries = new Entry[16];
    private ArrayBufferWriter<byte> _bytes = new(InitialBytes);
    private int _count;
    private int _utf8Start = -1;

    private PackedExtFields()
    {
    }

    /// <summary>What one entry's value is.</summary>
    internal enum ValueKind : byte
    {
        /// <summary>A string reference.</summary>
        Text,

        /// <summary>A decimal integer, written as its invariant digits.</summary>
        Number,

        /// <summary>UTF-8 bytes held in this object's buffer.</summary>
        Utf8,
    }

    /// <summary>The number of fields.</summary>
    public int Count => _count;

    /// <summary>A cleared instance from the pool, or a new one.</summary>
    public static PackedExtFields Rent() => Pool.TryRent() ?? new PackedExtFields();

    /// <summary>Clears <paramref name="fields"/> and keeps it for the next <see cref="Rent"/> when there is room.</summary>
    internal static void Return(PackedExtFields fields)
    {
        Array.Clear(fields._entries, 0, fields._count); // drop the string references
        fields._count = 0;
        fields._utf8Start = -1;
        fields._bytes.ResetWrittenCount();
        if (fields._bytes.Capacity > MaxPooledBytes)
        {
            fields._bytes = new ArrayBufferWriter<byte>(InitialBytes);
        }

        Pool.Return(fields);
    }

    /// <summary>Adds a string field.</summary>
    public void Add(string key, string value) => Append(new Entry(key, ValueKind.Text, value, 0, 0, 0));

    /// <summary>Adds a number field; it reads as the number's invariant decimal digits.</summary>
    public void Add(string key, long value) => Append(new Entry(key, ValueKind.Number, null, value, 0, 0));

    /// <summary>
    /// Starts a field whose value is written as UTF-8 into the returned writer; <see cref="EndUtf8"/> names it.
    /// The bytes must be valid UTF-8.
    /// </summary>
    public IBufferWriter<byte> BeginUtf8()
    {
        _utf8Start = _bytes.WrittenCount;
        return _bytes;
    }

    /// <summary>Ends the value begun by <see cref="BeginUtf8"/> as field <paramref name="key"/>.</summary>
    public void EndUtf8(string key)
    {
        if (_utf8Start < 0)
        {
            throw new InvalidOperationException("EndUtf8 without BeginUtf8");
        }

        Append(new Entry(key, ValueKind.Utf8, null, 0, _utf8Start, _bytes.WrittenCount - _utf8Start));
        _utf8Start = -1;
    }

    /// <summary>The entry at <paramref name="index"/>.</summary>
    internal ref readonly Entry this[int index] => ref _entries[index];

    /// <summary>The UTF-8 value of a <see cref="ValueKind.Utf8"/> entry.</summary>
    internal ReadOnlySpan<byte> Utf8Of(in Entry entry) => _bytes.WrittenSpan.Slice(entry.Start, entry.Length);

    /// <summary>The value of <paramref name="key"/> as a string (the last one when repeated), or null.</summary>
    public string? Get(string key)
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                return TextOf(_entries[i]);
            }
        }

        return null;
    }

    /// <summary>The map of these fields, in the order they were added, with the strings the codec would write.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var map = new Dictionary<string, string>(_count, StringComparer.Ordinal);
        for (var i = 0; i < _count; i++)
        {
            map[_entries[i].Key] = TextOf(_entries[i]);
        }

        return map;
    }

    private string TextOf(in Entry entry) => entry.Kind switch
    {
        ValueKind.Text => entry.Text!,
        ValueKind.Number => entry.Number.ToString(CultureInfo.InvariantCulture),
        _ => entry.Length == 0 ? string.Empty : Encoding.UTF8.GetString(Utf8Of(entry)),
    };

    private void Append(in Entry entry)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = entry;
    }

    /// <summary>One field: a key and a value of one of the kinds.</summary>
    internal readonly record struct Entry(string Key, ValueKind Kind, string? Text, long Number, int Start, int Length);
}
