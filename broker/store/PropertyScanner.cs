using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Finds properties in a stored record's UTF-8 property bytes without decoding the whole string (Java's dispatch
/// reads TAGS, KEYS and UNIQ_KEY the same way when it builds consume queues and the index).
/// </summary>
internal static class PropertyScanner
{
    /// <summary>Finds the value of <paramref name="key"/> (UTF-8).</summary>
    public static bool TryFind(ReadOnlySpan<byte> properties, ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        while (!properties.IsEmpty)
        {
            var end = properties.IndexOf((byte)MessageProperties.PropertySeparator);
            var pair = end < 0 ? properties : properties[..end];
            var separator = pair.IndexOf((byte)MessageProperties.NameValueSeparator);
            if (separator > 0 && pair[..separator].SequenceEqual(key))
            {
                value = pair[(separator + 1)..];
                return true;
            }

            properties = end < 0 ? default : properties[(end + 1)..];
        }

        value = default;
        return false;
    }

    /// <summary>Java's tag code: String.hashCode of the TAGS value, 0 without tags.</summary>
    public static long TagsCode(ReadOnlySpan<byte> properties)
        => TryFind(properties, "TAGS"u8, out var tags) && !tags.IsEmpty ? HashUtf8(tags) : 0;

    /// <summary>Java's String.hashCode of a UTF-8 value (hashed over its UTF-16 form).</summary>
    public static int HashUtf8(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        return Primitive.JavaHash.StringHashCode(chars[..count]);
    }

    /// <summary>Decodes a small UTF-8 value into <paramref name="destination"/>; returns the char count.</summary>
    public static int Decode(ReadOnlySpan<byte> utf8, Span<char> destination) => Encoding.UTF8.GetChars(utf8, destination);
}
