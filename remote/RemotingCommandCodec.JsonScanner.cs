using System.Buffers;
using System.Buffers.Text;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Remote;

/// <summary>The tokenizer under the JSON header reader (RemotingCommandCodec.JsonReader.cs).</summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>Unknown members nest at most this deep, as Utf8JsonReader's default.</summary>
    private const int MaxJsonDepth = 64;

    /// <summary>Bytes that end the verbatim run of a JSON string: the quote, a backslash, raw control characters.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"u8);

    /// <summary>A forward-only reader over one JSON header; every failure is a <see cref="RemotingProtocolException"/>.</summary>
    private ref struct JsonScanner(byte[] frame, int start, int end)
    {
        private readonly ReadOnlySpan<byte> _frame = frame.AsSpan(0, end);
        private readonly int _start = start;
        private int _at = start;

        public readonly RemotingProtocolException Error(string what) => new($"malformed JSON header: {what} at byte {_at - _start}");

        public void Expect(byte c)
        {
            if (!TryConsume(c))
            {
                throw Error($"expected '{(char)c}'");
            }
        }

        public bool TryConsume(byte c)
        {
            var at = SkipWhitespace(_at);
            if (at < _frame.Length && _frame[at] == c)
            {
                _at = at + 1;
                return true;
            }

            return false;
        }

        /// <summary>Before each member of an object or array: true when one follows (a trailing comma is allowed).</summary>
        public bool NextMember(byte close, ref bool first)
        {
            if (!first && !TryConsume((byte)','))
            {
                Expect(close);
                return false;
            }

            first = false;
            return !TryConsume(close);
        }

        public bool TryLiteral(ReadOnlySpan<byte> literal)
        {
            var at = SkipWhitespace(_at);
            if (_frame[at..].StartsWith(literal) && IsDelimiter(at + literal.Length))
            {
                _at = at + literal.Length;
                return true;
            }

            return false;
        }

        public ReadOnlySpan<byte> ReadString(out bool escaped)
        {
            var (start, length) = ReadSpan(out escaped);
            return _frame.Slice(start, length);
        }

        public string ReadText()
        {
            var raw = ReadString(out var escaped);
            return escaped ? Unescape(raw) : Encoding.UTF8.GetString(raw);
        }

        /// <summary>A string's raw content (between the quotes), checking escapes for form.</summary>
        public (int Start, int Length) ReadSpan(out bool escaped)
            => TryString(out var span, out escaped) ? span : throw Error("expected a string");

        /// <summary>A string's content, a number's or a boolean's token; Length -1 when none is next.</summary>
        public (int Start, int Length) TryScalar(out bool escaped, out bool isString)
        {
            escaped = false;
            if (isString = TryString(out var span, out escaped))
            {
                return span;
            }

            var start = SkipWhitespace(_at);
            if (TryNumberEnd(start, out var end, out _))
            {
                _at = end;
                return (start, end - start);
            }

            if (TryLiteral("true"u8) || TryLiteral("false"u8))
            {
                return (start, _at - start);
            }

            return (0, -1);
        }

        public int ReadInt32() => TryInt32(out var value) ? value : throw Error("expected a 32-bit integer");

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

        /// <summary>Skips a value of any shape: a member nobody reads.</summary>
        public void SkipValue(int depth)
        {
            if (depth > MaxJsonDepth)
            {
                throw Error($"nesting deeper than {MaxJsonDepth}");
            }

            var isObject = TryConsume((byte)'{');
            if (isObject || TryConsume((byte)'['))
            {
                var first = true;
                while (NextMember(isObject ? (byte)'}' : (byte)']', ref first))
                {
                    if (isObject)
                    {
                        ReadSpan(out _);
                        Expect((byte)':');
                    }

                    SkipValue(depth + 1);
                }
            }
            else if (TryScalar(out _, out _).Length < 0 && !TryLiteral("null"u8))
            {
                throw Error("expected a value");
            }
        }

        private bool TryString(out (int Start, int Length) span, out bool escaped)
        {
            span = default;
            escaped = false;
            var at = SkipWhitespace(_at);
            if (at >= _frame.Length || _frame[at] != (byte)'"')
            {
                return false;
            }

            var i = at + 1;
            while (true)
            {
                var stop = _frame[i..].IndexOfAny(StringStops);
                if (stop < 0)
                {
                    _at = at;
                    throw Error("unterminated string");
                }

                i += stop;
                if (_frame[i] == (byte)'"')
                {
                    break;
                }

                if (_frame[i] != (byte)'\\' || !TrySkipEscape(ref i))
                {
                    _at = i;
                    throw Error(_frame[i] == (byte)'\\' ? "invalid escape" : "raw control character in a string");
                }

                escaped = true;
            }

            span = (at + 1, i - at - 1);
            _at = i + 1;
            return true;
        }

        private readonly bool TryNumberEnd(int at, out int end, out bool integral)
        {
            // JSON's grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
            end = at;
            integral = true;
            var i = at < _frame.Length && _frame[at] == (byte)'-' ? at + 1 : at;
            if (i >= _frame.Length || !char.IsAsciiDigit((char)_frame[i]))
            {
                return false;
            }

            i = _frame[i] == (byte)'0' ? i + 1 : Digits(i);
            if (i < _frame.Length && _frame[i] == (byte)'.')
            {
                integral = false;
                if ((i = Digits(i + 1)) == -1)
                {
                    return false;
                }
            }

            if (i < _frame.Length && (_frame[i] | 0x20) == (byte)'e')
            {
                integral = false;
                i++;
                if (i < _frame.Length && _frame[i] is (byte)'+' or (byte)'-')
                {
                    i++;
                }

                if ((i = Digits(i)) == -1)
                {
                    return false;
                }
            }

            end = i;
            return IsDelimiter(i);
        }

        /// <summary>The end of a run of digits starting at <paramref name="i"/>; -1 when there is none.</summary>
        private readonly int Digits(int i)
        {
            var start = i;
            while (i < _frame.Length && char.IsAsciiDigit((char)_frame[i]))
            {
                i++;
            }

            return i == start ? -1 : i;
        }

        private readonly bool TrySkipEscape(ref int i)
        {
            // i is on the backslash; leave it after the escape.
            var length = i + 1 >= _frame.Length ? 0 : _frame[i + 1] switch
            {
                (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' => 2,
                (byte)'u' when i + 5 < _frame.Length && _frame.Slice(i + 2, 4).IndexOfAnyExcept(HexDigits) < 0 => 6,
                _ => 0,
            };
            i += length;
            return length > 0;
        }

        private readonly bool IsDelimiter(int i)
        {
            var at = SkipWhitespace(i);
            return at < _frame.Length && _frame[at] is (byte)',' or (byte)'}' or (byte)']';
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

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);
}
