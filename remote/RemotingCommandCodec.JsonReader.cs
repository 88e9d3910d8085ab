using System.Text.Json;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// The JSON header reader (Go: codec.go <c>jsonCodec.decodeHeader</c>) on <see cref="Utf8JsonReader"/>: any member
/// order (Java's alphabetical, Go's declaration order), whitespace, escapes anywhere, unknown members of any shape up
/// to 64 deep, nulls and trailing commas. Ext fields are indexed in place (<see cref="LazyHeaderFields"/>).
/// </summary>
internal static partial class RemotingCommandCodec
{
    private static readonly JsonReaderOptions HeaderJson = new() { AllowTrailingCommas = true, MaxDepth = 64 };

    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (RemotingCommand, LazyHeaderFields?) ReadJsonHeader(byte[] frame, int headerStart, int headerLength)
    {
        var header = frame.AsSpan(headerStart, headerLength);
        if (!System.Text.Unicode.Utf8.IsValid(header))
        {
            // Utf8JsonReader checks UTF-8 only when a string is read; the index promises a fully valid frame.
            throw new RemotingProtocolException("malformed JSON header: not valid UTF-8");
        }

        var json = new Utf8JsonReader(header, HeaderJson);
        var command = RemotingCommand.Rent();
        (command.SerializeType, command.Language, command.Version) = (SerializeType.JSON, LanguageCode.JAVA, 0);
        LazyHeaderFields? fields = null;
        try
        {
            if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed("expected '{'", ref json);
            }

            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                if (json.ValueTextEquals("code"u8))
                {
                    command.Code = ReadInt32(ref json);
                }
                else if (json.ValueTextEquals("extFields"u8))
                {
                    fields?.Dispose();
                    fields = null;
                    fields = ReadExtFields(ref json, frame, headerStart);
                }
                else if (json.ValueTextEquals("flag"u8))
                {
                    command.Flag = ReadInt32(ref json);
                }
                else if (json.ValueTextEquals("language"u8))
                {
                    command.Language = ReadLanguage(ref json);
                }
                else if (json.ValueTextEquals("opaque"u8))
                {
                    command.Opaque = ReadInt32(ref json);
                }
                else if (json.ValueTextEquals("remark"u8))
                {
                    command.Remark = ReadRemark(ref json);
                }
                else if (json.ValueTextEquals("version"u8))
                {
                    command.Version = ReadInt32(ref json);
                }
                else
                {
                    json.Skip();
                }
            }

            return (command, fields);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // A JsonException says what and where; an InvalidOperationException is an escaped lone surrogate.
            fields?.Dispose();
            throw new RemotingProtocolException($"malformed JSON header: {e.Message}{(e is JsonException ? "" : $" At byte {json.TokenStartIndex}.")}", inner: e);
        }
        catch
        {
            fields?.Dispose();
            throw;
        }
    }

    /// <summary>Indexes the ext fields' object; null for a JSON null. Offsets are the frame's, strings without quotes.</summary>
    private static LazyHeaderFields? ReadExtFields(ref Utf8JsonReader json, byte[] frame, int headerStart)
    {
        if (json.Read() && json.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("extFields is not an object", ref json);
        }

        var fields = LazyHeaderFields.Create(frame);
        try
        {
            while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
            {
                var field = new FieldRef { KeyStart = headerStart + (int)json.TokenStartIndex + 1, KeyLength = json.ValueSpan.Length, KeyEscaped = json.ValueIsEscaped };
                json.Read();
                var quote = json.TokenType == JsonTokenType.String ? 1 : 0;
                if (json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    throw Malformed($"extFields value of '{Encoding.UTF8.GetString(frame, field.KeyStart, field.KeyLength)}' is not a string, number or boolean", ref json);
                }

                if (json.TokenType != JsonTokenType.Null)
                {
                    // Java leaves null fields out; numbers and booleans are kept as their text.
                    (field.ValueStart, field.ValueLength, field.ValueEscaped) = (headerStart + (int)json.TokenStartIndex + quote, json.ValueSpan.Length, json.ValueIsEscaped);
                    fields.Add(field);
                }
            }

            return fields;
        }
        catch
        {
            fields.Dispose();
            throw;
        }
    }

    private static int ReadInt32(ref Utf8JsonReader json)
        => json.Read() && json.TokenType == JsonTokenType.Number && json.TryGetInt32(out var value) ? value : throw Malformed("expected a 32-bit integer", ref json);

    private static string? ReadRemark(ref Utf8JsonReader json)
    {
        json.Read();
        return json.TokenType == JsonTokenType.Null ? null
            : json.TokenType == JsonTokenType.String ? json.GetString() : throw Malformed("remark is not a string", ref json);
    }

    private static LanguageCode ReadLanguage(ref Utf8JsonReader json)
    {
        json.Read();
        if (json.TokenType == JsonTokenType.Number)
        {
            return json.TryGetInt32(out var number) && number is >= 0 and <= byte.MaxValue ? (LanguageCode)number
                : throw Malformed($"language {Encoding.UTF8.GetString(json.ValueSpan)} is out of range", ref json);
        }

        return json.TokenType != JsonTokenType.String ? throw Malformed("language is not a string or number", ref json)
            : json.ValueTextEquals("JAVA"u8) ? LanguageCode.JAVA
            : json.ValueTextEquals("GO"u8) ? LanguageCode.GO
            : json.ValueTextEquals("DOTNET"u8) ? LanguageCode.DOTNET
            : Enum.TryParse<LanguageCode>(json.GetString(), ignoreCase: false, out var parsed) ? parsed : LanguageCode.OTHER;
    }

    private static RemotingProtocolException Malformed(string what, ref Utf8JsonReader json)
        => new($"malformed JSON header: {what} at byte {json.TokenStartIndex}");

    /// <summary>
    /// The text of a JSON string given with its quotes, as <see cref="LazyHeaderFields"/> keeps escaped ones; an
    /// escaped lone surrogate is a <see cref="RemotingProtocolException"/>.
    /// </summary>
    internal static string Unescape(ReadOnlySpan<byte> quoted)
    {
        var json = new Utf8JsonReader(quoted);
        json.Read();
        try
        {
            return json.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new RemotingProtocolException($"malformed JSON text: {e.Message}", inner: e);
        }
    }
}
