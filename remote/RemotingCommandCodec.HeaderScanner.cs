using System.Buffers;
using System.Buffers.Text;

namespace RocketMQ.Go.Port.Remote;

/// <summary>The scanner under the JSON header fast reader of RemotingCommandCodec.FastJson.cs.</summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>Bytes that end the verbatim run of a JSON string: the quote, a backslash, raw control characters.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

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
