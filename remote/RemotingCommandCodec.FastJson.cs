using System.Text;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Fast paths for the JSON header, the format every Java client uses and the hot path of every send. They handle
/// what Java, Go and this codec write - ASCII text, integers, no whitespace surprises - and step aside for anything
/// else: the writer hands a header with a non-ASCII character to Utf8JsonWriter, and the reader hands anything it is
/// not sure of (escaped names, escaped remarks, nested values, fractions, malformed input) to Utf8JsonReader, which
/// then produces exactly the result or the error it always did. Output and results are identical either way.
/// </summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>
    /// Reads a JSON header the common way round; false when the slow reader must decide (nothing is kept then).
    /// The frame was checked to be valid UTF-8 before.
    /// </summary>
    private static bool TryReadJsonHeaderFast(byte[] frame, int headerStart, int headerLength, out RemotingCommand command, out LazyHeaderFields? fields)
    {
        command = null!;
        fields = null;
        var reader = new HeaderScanner(frame, headerStart, headerStart + headerLength);
        var result = RemotingCommand.Rent();
        result.SerializeType = SerializeType.JSON;
        result.Language = LanguageCode.JAVA;
        result.Version = 0;
        if (!reader.Expect((byte)'{'))
        {
            return false;
        }

        if (reader.TryPeek((byte)'}'))
        {
            command = result;
            return true;
        }

        do
        {
            if (!reader.TryString(out var nameStart, out var nameLength, out var nameEscaped) || nameEscaped || !reader.Expect((byte)':'))
            {
                return Abandon(ref fields);
            }

            var name = frame.AsSpan(nameStart, nameLength);
            bool ok;
            if (name.SequenceEqual("code"u8))
            {
                ok = reader.TryInt32(out var v);
                result.Code = v;
            }
            else if (name.SequenceEqual("extFields"u8))
            {
                fields?.Dispose();
                fields = null;
                ok = reader.TryPeekLiteral("null"u8) || TryIndexExtFields(ref reader, frame, out fields);
            }
            else if (name.SequenceEqual("flag"u8))
            {
                ok = reader.TryInt32(out var v);
                result.Flag = v;
            }
            else if (name.SequenceEqual("language"u8))
            {
                ok = TryLanguage(ref reader, frame, out var language);
                result.Language = language;
            }
            else if (name.SequenceEqual("opaque"u8))
            {
                ok = reader.TryInt32(out var v);
                result.Opaque = v;
            }
            else if (name.SequenceEqual("remark"u8))
            {
                result.Remark = null;
                ok = reader.TryPeekLiteral("null"u8);
                if (!ok && reader.TryString(out var start, out var length, out var escaped) && !escaped)
                {
                    result.Remark = Encoding.UTF8.GetString(frame, start, length);
                    ok = true;
                }
            }
            else if (name.SequenceEqual("version"u8))
            {
                ok = reader.TryInt32(out var v);
                result.Version = v;
            }
            else
            {
                ok = reader.TrySkipScalar();
            }

            if (!ok)
            {
                return Abandon(ref fields);
            }
        }
        while (reader.TryPeek((byte)','));

        if (!reader.Expect((byte)'}'))
        {
            return Abandon(ref fields);
        }

        command = result;
        return true;
    }

    private static bool Abandon(ref LazyHeaderFields? fields)
    {
        fields?.Dispose();
        fields = null;
        return false;
    }

    private static bool TryIndexExtFields(ref HeaderScanner reader, byte[] frame, out LazyHeaderFields? fields)
    {
        fields = null;
        if (!reader.Expect((byte)'{'))
        {
            return false;
        }

        var indexed = LazyHeaderFields.Create(frame);
        if (reader.TryPeek((byte)'}'))
        {
            fields = indexed;
            return true;
        }

        do
        {
            if (!reader.TryString(out var keyStart, out var keyLength, out var keyEscaped) || !reader.Expect((byte)':'))
            {
                indexed.Dispose();
                return false;
            }

            var field = new FieldRef { KeyStart = keyStart, KeyLength = keyLength, KeyEscaped = keyEscaped };
            if (reader.TryString(out var valueStart, out var valueLength, out var valueEscaped))
            {
                (field.ValueStart, field.ValueLength, field.ValueEscaped) = (valueStart, valueLength, valueEscaped);
            }
            else if (reader.TryPeekLiteral("null"u8))
            {
                continue; // Java leaves null fields out
            }
            else if (reader.TryNumberOrBoolean(out valueStart, out valueLength))
            {
                (field.ValueStart, field.ValueLength) = (valueStart, valueLength);
            }
            else
            {
                indexed.Dispose();
                return false;
            }

            indexed.Append(field);
        }
        while (reader.TryPeek((byte)','));

        if (!reader.Expect((byte)'}'))
        {
            indexed.Dispose();
            return false;
        }

        fields = indexed;
        return true;
    }

    private static bool TryLanguage(ref HeaderScanner reader, byte[] frame, out LanguageCode language)
    {
        language = LanguageCode.JAVA;
        if (reader.TryInt32(out var number))
        {
            language = (LanguageCode)number;
            return number is >= 0 and <= byte.MaxValue;
        }

        if (!reader.TryString(out var start, out var length, out var escaped) || escaped)
        {
            return false;
        }

        var name = frame.AsSpan(start, length);
        language = name.SequenceEqual("JAVA"u8) ? LanguageCode.JAVA
            : name.SequenceEqual("GO"u8) ? LanguageCode.GO
            : name.SequenceEqual("DOTNET"u8) ? LanguageCode.DOTNET
            : Enum.TryParse<LanguageCode>(Encoding.UTF8.GetString(name), ignoreCase: false, out var parsed) ? parsed : LanguageCode.OTHER;
        return true;
    }
}
