using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Writes <see cref="PackedExtFields"/> into a header, byte for byte as the map they stand for would be written:
/// numbers as their digits in a string, UTF-8 values as they are (escaped for JSON), in the order they were added.
/// </summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>The UTF-8 counterpart of <see cref="VerbatimChars"/>.</summary>
    private static readonly SearchValues<byte> VerbatimBytes = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>The fast JSON writer's part for packed fields: false (header abandoned) when a key or value is not ASCII.</summary>
    private static bool TryWritePackedJson(ArrayBufferWriter<byte> output, PackedExtFields fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            ref readonly var entry = ref fields[i];
            if (i > 0)
            {
                WriteRaw(output, ","u8);
            }

            if (!TryWriteString(output, entry.Key))
            {
                return false;
            }

            WriteRaw(output, ":"u8);
            switch (entry.Kind)
            {
                case PackedExtFields.ValueKind.Text:
                    if (!TryWriteString(output, entry.Text!))
                    {
                        return false;
                    }

                    break;
                case PackedExtFields.ValueKind.Number:
                    var span = output.GetSpan(22);
                    span[0] = (byte)'"';
                    Utf8Formatter.TryFormat(entry.Number, span[1..], out var digits);
                    span[1 + digits] = (byte)'"';
                    output.Advance(digits + 2);
                    break;
                default:
                    if (!TryWriteUtf8String(output, fields.Utf8Of(entry)))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>As <see cref="TryWriteString"/> for ASCII held as UTF-8; false, with nothing written, for anything else.</summary>
    private static bool TryWriteUtf8String(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        if (!Ascii.IsValid(value))
        {
            return false;
        }

        var rest = value;
        var span = output.GetSpan(rest.Length + 2);
        span[0] = (byte)'"';
        var at = 1;
        while (true)
        {
            var stop = rest.IndexOfAnyExcept(VerbatimBytes);
            var run = stop < 0 ? rest : rest[..stop];
            run.CopyTo(span[at..]);
            at += run.Length;
            if (stop < 0)
            {
                break;
            }

            output.Advance(at);
            span = output.GetSpan(6 + (rest.Length - stop) + 1);
            at = WriteEscape(span, (char)rest[stop]);
            rest = rest[(stop + 1)..];
        }

        span[at++] = (byte)'"';
        output.Advance(at);
        return true;
    }

    /// <summary>The slow JSON writer's part for packed fields, with Utf8JsonWriter's escaping.</summary>
    private static void WritePackedJson(Utf8JsonWriter json, PackedExtFields fields)
    {
        Span<byte> digits = stackalloc byte[20];
        for (var i = 0; i < fields.Count; i++)
        {
            ref readonly var entry = ref fields[i];
            switch (entry.Kind)
            {
                case PackedExtFields.ValueKind.Text:
                    json.WriteString(entry.Key, entry.Text);
                    break;
                case PackedExtFields.ValueKind.Number:
                    Utf8Formatter.TryFormat(entry.Number, digits, out var written);
                    json.WriteString(entry.Key, digits[..written]);
                    break;
                default:
                    json.WriteString(entry.Key, fields.Utf8Of(entry));
                    break;
            }
        }
    }

    /// <summary>The binary header's ext-field section length for packed fields.</summary>
    private static int PackedBinaryLength(PackedExtFields fields)
    {
        Span<byte> digits = stackalloc byte[20];
        var length = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            ref readonly var entry = ref fields[i];
            length += 2 + Encoding.UTF8.GetByteCount(entry.Key) + 4 + ValueByteCount(fields, entry, digits);
        }

        return length;
    }

    private static int ValueByteCount(PackedExtFields fields, in PackedExtFields.Entry entry, Span<byte> digits)
    {
        switch (entry.Kind)
        {
            case PackedExtFields.ValueKind.Text:
                return Encoding.UTF8.GetByteCount(entry.Text!);
            case PackedExtFields.ValueKind.Number:
                Utf8Formatter.TryFormat(entry.Number, digits, out var written);
                return written;
            default:
                return fields.Utf8Of(entry).Length;
        }
    }

    /// <summary>Writes the binary ext-field entries (int16 key length, key, int32 value length, value); returns the bytes written.</summary>
    private static int WritePackedBinary(Span<byte> span, PackedExtFields fields)
    {
        var position = 0;
        for (var i = 0; i < fields.Count; i++)
        {
            ref readonly var entry = ref fields[i];
            var keyLength = Encoding.UTF8.GetBytes(entry.Key, span[(position + 2)..]);
            BinaryPrimitives.WriteInt16BigEndian(span[position..], (short)keyLength);
            position += 2 + keyLength;
            var value = span[(position + 4)..];
            int valueLength;
            switch (entry.Kind)
            {
                case PackedExtFields.ValueKind.Text:
                    valueLength = Encoding.UTF8.GetBytes(entry.Text!, value);
                    break;
                case PackedExtFields.ValueKind.Number:
                    Utf8Formatter.TryFormat(entry.Number, value, out valueLength);
                    break;
                default:
                    var utf8 = fields.Utf8Of(entry);
                    utf8.CopyTo(value);
                    valueLength = utf8.Length;
                    break;
            }

            BinaryPrimitives.WriteInt32BigEndian(span[position..], valueLength);
            position += 4 + valueLength;
        }

        return position;
    }
}
