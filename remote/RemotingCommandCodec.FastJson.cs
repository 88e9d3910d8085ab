using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Fast paths for the JSON header, the format every Java client uses and the hot path of every send. They handle
/// what Java, Go and this codec write - ASCII text, integers, no whitespace surprises - and step aside for anything
/// else: the writer hands a header with a non-ASCII character to Utf8JsonWriter, and the reader hands anything it is
/// not sure of (escaped names, escaped remarks, nested values, fractions, malformed input) to Utf8JsonReader, which
/// then produces exactly the result or the error it always did. Output and results are identical either way.
/// </summary>
public static partial class RemotingCommandCodec
{
    /// <summary>Bytes that end the verbatim run of a JSON string: the quote, a backslash, raw control characters.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

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

    /// <summary>A forward-only scanner over one JSON header; every Try leaves the position alone when it fails.</summary>
    private ref struct HeaderScanner(byte[] frame, int start, int end)
    {
        private readonly ReadOnlySpan<byte> _frame = frame.AsSpan(0, end);
        private int _at = start;

        /// <summary>Consumes <paramref name="c"/> after optional whitespace.</summary>
        public bool Expect(byte c) => TryPeek(c);

        /// <summary>Consumes <paramref name="c"/> after optional whitespace when it is next.</summary>
        public bool TryPeek(byte c)
        {
            var at = SkipWhitespace(_at);
            if (at < _frame.Length && _frame[at] == c)
            {
                _at = at + 1;
                return true;
            }

            return false;
        }

        /// <summary>Consumes a literal (null, true, false) that is followed by a delimiter.</summary>
        public bool TryPeekLiteral(ReadOnlySpan<byte> literal)
        {
            var at = SkipWhitespace(_at);
            if (_frame[at..].StartsWith(literal) && IsDelimiter(at + literal.Length))
            {
                _at = at + literal.Length;
                return true;
            }

            return false;
        }

        /// <summary>A string: the raw bytes between the quotes, and whether they hold escapes.</summary>
        public bool TryString(out int start, out int length, out bool escaped)
        {
            start = length = 0;
            escaped = false;
            var at = SkipWhitespace(_at);
            if (at >= _frame.Length || _frame[at] != (byte)'"')
            {
                return false;
            }

            var contentStart = at + 1;
            var i = contentStart;
            while (true)
            {
                var stop = _frame[i..].IndexOfAny(StringStops);
                if (stop < 0)
                {
                    return false;
                }

                i += stop;
                if (_frame[i] == (byte)'"')
                {
                    break;
                }

                if (_frame[i] != (byte)'\\' || !TrySkipEscape(ref i))
                {
                    return false; // a raw control character or a bad escape: the slow reader words the error
                }

                escaped = true;
            }

            (start, length) = (contentStart, i - contentStart);
            _at = i + 1;
            return true;
        }

        /// <summary>A JSON integer that fits an int32, followed by a delimiter.</summary>
        public bool TryInt32(out int value)
        {
            value = 0;
            var at = SkipWhitespace(_at);
            if (!TryNumberEnd(at, out var end, out var integral) || !integral
                || !Utf8Parser.TryParse(_frame[at..end], out value, out var consumed) || consumed != end - at)
            {
                return false;
            }

            _at = end;
            return true;
        }

        /// <summary>A number (any JSON number) or true/false; the raw token.</summary>
        public bool TryNumberOrBoolean(out int start, out int length)
        {
            start = SkipWhitespace(_at);
            length = 0;
            if (TryNumberEnd(start, out var end, out _))
            {
                length = end - start;
                _at = end;
                return true;
            }

            if (TryPeekLiteral("true"u8))
            {
                length = 4;
                return true;
            }

            if (TryPeekLiteral("false"u8))
            {
                length = 5;
                return true;
            }

            return false;
        }

        /// <summary>Skips a string, number or literal value of a field nobody reads.</summary>
        public bool TrySkipScalar()
            => TryString(out _, out _, out _) || TryNumberOrBoolean(out _, out _) || TryPeekLiteral("null"u8);

        private bool TryNumberEnd(int at, out int end, out bool integral)
        {
            // JSON's grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
            end = at;
            integral = true;
            var i = at;
            if (i < _frame.Length && _frame[i] == (byte)'-')
            {
                i++;
            }

            if (i >= _frame.Length || !char.IsAsciiDigit((char)_frame[i]))
            {
                return false;
            }

            if (_frame[i] == (byte)'0')
            {
                i++;
            }
            else
            {
                i = Digits(i);
            }

            if (i < _frame.Length && _frame[i] == (byte)'.')
            {
                integral = false;
                var digits = Digits(i + 1);
                if (digits == i + 1)
                {
                    return false;
                }

                i = digits;
            }

            if (i < _frame.Length && (_frame[i] | 0x20) == (byte)'e')
            {
                integral = false;
                i++;
                if (i < _frame.Length && _frame[i] is (byte)'+' or (byte)'-')
                {
                    i++;
                }

                var digits = Digits(i);
                if (digits == i)
                {
                    return false;
                }

                i = digits;
            }

            end = i;
            return IsDelimiter(i);
        }

        private readonly int Digits(int i)
        {
            while (i < _frame.Length && char.IsAsciiDigit((char)_frame[i]))
            {
                i++;
            }

            return i;
        }

        private readonly bool TrySkipEscape(ref int i)
        {
            // i is on the backslash; leave it on the escape's last byte's successor.
            if (i + 1 >= _frame.Length)
            {
                return false;
            }

            switch (_frame[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    return true;
                case (byte)'u' when i + 5 < _frame.Length && IsHex(i + 2) && IsHex(i + 3) && IsHex(i + 4) && IsHex(i + 5):
                    i += 6;
                    return true;
                default:
                    return false;
            }
        }

        private readonly bool IsHex(int i) => char.IsAsciiHexDigit((char)_frame[i]);

        private readonly bool IsDelimiter(int i)
        {
            var at = SkipWhitespace(i);
            return at < _frame.Length && _frame[at] is (byte)',' or (byte)'}';
        }

        private readonly int SkipWhitespace(int at)
        {
            while (at < _frame.Length && _frame[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                at++;
            }

            return at;
        }
    }
}
