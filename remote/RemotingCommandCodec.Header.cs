using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The two header forms of a frame (Go: codec.go <c>jsonCodec</c>, <c>rmqCodec</c>): JSON, which Java and Go clients
/// write, and the binary ROCKETMQ form. One writer serves both, for ext fields given as a map or packed
/// (<see cref="PackedExtFields"/>); the JSON reader is in RemotingCommandCodec.JsonReader.cs.
/// </summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>Printable ASCII that JSON strings carry verbatim (everything from ' ' to '~' except '"' and '\').</summary>
    private static readonly SearchValues<byte> VerbatimBytes = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteJsonHeader(RemotingCommand command, ArrayBufferWriter<byte> output)
    {
        // Field order follows fastjson's (alphabetical), as the Java client writes it; strings are escaped as
        // Utf8JsonWriter escapes them with the relaxed encoder, so the bytes equal what the BCL would write.
        WriteRaw(output, "{\"code\":"u8);
        WriteInt(output, command.Code);
        if (command.PackedFields is not null || command.ExtFields is not null)
        {
            WriteRaw(output, ",\"extFields\":{"u8);
            WriteFields(command, output, json: true);
            WriteRaw(output, "}"u8);
        }

        WriteRaw(output, ",\"flag\":"u8);
        WriteInt(output, command.Flag);
        WriteRaw(output, ",\"language\":"u8);
        WriteJsonString(output, LanguageName(command.Language));
        WriteRaw(output, ",\"opaque\":"u8);
        WriteInt(output, command.Opaque);
        if (command.Remark is { } remark)
        {
            WriteRaw(output, ",\"remark\":"u8);
            WriteJsonString(output, remark);
        }

        WriteRaw(output, ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":"u8);
        WriteInt(output, command.Version);
        WriteRaw(output, "}"u8);
    }

    private static void WriteBinaryHeader(RemotingCommand command, ArrayBufferWriter<byte> output)
    {
        var remark = command.Remark ?? string.Empty;
        var span = output.GetSpan(17 + Encoding.UTF8.GetMaxByteCount(remark.Length));
        BinaryPrimitives.WriteInt16BigEndian(span, (short)command.Code);
        span[2] = (byte)command.Language;
        BinaryPrimitives.WriteInt16BigEndian(span[3..], (short)command.Version);
        BinaryPrimitives.WriteInt32BigEndian(span[5..], command.Opaque);
        BinaryPrimitives.WriteInt32BigEndian(span[9..], command.Flag);
        var remarkLength = Encoding.UTF8.GetBytes(remark, span[17..]);
        BinaryPrimitives.WriteInt32BigEndian(span[13..], remarkLength);
        output.Advance(17 + remarkLength);
        output.GetSpan(4);
        output.Advance(4);
        var extStart = output.WrittenCount;
        WriteFields(command, output, json: false);
        BinaryPrimitives.WriteInt32BigEndian(MemoryMarshal.AsMemory(output.WrittenMemory).Span[(extStart - 4)..], output.WrittenCount - extStart);
    }

    /// <summary>The ext fields, packed or from the map, in the header's form: JSON members or binary entries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteFields(RemotingCommand command, ArrayBufferWriter<byte> output, bool json)
    {
        if (command.PackedFields is { } packed)
        {
            for (var i = 0; i < packed.Count; i++)
            {
                WriteField(output, json, i == 0, packed[i], packed);
            }
        }
        else if (command.ExtFields is { } map)
        {
            var first = true;
            foreach (var pair in map)
            {
                WriteField(output, json, first, new PackedExtFields.Entry(pair.Key, PackedExtFields.ValueKind.Text, pair.Value, 0, 0, 0), null);
                first = false;
            }
        }
    }

    /// <summary>One field: <c>"key":"value"</c> in JSON; int16 key length, key, int32 value length, value in binary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteField(ArrayBufferWriter<byte> output, bool json, bool first, in PackedExtFields.Entry entry, PackedExtFields? packed)
    {
        if (json)
        {
            WriteRaw(output, first ? ""u8 : ","u8);
            WriteJsonString(output, entry.Key);
            WriteRaw(output, ":"u8);
            switch (entry.Kind)
            {
                case PackedExtFields.ValueKind.Text:
                    WriteJsonString(output, entry.Text!);
                    break;
                case PackedExtFields.ValueKind.Number:
                    var digits = output.GetSpan(22);
                    Utf8Formatter.TryFormat(entry.Number, digits[1..], out var count);
                    (digits[0], digits[count + 1]) = ((byte)'"', (byte)'"');
                    output.Advance(count + 2);
                    break;
                default:
                    WriteJsonString(output, packed!.Utf8Of(entry));
                    break;
            }

            return;
        }

        var key = output.GetSpan(2 + Encoding.UTF8.GetMaxByteCount(entry.Key.Length));
        var keyLength = Encoding.UTF8.GetBytes(entry.Key, key[2..]);
        BinaryPrimitives.WriteInt16BigEndian(key, (short)keyLength);
        output.Advance(2 + keyLength);
        var value = output.GetSpan(4 + entry.Kind switch
        {
            PackedExtFields.ValueKind.Text => Encoding.UTF8.GetMaxByteCount(entry.Text!.Length),
            PackedExtFields.ValueKind.Number => 20,
            _ => entry.Length,
        });
        var length = entry.Kind switch
        {
            PackedExtFields.ValueKind.Text => Encoding.UTF8.GetBytes(entry.Text!, value[4..]),
            PackedExtFields.ValueKind.Number => Utf8Formatter.TryFormat(entry.Number, value[4..], out var written) ? written : 0,
            _ => packed!.Utf8Of(entry).TryCopyTo(value[4..]) ? entry.Length : 0,
        };
        BinaryPrimitives.WriteInt32BigEndian(value, length);
        output.Advance(4 + length);
    }

    /// <summary>A quoted JSON string of <paramref name="text"/>; see <see cref="WriteJsonString(ArrayBufferWriter{byte}, ReadOnlySpan{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteJsonString(ArrayBufferWriter<byte> output, string text)
    {
        // ASCII, the usual case, is narrowed straight into place; other text is transcoded to UTF-8 first.
        var span = output.GetSpan(text.Length + 2);
        if (Ascii.FromUtf16(text, span[1..], out var length) != OperationStatus.Done)
        {
            span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
            length = Encoding.UTF8.GetBytes(text, span[1..]);
        }

        span[0] = (byte)'"';
        var stop = span.Slice(1, length).IndexOfAnyExcept(VerbatimBytes);
        if (stop < 0)
        {
            span[length + 1] = (byte)'"';
            output.Advance(length + 2);
            return;
        }

        // The verbatim start stays where it was transcoded; the rest is escaped from a copy, as escaping grows it.
        var rest = length - stop;
        var rented = rest > 256 ? ArrayPool<byte>.Shared.Rent(rest) : null;
        var copy = rented is null ? stackalloc byte[rest] : rented.AsSpan(0, rest);
        span.Slice(1 + stop, rest).CopyTo(copy);
        output.Advance(1 + stop);
        WriteJsonStringRest(output, copy);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A quoted JSON string of valid UTF-8, byte for byte as Utf8JsonWriter writes it with the relaxed encoder:
    /// printable ASCII verbatim, \b \t \n \f \r \" \\ short, other control characters as upper-case \u00XX, and
    /// non-ASCII text as that encoder decides.
    /// </summary>
    private static void WriteJsonString(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        WriteRaw(output, "\""u8);
        WriteJsonStringRest(output, utf8);
    }

    /// <summary>
    /// The escaped text and the closing quote of a JSON string whose opening quote is written: the relaxed encoder's
    /// escaping, which is what Utf8JsonWriter writes with it (at most six bytes for each byte of text).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteJsonStringRest(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        var span = output.GetSpan((6 * utf8.Length) + 1);
        JavaScriptEncoder.UnsafeRelaxedJsonEscaping.EncodeUtf8(utf8, span, out _, out var written);
        span[written] = (byte)'"';
        output.Advance(written + 1);
    }

    private static void WriteRaw(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void WriteInt(ArrayBufferWriter<byte> output, int value)
    {
        Utf8Formatter.TryFormat(value, output.GetSpan(11), out var written);
        output.Advance(written);
    }

    private static string LanguageName(LanguageCode code) => code switch
    {
        LanguageCode.JAVA => "JAVA",
        LanguageCode.DOTNET => "DOTNET",
        LanguageCode.GO => "GO",
        _ => code.ToString(),
    };

    private static (RemotingCommand, LazyHeaderFields?) ReadBinaryHeader(byte[] frame, int headerStart, int headerLength)
    {
        const int fixedPart = 2 + 1 + 2 + 4 + 4 + 4;
        var header = frame.AsSpan(headerStart, headerLength);
        if (header.Length < fixedPart)
        {
            throw new RemotingProtocolException($"binary header of {header.Length} bytes is shorter than its fixed {fixedPart}");
        }

        var command = RemotingCommand.Rent();
        command.SerializeType = SerializeType.ROCKETMQ;
        command.Code = BinaryPrimitives.ReadInt16BigEndian(header);
        command.Language = (LanguageCode)header[2];
        command.Version = BinaryPrimitives.ReadInt16BigEndian(header[3..]);
        command.Opaque = BinaryPrimitives.ReadInt32BigEndian(header[5..]);
        command.Flag = BinaryPrimitives.ReadInt32BigEndian(header[9..]);
        var position = 13;
        var remarkLength = ReadLength(header, ref position, 4, "remark");
        if (remarkLength > 0)
        {
            var remark = header.Slice(position, remarkLength);
            command.Remark = Utf8.IsValid(remark) ? Encoding.UTF8.GetString(remark) : throw new RemotingProtocolException("binary header remark is not valid UTF-8");
            position += remarkLength;
        }

        var extLength = ReadLength(header, ref position, 4, "extFields");
        var fields = extLength > 0 ? LazyHeaderFields.IndexBinary(frame, headerStart + position, extLength) : null;
        return (command, fields);
    }

    internal static int ReadLength(ReadOnlySpan<byte> span, ref int position, int width, string what)
    {
        if (span.Length - position < width)
        {
            throw new RemotingProtocolException($"binary header truncated at the {what} length");
        }

        int length = width == 2 ? BinaryPrimitives.ReadInt16BigEndian(span[position..]) : BinaryPrimitives.ReadInt32BigEndian(span[position..]);
        position += width;
        if (length < 0 || length > span.Length - position)
        {
            throw new RemotingProtocolException($"binary header {what} length {length} runs past the header ({span.Length - position} bytes left)");
        }

        return length;
    }
}
