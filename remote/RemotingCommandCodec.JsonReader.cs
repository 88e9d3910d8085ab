using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The JSON header reader (Go: codec.go <c>jsonCodec.decodeHeader</c>): any member order (Java's alphabetical, Go's
/// declaration order), whitespace, escapes anywhere, unknown members of any shape, nulls and trailing commas, as
/// System.Text.Json reads them with AllowTrailingCommas. Ext fields are indexed in place (<see cref="LazyHeaderFields"/>).
/// </summary>
internal static partial class RemotingCommandCodec
{
    private static (RemotingCommand, LazyHeaderFields?) ReadJsonHeader(byte[] frame, int headerStart, int headerLength)
    {
        if (!System.Text.Unicode.Utf8.IsValid(frame.AsSpan(headerStart, headerLength)))
        {
            throw new RemotingProtocolException("malformed JSON header: not valid UTF-8");
        }

        var json = new JsonScanner(frame, headerStart, headerStart + headerLength);
        var command = RemotingCommand.Rent();
        (command.SerializeType, command.Language, command.Version) = (SerializeType.JSON, LanguageCode.JAVA, 0);
        LazyHeaderFields? fields = null;
        try
        {
            json.Expect((byte)'{');
            var first = true;
            while (json.NextMember((byte)'}', ref first))
            {
                var name = json.ReadString(out var escaped);
                if (escaped)
                {
                    name = Encoding.UTF8.GetBytes(Unescape(name));
                }

                json.Expect((byte)':');
                if (name.SequenceEqual("code"u8))
                {
                    command.Code = json.ReadInt32();
                }
                else if (name.SequenceEqual("extFields"u8))
                {
                    fields?.Dispose();
                    fields = null;
                    fields = json.TryLiteral("null"u8) ? null : ReadExtFields(ref json, frame);
                }
                else if (name.SequenceEqual("flag"u8))
                {
                    command.Flag = json.ReadInt32();
                }
                else if (name.SequenceEqual("language"u8))
                {
                    command.Language = ReadLanguage(ref json);
                }
                else if (name.SequenceEqual("opaque"u8))
                {
                    command.Opaque = json.ReadInt32();
                }
                else if (name.SequenceEqual("remark"u8))
                {
                    command.Remark = json.TryLiteral("null"u8) ? null : json.ReadText();
                }
                else if (name.SequenceEqual("version"u8))
                {
                    command.Version = json.ReadInt32();
                }
                else
                {
                    json.SkipValue(1);
                }
            }

            return (command, fields);
        }
        catch
        {
            fields?.Dispose();
            throw;
        }
    }

    private static LazyHeaderFields ReadExtFields(ref JsonScanner json, byte[] frame)
    {
        json.Expect((byte)'{');
        var fields = LazyHeaderFields.Create(frame);
        try
        {
            var first = true;
            while (json.NextMember((byte)'}', ref first))
            {
                var key = json.ReadSpan(out var keyEscaped);
                json.Expect((byte)':');
                var field = new FieldRef { KeyStart = key.Start, KeyLength = key.Length, KeyEscaped = keyEscaped };
                if (json.TryLiteral("null"u8))
                {
                    continue; // Java leaves null fields out
                }

                var value = json.TryScalar(out var valueEscaped, out var isString);
                if (value.Length < 0)
                {
                    throw json.Error($"extFields value of '{Encoding.UTF8.GetString(frame, key.Start, key.Length)}' is not a string, number or boolean");
                }

                (field.ValueStart, field.ValueLength, field.ValueEscaped) = (value.Start, value.Length, valueEscaped && isString);
                fields.Add(field);
            }

            return fields;
        }
        catch
        {
            fields.Dispose();
            throw;
        }
    }

    private static LanguageCode ReadLanguage(ref JsonScanner json)
    {
        if (json.TryInt32(out var number))
        {
            return number is >= 0 and <= byte.MaxValue ? (LanguageCode)number : throw json.Error($"language {number} is out of range");
        }

        var name = json.ReadString(out var escaped);
        return !escaped && name.SequenceEqual("JAVA"u8) ? LanguageCode.JAVA
            : !escaped && name.SequenceEqual("GO"u8) ? LanguageCode.GO
            : !escaped && name.SequenceEqual("DOTNET"u8) ? LanguageCode.DOTNET
            : Enum.TryParse<LanguageCode>(escaped ? Unescape(name) : Encoding.UTF8.GetString(name), ignoreCase: false, out var parsed) ? parsed : LanguageCode.OTHER;
    }

    /// <summary>
    /// The text of a JSON string's raw content (validated UTF-8, escapes checked for form). Throws
    /// <see cref="RemotingProtocolException"/> for an escaped surrogate that is not one half of a pair.
    /// </summary>
    internal static string Unescape(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        char[]? rented = null;
        var chars = raw.Length <= 256 ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var count = 0;
            while (true)
            {
                var next = raw.IndexOf((byte)'\\');
                count += Encoding.UTF8.GetChars(next < 0 ? raw : raw[..next], chars[count..]);
                if (next < 0)
                {
                    return new string(chars[..count]);
                }

                var escape = raw[next + 1];
                raw = raw[(next + 2)..];
                if (escape != (byte)'u')
                {
                    chars[count++] = escape switch { (byte)'b' => '\b', (byte)'f' => '\f', (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', _ => (char)escape };
                    continue;
                }

                var c = Hex4(raw);
                raw = raw[4..];
                if (char.IsHighSurrogate(c) && raw.StartsWith("\\u"u8) && char.IsLowSurrogate(Hex4(raw[2..])))
                {
                    chars[count++] = c;
                    c = Hex4(raw[2..]);
                    raw = raw[6..];
                }
                else if (char.IsSurrogate(c))
                {
                    throw new RemotingProtocolException($"malformed JSON text: \\u{(int)c:X4} is half a surrogate pair");
                }

                chars[count++] = c;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        static char Hex4(ReadOnlySpan<byte> hex) => (char)ushort.Parse(hex[..4], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
