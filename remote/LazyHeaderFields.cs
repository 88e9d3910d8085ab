using System.Buffers.Text;
using System.Text.Unicode;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Where one ext field's key and value sit inside a pooled frame: a JSON string's content without its quotes, which
/// stay just outside the span so that an escaped one can be read back as a whole JSON string.
/// </summary>
internal struct FieldRef
{
    public int KeyStart;
    public int KeyLength;
    public int ValueStart;
    public int ValueLength;
    public bool KeyEscaped;
    public bool ValueEscaped;
}

/// <summary>
/// The ext fields of a decoded frame, kept as offsets into the frame's pooled copy until someone asks for them.
/// Decoding a request then costs no string per key and value; a hot path that reads two fields pays for two.
/// The frame is fully validated when indexed (JSON structure, UTF-8), so reading a field later cannot fail
/// except for a JSON escape that is not valid UTF-16, which surfaces as a <see cref="RemotingProtocolException"/>.
/// Both header forms are indexed here: JSON by RemotingCommandCodec.JsonReader.cs, binary by <see cref="IndexBinary"/>.
/// </summary>
internal sealed class LazyHeaderFields
{
    /// <summary>
    /// Disposed indexes wait here for the next frame: every response would otherwise cost one. Safe because the
    /// command drops its reference (under the index's lock) before disposing, and every reader re-checks that
    /// reference under the same lock, so nobody reads an index after it went back.
    /// </summary>
    private static readonly BoundedPool<LazyHeaderFields> Pool = new(512);

    private const int InitialRefs = 16;
    private const int MaxPooledRefs = 256;

    private byte[] _frame = [];
    private FieldRef[] _refs = new FieldRef[InitialRefs];
    private int _count;
    private bool _disposed;

    public int Count => _count;

    /// <summary>An empty index over <paramref name="frame"/>, filled by the codec's JSON reader.</summary>
    internal static LazyHeaderFields Create(byte[] frame)
    {
        var fields = Pool.TryRent() ?? new LazyHeaderFields();
        fields._frame = frame;
        fields._disposed = false;
        return fields;
    }

    /// <summary>Indexes the binary header's ext-field section (int16 key length, key, int32 value length, value)*.</summary>
    public static LazyHeaderFields IndexBinary(byte[] frame, int start, int length)
    {
        var fields = Create(frame);
        var ext = frame.AsSpan(start, length);
        var at = 0;
        try
        {
            while (at < ext.Length)
            {
                var keyLength = RemotingCommandCodec.ReadLength(ext, ref at, 2, "extFields key");
                var field = new FieldRef { KeyStart = start + at, KeyLength = keyLength };
                at += keyLength;
                var valueLength = RemotingCommandCodec.ReadLength(ext, ref at, 4, "extFields value");
                field.ValueStart = start + at;
                field.ValueLength = valueLength;
                at += valueLength;
                if (!Utf8.IsValid(frame.AsSpan(field.KeyStart, field.KeyLength)) || !Utf8.IsValid(frame.AsSpan(field.ValueStart, field.ValueLength)))
                {
                    throw new RemotingProtocolException("binary header extFields entry is not valid UTF-8");
                }

                fields.Add(field);
            }
        }
        catch
        {
            fields.Dispose();
            throw;
        }

        return fields;
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent; an unescaped value equal to one of <paramref name="knownValues"/> is that instance.</summary>
    public string? Get(string key, ReadOnlySpan<string> knownValues)
    {
        if (!TryFind(key, out var field))
        {
            return null;
        }

        if (!field.ValueEscaped)
        {
            var raw = _frame.AsSpan(field.ValueStart, field.ValueLength);
            foreach (var known in knownValues)
            {
                if (known.Length == raw.Length && Ascii.Equals(raw, known))
                {
                    return known;
                }
            }
        }

        return DecodeValue(field);
    }

    /// <summary>The raw UTF-8 value of <paramref name="key"/>; false when absent or escaped.</summary>
    public bool TryGetRaw(string key, out ReadOnlySpan<byte> utf8)
    {
        if (TryFind(key, out var field) && !field.ValueEscaped)
        {
            utf8 = _frame.AsSpan(field.ValueStart, field.ValueLength);
            return true;
        }

        utf8 = default;
        return false;
    }

    /// <summary>Parses the value of <paramref name="key"/> as a decimal integer without allocating.</summary>
    public bool TryGetInt64(string key, out long value)
    {
        value = 0;
        return TryFind(key, out var field) && (field.ValueEscaped
            ? long.TryParse(DecodeValue(field), out value)
            : Utf8Parser.TryParse(_frame.AsSpan(field.ValueStart, field.ValueLength), out value, out var consumed) && consumed == field.ValueLength);
    }

    /// <summary>Builds the dictionary every field lands in.</summary>
    public Dictionary<string, string> Materialize()
    {
        var dictionary = new Dictionary<string, string>(_count);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var field = ref _refs[i];
            dictionary[DecodeKey(field)] = DecodeValue(field);
        }

        return dictionary;
    }

    /// <summary>Puts this index back for the next frame (once; later calls do nothing). The frame belongs to the command.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _count = 0;
        _frame = [];
        if (_refs.Length > MaxPooledRefs)
        {
            _refs = new FieldRef[InitialRefs];
        }

        Pool.Return(this);
    }

    /// <summary>Adds a field found by the codec's readers.</summary>
    internal void Add(in FieldRef field)
    {
        if (_count == _refs.Length)
        {
            Array.Resize(ref _refs, _refs.Length * 2);
        }

        _refs[_count++] = field;
    }

    private bool TryFind(string key, out FieldRef found)
    {
        // Later duplicates win, as they would in a dictionary built in frame order.
        for (var i = _count - 1; i >= 0; i--)
        {
            ref readonly var field = ref _refs[i];
            if (field.KeyLength == key.Length && !field.KeyEscaped && Ascii.Equals(_frame.AsSpan(field.KeyStart, field.KeyLength), key))
            {
                found = field;
                return true;
            }
        }

        for (var i = _count - 1; i >= 0; i--)
        {
            // Rare: an escaped or non-ASCII key; compare decoded. A plain ASCII key was settled by the loop above.
            ref readonly var field = ref _refs[i];
            if ((field.KeyEscaped || (field.KeyLength != key.Length && !Ascii.IsValid(_frame.AsSpan(field.KeyStart, field.KeyLength))))
                && DecodeKey(field) == key)
            {
                found = field;
                return true;
            }
        }

        found = default;
        return false;
    }

    private string DecodeKey(in FieldRef field)
        => field.KeyEscaped ? Unescape(field.KeyStart, field.KeyLength)
            : HeaderKeyCache.GetOrCreate(_frame.AsSpan(field.KeyStart, field.KeyLength)) ?? Encoding.UTF8.GetString(_frame, field.KeyStart, field.KeyLength);

    private string DecodeValue(in FieldRef field)
        => field.ValueEscaped ? Unescape(field.ValueStart, field.ValueLength) : Encoding.UTF8.GetString(_frame, field.ValueStart, field.ValueLength);

    /// <summary>An escaped JSON string's text, read with the quotes around its content.</summary>
    private string Unescape(int start, int length) => RemotingCommandCodec.Unescape(_frame.AsSpan(start - 1, length + 2));
}
