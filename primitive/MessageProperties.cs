using System.Buffers;
using System.Text;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The properties string of the wire and the store (Go: <c>MarshallProperties</c>/<c>UnmarshalProperties</c>):
/// <c>key 0x01 value</c> entries joined by <c>0x02</c>, UTF-8. Written as Java writes it, without a trailing 0x02
/// (Go appends one; both parse either form). Keys and values therefore cannot contain 0x01 or 0x02.
/// </summary>
public static class MessageProperties
{
    /// <summary>Separates a key from its value (Go: nameValueSeparator).</summary>
    public const char NameValueSeparator = '\u0001';

    /// <summary>Separates one entry from the next (Go: propertySeparator).</summary>
    public const char PropertySeparator = '\u0002';

    /// <summary>The most property bytes a message can carry: the length travels as an int16.</summary>
    public const int MaxLength = short.MaxValue;

    private const byte NameValueByte = 1;
    private const byte PropertyByte = 2;

    private static readonly byte[][] KnownKeyBytes = BuildKnownKeyBytes();
    private static readonly int[][] KnownKeysByLength = BuildKnownKeysByLength();

    /// <summary>Encodes <paramref name="properties"/> in their enumeration order; entries with a null value are skipped.</summary>
    public static string Marshal(IEnumerable<KeyValuePair<string, string>>? properties)
    {
        if (properties is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            if (value is null)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(PropertySeparator);
            }

            sb.Append(key).Append(NameValueSeparator).Append(value);
        }

        return sb.ToString();
    }

    /// <summary>Decodes a properties string; empty keys and values are dropped, as Java drops them.</summary>
    public static Dictionary<string, string> Unmarshal(string? properties)
    {
        var map = new Dictionary<string, string>();
        if (!string.IsNullOrEmpty(properties))
        {
            var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(properties.Length));
            try
            {
                var length = Encoding.UTF8.GetBytes(properties, rented);
                UnmarshalInto(rented.AsSpan(0, length), map);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return map;
    }

    /// <summary>Decodes UTF-8 property bytes as found in a stored message or a SEND_MESSAGE header.</summary>
    public static Dictionary<string, string> Unmarshal(ReadOnlySpan<byte> utf8)
    {
        var map = new Dictionary<string, string>();
        UnmarshalInto(utf8, map);
        return map;
    }

    /// <summary>True when <paramref name="text"/> contains neither separator, so it can be a key or value.</summary>
    public static bool IsValidText(ReadOnlySpan<char> text) => text.IndexOfAny(NameValueSeparator, PropertySeparator) < 0;

    /// <summary>Parses entries into <paramref name="target"/>; known keys reuse the <see cref="PropertyKeys"/> strings.</summary>
    internal static void UnmarshalInto(ReadOnlySpan<byte> utf8, Dictionary<string, string> target)
    {
        while (!utf8.IsEmpty)
        {
            var end = utf8.IndexOf(PropertyByte);
            var entry = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? default : utf8[(end + 1)..];

            var separator = entry.IndexOf(NameValueByte);
            if (separator <= 0 || separator == entry.Length - 1)
            {
                continue; // empty key or value: Java skips these too
            }

            var keyIndex = FindKnownKey(entry[..separator]);
            var key = keyIndex >= 0 ? PropertyKeys.All[keyIndex] : Encoding.UTF8.GetString(entry[..separator]);
            target[key] = Encoding.UTF8.GetString(entry[(separator + 1)..]);
        }
    }

    /// <summary>
    /// Finds <paramref name="key"/>'s value in UTF-8 property bytes without parsing the rest: the last entry with that
    /// key and a non-empty value, as <see cref="UnmarshalInto"/> would keep. False when absent.
    /// </summary>
    internal static bool TryFindValue(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> key, out ReadOnlySpan<byte> value)
    {
        value = default;
        var found = false;
        while (!utf8.IsEmpty)
        {
            var end = utf8.IndexOf(PropertyByte);
            var entry = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? default : utf8[(end + 1)..];
            if (entry.Length > key.Length + 1 && entry[key.Length] == NameValueByte && Ascii.Equals(entry[..key.Length], key))
            {
                value = entry[(key.Length + 1)..];
                found = true;
            }
        }

        return found;
    }

    /// <summary>How many entries UTF-8 property bytes hold at most (for sizing a map).</summary>
    internal static int CountEntries(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? 0 : utf8.Count(PropertyByte) + 1;

    /// <summary>UTF-8 length of the marshalled form of <paramref name="properties"/>.</summary>
    internal static int GetUtf8Length(Dictionary<string, string> properties)
    {
        var length = 0;
        foreach (var (key, value) in properties)
        {
            length += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 2;
        }

        return length == 0 ? 0 : length - 1;
    }

    /// <summary>Writes the marshalled form of <paramref name="properties"/>; <paramref name="destination"/> must fit it.</summary>
    internal static int WriteUtf8(Dictionary<string, string> properties, Span<byte> destination)
    {
        var written = 0;
        foreach (var (key, value) in properties)
        {
            if (written > 0)
            {
                destination[written++] = PropertyByte;
            }

            written += Encoding.UTF8.GetBytes(key, destination[written..]);
            destination[written++] = NameValueByte;
            written += Encoding.UTF8.GetBytes(value, destination[written..]);
        }

        return written;
    }

    private static int FindKnownKey(ReadOnlySpan<byte> key)
    {
        // Buckets by length, then a byte comparison: cheaper than hashing for these short ASCII keys.
        var buckets = KnownKeysByLength;
        if (key.Length >= buckets.Length)
        {
            return -1;
        }

        foreach (var index in buckets[key.Length])
        {
            var candidate = KnownKeyBytes[index];
            if (candidate[0] == key[0] && key.SequenceEqual(candidate))
            {
                return index;
            }
        }

        return -1;
    }

    private static byte[][] BuildKnownKeyBytes()
    {
        var bytes = new byte[PropertyKeys.All.Length][];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Encoding.ASCII.GetBytes(PropertyKeys.All[i]);
        }

        return bytes;
    }

    private static int[][] BuildKnownKeysByLength()
    {
        var longest = PropertyKeys.All.Max(k => k.Length);
        var buckets = new int[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            var matching = new List<int>();
            for (var i = 0; i < PropertyKeys.All.Length; i++)
            {
                if (PropertyKeys.All[i].Length == length)
                {
                    matching.Add(i);
                }
            }

            buckets[length] = matching.ToArray();
        }

        return buckets;
    }
}
