using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Reads the JSON the broker and name server write with fastjson, which a strict parser rejects: map keys that
/// are unquoted numbers (<c>"brokerAddrs":{0:"127.0.0.1:10911"}</c>) and maps keyed by objects
/// (<c>"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{..}}</c> in consume stats, ConsumerRunningInfo and
/// ResetOffsetBody). Ordinary JSON reads too. Malformed input raises <see cref="RemotingProtocolException"/> naming
/// the byte position.
/// </summary>
/// <remarks>
/// Why a scanner and not System.Text.Json after a rewrite: object keys have no representation in JsonDocument at
/// all, and rewriting them into legal JSON first would need a scanner that understands strings and nesting anyway.
/// So this scanner only tracks structure (braces, brackets, colons, commas, literals) and hands every string and
/// number token to <see cref="Utf8JsonReader"/>, which does the unescaping, UTF-8 validation and number grammar.
/// </remarks>
internal static class FastJson
{
    /// <summary>Nesting deeper than this is refused, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses UTF-8 JSON text.</summary>
    public static FastJsonValue Parse(ReadOnlySpan<byte> utf8)
    {
        var scanner = new Scanner(utf8);
        var value = scanner.ReadValue(0);
        scanner.SkipWhitespace();
        if (!scanner.AtEnd)
        {
            throw scanner.Error("unexpected data after the JSON value");
        }

        return value;
    }

    /// <summary>Parses JSON text.</summary>
    public static FastJsonValue Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Parses UTF-8 JSON text that must be an object (every broker body is).</summary>
    public static FastJsonObject ParseObject(ReadOnlySpan<byte> utf8)
        => Parse(utf8) as FastJsonObject ?? throw new RemotingProtocolException("JSON body is not an object");

    /// <summary>Parses JSON text that must be an object.</summary>
    public static FastJsonObject ParseObject(string json) => ParseObject(Encoding.UTF8.GetBytes(json));

    private ref struct Scanner
    {
        private readonly ReadOnlySpan<byte> _text;
        private int _pos;

        public Scanner(ReadOnlySpan<byte> text)
        {
            _text = text;
            _pos = 0;
        }

        public readonly bool AtEnd => _pos >= _text.Length;

        public void SkipWhitespace()
        {
            while (_pos < _text.Length && _text[_pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _pos++;
            }
        }

        public readonly RemotingProtocolException Error(string reason, Exception? inner = null)
            => new($"malformed JSON at byte {_pos}: {reason}", inner: inner);

        public FastJsonValue ReadValue(int depth)
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("unexpected end of input");
            }

            switch (_text[_pos])
            {
                case (byte)'{':
                    return ReadObject(depth + 1);
                case (byte)'[':
                    return ReadArray(depth + 1);
                case (byte)'"':
                    return new FastJsonString(ReadString());
                case (byte)'t':
                    ExpectLiteral("true"u8);
                    return FastJsonBoolean.True;
                case (byte)'f':
                    ExpectLiteral("false"u8);
                    return FastJsonBoolean.False;
                case (byte)'n':
                    ExpectLiteral("null"u8);
                    return FastJsonNull.Instance;
                case var c when c == '-' || (c >= '0' && c <= '9'):
                    return ReadNumber();
                case var c:
                    throw Error($"unexpected character '{(char)c}'");
            }
        }

        private FastJsonObject ReadObject(int depth)
        {
            CheckDepth(depth);
            _pos++; // '{'
            var entries = new List<FastJsonProperty>();
            SkipWhitespace();
            if (TryConsume((byte)'}'))
            {
                return new FastJsonObject(entries);
            }

            while (true)
            {
                SkipWhitespace();
                var key = ReadKey(depth);
                SkipWhitespace();
                if (!TryConsume((byte)':'))
                {
                    throw Error("expected ':' after an object key");
                }

                entries.Add(new FastJsonProperty(key, ReadValue(depth)));
                SkipWhitespace();
                if (TryConsume((byte)','))
                {
                    continue;
                }

                if (TryConsume((byte)'}'))
                {
                    return new FastJsonObject(entries);
                }

                throw Error(AtEnd ? "unterminated object" : "expected ',' or '}' in an object");
            }
        }

        private FastJsonValue ReadKey(int depth)
        {
            if (AtEnd)
            {
                throw Error("unterminated object");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                return new FastJsonString(ReadString());
            }

            // fastjson writes non-string map keys bare: numbers ({0:..}) and objects ({{..}:..}).
            if (c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9'))
            {
                return ReadValue(depth);
            }

            // Bare identifiers appear when fastjson's QuoteFieldNames is off; accept them as names.
            var start = _pos;
            while (_pos < _text.Length && IsIdentifierByte(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error($"unexpected character '{(char)c}' where an object key was expected");
            }

            return new FastJsonString(Encoding.ASCII.GetString(_text[start.._pos]));
        }

        private FastJsonArray ReadArray(int depth)
        {
            CheckDepth(depth);
            _pos++; // '['
            var items = new List<FastJsonValue>();
            SkipWhitespace();
            if (TryConsume((byte)']'))
            {
                return new FastJsonArray(items);
            }

            while (true)
            {
                items.Add(ReadValue(depth));
                SkipWhitespace();
                if (TryConsume((byte)','))
                {
                    continue;
                }

                if (TryConsume((byte)']'))
                {
                    return new FastJsonArray(items);
                }

                throw Error(AtEnd ? "unterminated array" : "expected ',' or ']' in an array");
            }
        }

        private string ReadString()
        {
            var start = _pos;
            var i = _pos + 1;
            while (true)
            {
                if (i >= _text.Length)
                {
                    throw Error("unterminated string");
                }

                var b = _text[i];
                if (b == '"')
                {
                    break;
                }

                i += b == '\\' ? 2 : 1;
            }

            var token = _text[start..(i + 1)];
            try
            {
                var reader = new Utf8JsonReader(token);
                reader.Read();
                var value = reader.GetString()!;
                _pos = i + 1;
                return value;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw Error("invalid string: " + e.Message, e);
            }
        }

        private FastJsonNumber ReadNumber()
        {
            var start = _pos;
            var i = _pos;
            while (i < _text.Length && _text[i] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E' or >= (byte)'0' and <= (byte)'9')
            {
                i++;
            }

            var token = _text[start..i];
            try
            {
                var reader = new Utf8JsonReader(token);
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.BytesConsumed != token.Length)
                {
                    throw Error($"invalid number '{Encoding.ASCII.GetString(token)}'");
                }
            }
            catch (JsonException e)
            {
                throw Error($"invalid number '{Encoding.ASCII.GetString(token)}'", e);
            }

            _pos = i;
            return new FastJsonNumber(Encoding.ASCII.GetString(token));
        }

        private void ExpectLiteral(ReadOnlySpan<byte> literal)
        {
            if (!_text[_pos..].StartsWith(literal))
            {
                throw Error($"invalid literal, expected '{Encoding.ASCII.GetString(literal)}'");
            }

            _pos += literal.Length;
        }

        private bool TryConsume(byte expected)
        {
            if (_pos < _text.Length && _text[_pos] == expected)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private readonly void CheckDepth(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth}");
            }
        }

        private static bool IsIdentifierByte(byte b)
            => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or (byte)'$';
    }
}
