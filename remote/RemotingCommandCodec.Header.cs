using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The two header forms of a frame (Go: codec.go <c>jsonCodec</c>, <c>rmqCodec</c>): JSON, which Java and Go clients
/// write, and the binary ROCKETMQ form. RemotingCommandCodec.cs frames them; the JSON fast paths are in
/// RemotingCommandCodec.FastJson*.cs.
/// </summary>
internal static partial class RemotingCommandCodec
{
    [ThreadStatic] private static Utf8JsonWriter? _jsonWriter;

    private static void WriteJsonHeader(RemotingCommand command, ArrayBufferWriter<byte> output)
    {
        // The caller hands an empty buffer; a header the fast writer declines is written again from scratch.
        if (TryWriteJsonHeaderFast(command, output))
        {
            return;
        }

        output.ResetWrittenCount();
        var json = _jsonWriter;
        if (json is null)
        {
            json = _jsonWriter = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        else
        {
            json.Reset(output);
        }

        // Field order follows fastjson's (alphabetical), as the Java client writes it.
        json.WriteStartObject();
        json.WriteNumber(JsonNames.Code, command.Code);
        if (command.PackedFields is { } packed)
        {
            json.WriteStartObject(JsonNames.ExtFields);
            WritePackedJson(json, packed);
            json.WriteEndObject();
        }
        else if (command.ExtFields is { } ext)
        {
            json.WriteStartObject(JsonNames.ExtFields);
            foreach (var pair in ext)
            {
                json.WriteString(pair.Key, pair.Value);
            }

            json.WriteEndObject();
        }

        json.WriteNumber(JsonNames.Flag, command.Flag);
        json.WriteString(JsonNames.Language, LanguageName(command.Language));
        json.WriteNumber(JsonNames.Opaque, command.Opaque);
        if (command.Remark is { } remark)
        {
            json.WriteString(JsonNames.Remark, remark);
        }

        json.WriteString(JsonNames.SerializeTypeCurrentRPC, JsonNames.Json);
        json.WriteNumber(JsonNames.Version, command.Version);
        json.WriteEndObject();
        json.Flush();
    }

    private static (RemotingCommand, LazyHeaderFields?) ReadJsonHeader(byte[] frame, int headerStart, int headerLength)
    {
        var header = frame.AsSpan(headerStart, headerLength);
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            throw new RemotingProtocolException("malformed JSON header: not valid UTF-8");
        }

        if (TryReadJsonHeaderFast(frame, headerStart, headerLength, out var fastCommand, out var fastFields))
        {
            return (fastCommand, fastFields);
        }

        LazyHeaderFields? fields = null;
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RemotingProtocolException("JSON header is not an object");
            }

            var command = RemotingCommand.Rent();
            command.SerializeType = SerializeType.JSON;
            command.Language = LanguageCode.JAVA;
            command.Version = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(JsonNames.Code.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Code = reader.GetInt32();
                }
                else if (reader.ValueTextEquals(JsonNames.ExtFields.EncodedUtf8Bytes))
                {
                    reader.Read();
                    fields?.Dispose();
                    fields = LazyHeaderFields.IndexJson(frame, headerStart, ref reader);
                }
                else if (reader.ValueTextEquals(JsonNames.Flag.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Flag = reader.GetInt32();
                }
                else if (reader.ValueTextEquals(JsonNames.Language.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Language = ParseLanguage(ref reader);
                }
                else if (reader.ValueTextEquals(JsonNames.Opaque.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Opaque = reader.GetInt32();
                }
                else if (reader.ValueTextEquals(JsonNames.Remark.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Remark = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                }
                else if (reader.ValueTextEquals(JsonNames.Version.EncodedUtf8Bytes))
                {
                    reader.Read();
                    command.Version = reader.GetInt32();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new RemotingProtocolException($"JSON header has an unexpected {reader.TokenType}");
            }

            return (command, fields);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or RemotingProtocolException)
        {
            fields?.Dispose();
            throw e as RemotingProtocolException ?? new RemotingProtocolException($"malformed JSON header: {e.Message}", inner: e);
        }
    }

    private static LanguageCode ParseLanguage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return (LanguageCode)reader.GetByte();
        }

        var name = reader.GetString();
        return Enum.TryParse<LanguageCode>(name, ignoreCase: false, out var code) ? code : LanguageCode.OTHER;
    }

    private static string LanguageName(LanguageCode code) => code switch
    {
        LanguageCode.JAVA => "JAVA",
        LanguageCode.DOTNET => "DOTNET",
        LanguageCode.GO => "GO",
        _ => code.ToString(),
    };

    private static void WriteBinaryHeader(RemotingCommand command, IBufferWriter<byte> output)
    {
        var remarkLength = command.Remark is null ? 0 : Encoding.UTF8.GetByteCount(command.Remark);
        var packed = command.PackedFields;
        var extLength = 0;
        if (packed is not null)
        {
            extLength = PackedBinaryLength(packed);
        }
        else if (command.ExtFields is { } fields)
        {
            foreach (var pair in fields)
            {
                extLength += 2 + Encoding.UTF8.GetByteCount(pair.Key) + 4 + Encoding.UTF8.GetByteCount(pair.Value);
            }
        }

        var total = 2 + 1 + 2 + 4 + 4 + 4 + remarkLength + 4 + extLength;
        var span = output.GetSpan(total);
        BinaryPrimitives.WriteInt16BigEndian(span, (short)command.Code);
        span[2] = (byte)command.Language;
        BinaryPrimitives.WriteInt16BigEndian(span[3..], (short)command.Version);
        BinaryPrimitives.WriteInt32BigEndian(span[5..], command.Opaque);
        BinaryPrimitives.WriteInt32BigEndian(span[9..], command.Flag);
        BinaryPrimitives.WriteInt32BigEndian(span[13..], remarkLength);
        var position = 17;
        if (remarkLength > 0)
        {
            position += Encoding.UTF8.GetBytes(command.Remark, span[position..]);
        }

        BinaryPrimitives.WriteInt32BigEndian(span[position..], extLength);
        position += 4;
        if (packed is not null)
        {
            position += WritePackedBinary(span[position..], packed);
        }
        else if (command.ExtFields is { } ext)
        {
            foreach (var pair in ext)
            {
                var keyLength = Encoding.UTF8.GetBytes(pair.Key, span[(position + 2)..]);
                BinaryPrimitives.WriteInt16BigEndian(span[position..], (short)keyLength);
                position += 2 + keyLength;
                var valueLength = Encoding.UTF8.GetBytes(pair.Value, span[(position + 4)..]);
                BinaryPrimitives.WriteInt32BigEndian(span[position..], valueLength);
                position += 4 + valueLength;
            }
        }

        output.Advance(position);
    }

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
            command.Remark = DecodeUtf8(header.Slice(position, remarkLength), "remark");
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new RemotingProtocolException($"binary header {what} is not valid UTF-8", inner: e);
        }
    }

    private static class JsonNames
    {
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText ExtFields = JsonEncodedText.Encode("extFields");
        public static readonly JsonEncodedText Flag = JsonEncodedText.Encode("flag");
        public static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
        public static readonly JsonEncodedText Opaque = JsonEncodedText.Encode("opaque");
        public static readonly JsonEncodedText Remark = JsonEncodedText.Encode("remark");
        public static readonly JsonEncodedText SerializeTypeCurrentRPC = JsonEncodedText.Encode("serializeTypeCurrentRPC");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText Json = JsonEncodedText.Encode("JSON");
    }
}
