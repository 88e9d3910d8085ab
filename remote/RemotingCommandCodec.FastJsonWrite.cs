using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The writing half of the JSON header fast paths (see RemotingCommandCodec.FastJson.cs): ASCII headers are written
/// byte for byte as Utf8JsonWriter would; anything else is left to it.
/// </summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>Printable ASCII that JSON strings carry verbatim (everything from ' ' to '~' except '"' and '\').</summary>
    private static readonly SearchValues<char> VerbatimChars = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Writes the header as Utf8JsonWriter would; false (nothing usable written) when a string is not ASCII.</summary>
    private static bool TryWriteJsonHeaderFast(RemotingCommand command, ArrayBufferWriter<byte> output)
    {
        // Field order follows fastjson's (alphabetical), as the Java client writes it.
        WriteRaw(output, "{\"code\":"u8);
        WriteInt(output, command.Code);
        if (command.PackedFields is { } packed)
        {
            WriteRaw(output, ",\"extFields\":{"u8);
            if (!TryWritePackedJson(output, packed))
            {
                return false;
            }

            WriteRaw(output, "}"u8);
        }
        else if (command.ExtFields is { } ext)
        {
            WriteRaw(output, ",\"extFields\":{"u8);
            var first = true;
            foreach (var pair in ext)
            {
                if (!first)
                {
                    WriteRaw(output, ","u8);
                }

                first = false;
                if (!TryWriteString(output, pair.Key))
                {
                    return false;
                }

                WriteRaw(output, ":"u8);
                if (!TryWriteString(output, pair.Value))
                {
                    return false;
                }
            }

            WriteRaw(output, "}"u8);
        }

        WriteRaw(output, ",\"flag\":"u8);
        WriteInt(output, command.Flag);
        WriteRaw(output, ",\"language\":"u8);
        if (!TryWriteString(output, LanguageName(command.Language)))
        {
            return false;
        }

        WriteRaw(output, ",\"opaque\":"u8);
        WriteInt(output, command.Opaque);
        if (command.Remark is { } remark)
        {
            WriteRaw(output, ",\"remark\":"u8);
            if (!TryWriteString(output, remark))
            {
                return false;
            }
        }

        WriteRaw(output, ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":"u8);
        WriteInt(output, command.Version);
        WriteRaw(output, "}"u8);
        return true;
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

    /// <summary>A quoted JSON string with Utf8JsonWriter's escapes (\b \t \n \f \r \" \\, else \u00XX upper-case).</summary>
    private static bool TryWriteString(ArrayBufferWriter<byte> output, string value)
    {
        var rest = value.AsSpan();
        var span = output.GetSpan(rest.Length + 2);
        span[0] = (byte)'"';
        var at = 1;
        while (true)
        {
            var stop = rest.IndexOfAnyExcept(VerbatimChars);
            var run = stop < 0 ? rest : rest[..stop];
            Ascii.FromUtf16(run, span[at..], out var copied);
            at += copied;
            if (stop < 0)
            {
                break;
            }

            var c = rest[stop];
            if (c > 0x7F)
            {
                return false;
            }

            output.Advance(at);
            span = output.GetSpan(6 + (rest.Length - stop) + 1);
            at = WriteEscape(span, c);
            rest = rest[(stop + 1)..];
        }

        span[at++] = (byte)'"';
        output.Advance(at);
        return true;
    }

    private static int WriteEscape(Span<byte> span, char c)
    {
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => '"',
            '\\' => '\\',
            '\b' => 'b',
            '\t' => 't',
            '\n' => 'n',
            '\f' => 'f',
            '\r' => 'r',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            span[1] = (byte)shortForm;
            return 2;
        }

        span[1] = (byte)'u';
        span[2] = (byte)'0';
        span[3] = (byte)'0';
        span[4] = (byte)"0123456789ABCDEF"[c >> 4];
        span[5] = (byte)"0123456789ABCDEF"[c & 0xF];
        return 6;
    }
}
