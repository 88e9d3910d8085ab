using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Writes JSON the way fastjson does, including what <see cref="Utf8JsonWriter"/> cannot express: maps keyed by
/// objects (<c>{{"brokerName":"b","queueId":0,"topic":"T"}:{..}}</c>), which the Java admin tools and clients
/// expect in consume stats, ConsumerRunningInfo and ResetOffsetBody. Doubles are written like Java's
/// <c>Double.toString</c> (<c>0.0</c>, <c>1.0E10</c>), as fastjson does. Not thread-safe.
/// </summary>
internal sealed class FastJsonWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Stack<Frame> _frames = new();
    private bool _afterKey;
    private bool _rootWritten;

    /// <summary>A writer appending to <paramref name="output"/>.</summary>
    public FastJsonWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>Starts an object (as a value, or as a map key after <see cref="WriteStartObjectKey"/>).</summary>
    public void WriteStartObject()
    {
        BeforeValue();
        _frames.Push(new Frame(IsObject: true, IsKey: false, HasItems: false));
        WriteByte((byte)'{');
    }

    /// <summary>
    /// Starts an object that is the key of the next map entry. Write its fields, close it with
    /// <see cref="WriteEndObject"/> (which writes the ':'), then write the entry's value.
    /// </summary>
    public void WriteStartObjectKey()
    {
        BeforeKey();
        _frames.Push(new Frame(IsObject: true, IsKey: true, HasItems: false));
        WriteByte((byte)'{');
    }

    /// <summary>Ends the current object.</summary>
    public void WriteEndObject()
    {
        var frame = Pop(isObject: true);
        WriteByte((byte)'}');
        if (frame.IsKey)
        {
            WriteByte((byte)':');
            _afterKey = true;
        }
    }

    /// <summary>Starts an array.</summary>
    public void WriteStartArray()
    {
        BeforeValue();
        _frames.Push(new Frame(IsObject: false, IsKey: false, HasItems: false));
        WriteByte((byte)'[');
    }

    /// <summary>Ends the current array.</summary>
    public void WriteEndArray()
    {
        Pop(isObject: false);
        WriteByte((byte)']');
    }

    /// <summary>Writes a string key (always quoted, as 4.9.8 brokers write numeric keys too).</summary>
    public void WritePropertyName(string name)
    {
        BeforeKey();
        WriteEscaped(name);
        WriteByte((byte)':');
        _afterKey = true;
    }

    /// <summary>Writes a string, or null.</summary>
    public void WriteStringValue(string? value)
    {
        BeforeValue();
        if (value is null)
        {
            WriteAscii("null");
        }
        else
        {
            WriteEscaped(value);
        }
    }

    /// <summary>Writes an integer.</summary>
    public void WriteNumberValue(long value)
    {
        BeforeValue();
        var span = _output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _output.Advance(written);
    }

    /// <summary>Writes a double as Java's <c>Double.toString</c> would; NaN and infinities become null, as in fastjson.</summary>
    public void WriteNumberValue(double value)
    {
        BeforeValue();
        WriteAscii(double.IsFinite(value) ? JavaDouble.ToString(value) : "null");
    }

    /// <summary>Writes a number from its raw JSON text.</summary>
    public void WriteRawNumberValue(string raw)
    {
        BeforeValue();
        WriteAscii(raw);
    }

    /// <summary>Writes true or false.</summary>
    public void WriteBooleanValue(bool value)
    {
        BeforeValue();
        WriteAscii(value ? "true" : "false");
    }

    /// <summary>Writes null.</summary>
    public void WriteNullValue()
    {
        BeforeValue();
        WriteAscii("null");
    }

    /// <summary>Writes a named string; a null value is skipped, as fastjson skips null fields.</summary>
    public void WriteString(string name, string? value)
    {
        if (value is not null)
        {
            WritePropertyName(name);
            WriteStringValue(value);
        }
    }

    /// <summary>Writes a named integer.</summary>
    public void WriteNumber(string name, long value)
    {
        WritePropertyName(name);
        WriteNumberValue(value);
    }

    /// <summary>Writes a named double.</summary>
    public void WriteNumber(string name, double value)
    {
        WritePropertyName(name);
        WriteNumberValue(value);
    }

    /// <summary>Writes a named boolean.</summary>
    public void WriteBoolean(string name, bool value)
    {
        WritePropertyName(name);
        WriteBooleanValue(value);
    }

    /// <summary>Writes a whole DOM node, keeping object keys as objects.</summary>
    public void WriteValue(FastJsonValue value)
    {
        switch (value)
        {
            case FastJsonObject obj:
                WriteStartObject();
                WriteMembers(obj);
                WriteEndObject();
                break;
            case FastJsonArray array:
                WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(item);
                }

                WriteEndArray();
                break;
            case FastJsonString s:
                WriteStringValue(s.Value);
                break;
            case FastJsonNumber n:
                WriteRawNumberValue(n.Raw);
                break;
            case FastJsonBoolean b:
                WriteBooleanValue(b.GetBoolean());
                break;
            default:
                WriteNullValue();
                break;
        }
    }

    /// <summary>Compact JSON text of a node.</summary>
    public static string ToJsonString(FastJsonValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FastJsonWriter(buffer).WriteValue(value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes (for bodies).</summary>
    public static byte[] ToUtf8Bytes<TState>(TState state, Action<FastJsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        write(new FastJsonWriter(buffer), state);
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteMembers(FastJsonObject obj)
    {
        foreach (var entry in obj)
        {
            if (entry.ObjectKey is { } key)
            {
                WriteStartObjectKey();
                WriteMembers(key);
                WriteEndObject();
            }
            else
            {
                WritePropertyName(entry.Name!);
            }

            WriteValue(entry.Value);
        }
    }

    private void BeforeKey()
    {
        if (_frames.Count == 0 || !_frames.Peek().IsObject || _afterKey)
        {
            throw new InvalidOperationException("a key can only be written inside an object, before its value");
        }

        var frame = _frames.Pop();
        if (frame.HasItems)
        {
            WriteByte((byte)',');
        }

        _frames.Push(frame with { HasItems = true });
    }

    private void BeforeValue()
    {
        if (_frames.Count == 0)
        {
            if (_rootWritten)
            {
                throw new InvalidOperationException("only one root value can be written");
            }

            _rootWritten = true;
            return;
        }

        var frame = _frames.Peek();
        if (frame.IsObject)
        {
            if (!_afterKey)
            {
                throw new InvalidOperationException("an object value needs a key first");
            }

            _afterKey = false;
            return;
        }

        if (frame.HasItems)
        {
            WriteByte((byte)',');
        }
        else
        {
            _frames.Pop();
            _frames.Push(frame with { HasItems = true });
        }
    }

    private Frame Pop(bool isObject)
    {
        if (_frames.Count == 0 || _frames.Peek().IsObject != isObject || _afterKey)
        {
            throw new InvalidOperationException(isObject ? "no open object to end" : "no open array to end");
        }

        return _frames.Pop();
    }

    private void WriteEscaped(string value)
    {
        // BCL escaping; the relaxed encoder leaves non-ASCII text as UTF-8, as fastjson does.
        var encoded = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var span = _output.GetSpan(encoded.Length + 2);
        span[0] = (byte)'"';
        encoded.CopyTo(span[1..]);
        span[encoded.Length + 1] = (byte)'"';
        _output.Advance(encoded.Length + 2);
    }

    private void WriteAscii(string text)
    {
        var span = _output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        _output.Advance(written);
    }

    private void WriteByte(byte b)
    {
        _output.GetSpan(1)[0] = b;
        _output.Advance(1);
    }

    private readonly record struct Frame(bool IsObject, bool IsKey, bool HasItems);
}
