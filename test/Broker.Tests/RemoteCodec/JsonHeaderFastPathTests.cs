using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests.RemoteCodec;

/// <summary>
/// The codec's JSON header writer and reader (taken by every send) against the BCL: the bytes written equal
/// Utf8JsonWriter's, and whatever the reader accepts or refuses matches System.Text.Json's reading.
/// </summary>
public sealed class JsonHeaderFastPathTests
{
    private static readonly Gen<char> Chars = Gen.OneOf(
        Gen.Elements('a', 'Z', '0', ' ', '"', '\\', '/', '\u0001', '\u0002', '\n', '\t', '\b', '\f', '\r', '\u001f', '\u007f', '~', '%', '|'),
        Gen.Elements('\u00e9', '\u4e2d', '\u2028', '\u00a0'),
        Gen.Choose(0x20, 0x7e).Select(c => (char)c));

    private static readonly Gen<string> Text = Gen.ArrayOf(Chars).Select(cs => new string(cs));

    private static readonly Gen<RemotingCommand> Commands =
        from code in Gen.Choose(-5, 400)
        from opaque in Gen.Choose(int.MinValue, int.MaxValue)
        from flag in Gen.Choose(0, 3)
        from version in Gen.Choose(0, 500)
        from language in Gen.Elements(LanguageCode.JAVA, LanguageCode.GO, LanguageCode.DOTNET, LanguageCode.CPP, LanguageCode.OTHER)
        from remark in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(t => (string?)t))
        from keys in Gen.ArrayOf(Text)
        from values in Gen.ArrayOf(Text)
        select Command(code, opaque, flag, version, language, remark, keys, values);

    [Fact]
    public void Encoded_headers_are_byte_identical_to_utf8jsonwriters()
        => Prop.ForAll(Commands.ToArbitrary(), command =>
            RemotingCommandCodec.EncodeToArray(command).AsSpan().SequenceEqual(ReferenceEncode(command))).QuickCheckThrowOnFailure();

    [Fact]
    public void Headers_round_trip_field_for_field()
        => Prop.ForAll(Commands.ToArbitrary(), command =>
        {
            var decoded = RemotingCommandCodec.DecodeWithLengthPrefix(RemotingCommandCodec.EncodeToArray(command));
            return decoded.Code == command.Code && decoded.Opaque == command.Opaque && decoded.Flag == command.Flag
                && decoded.Version == command.Version && decoded.Language == command.Language && decoded.Remark == command.Remark
                && (decoded.ExtFields ?? []).OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual((command.ExtFields ?? []).OrderBy(p => p.Key, StringComparer.Ordinal));
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("""{"code":10,"extFields":{"a":"x","n":5,"t":true,"f":false,"z":null,"e":-1.5e3},"flag":0,"language":"JAVA","opaque":3,"serializeTypeCurrentRPC":"JSON","version":121}""")]
    [InlineData(""" { "code" : 10 , "extFields" : { "a" : "x\u0001y\"" } , "opaque" : 3 , "remark" : null } """)]
    [InlineData("""{"unknown":{"nested":[1,2]},"code":11,"extFields":{"k":"v"}}""")]
    [InlineData("""{"c\u006fde":12,"extFields":{"k\u0041":"v"},"remark":"line\nbreak"}""")]
    [InlineData("""{"code":13,"extFields":{"a":"1"},"extFields":{"b":"2"},"code":14,}""")]
    [InlineData("""{"code":15,"extFields":null,"language":9,"opaque":-7}""")]
    [InlineData("""{"code":16,"extFields":{},"language":"PYTHON","remark":"caf\u00e9"}""")]
    [InlineData("""{}""")]
    public void Unusual_but_valid_headers_decode_as_system_text_json_reads_them(string json)
    {
        var decoded = RemotingCommandCodec.Decode(Frame(json));
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        int Last(string name, int fallback) => doc.RootElement.EnumerateObject().LastOrDefault(p => p.Name == name) is { Value.ValueKind: JsonValueKind.Number } p ? p.Value.GetInt32() : fallback;

        decoded.Code.Should().Be(Last("code", 0));
        decoded.Opaque.Should().Be(Last("opaque", 0));
        decoded.Version.Should().Be(Last("version", 0));
        var remark = doc.RootElement.EnumerateObject().LastOrDefault(p => p.Name == "remark");
        decoded.Remark.Should().Be(remark.Value.ValueKind == JsonValueKind.String ? remark.Value.GetString() : null);
        var ext = doc.RootElement.EnumerateObject().LastOrDefault(p => p.Name == "extFields");
        var expected = ext.Value.ValueKind == JsonValueKind.Object
            ? ext.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null)
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
            : null;
        if (expected is null)
        {
            decoded.ExtFields.Should().BeNull();
        }
        else
        {
            decoded.ExtFields.Should().BeEquivalentTo(expected);
        }
    }

    [Theory]
    [InlineData("""{"code":1.5}""")]
    [InlineData("""{"code":"10"}""")]
    [InlineData("""{"code":12a}""")]
    [InlineData("""{"code":01}""")]
    [InlineData("""{"extFields":{"a":[1]}}""")]
    [InlineData("""{"extFields":{"a":"bad \x escape"}}""")]
    [InlineData("{\"extFields\":{\"a\":\"raw \u0001 control\"}}")]
    [InlineData("""{"language":300}""")]
    [InlineData("""{"remark":5}""")]
    [InlineData("""{"code":10""")]
    [InlineData("""[1]""")]
    public void Malformed_headers_are_refused_with_a_protocol_exception(string json)
        => FluentActions.Invoking(() => RemotingCommandCodec.Decode(Frame(json))).Should().Throw<RemotingProtocolException>();

    private static RemotingCommand Command(int code, int opaque, int flag, int version, LanguageCode language, string? remark, string[] keys, string[] values)
    {
        var ext = new Dictionary<string, string>();
        for (var i = 0; i < Math.Min(keys.Length, values.Length); i++)
        {
            ext[keys[i]] = values[i];
        }

        return new RemotingCommand
        {
            Code = code, Opaque = opaque, Flag = flag, Version = version, Language = language, Remark = remark,
            ExtFields = keys.Length == 0 ? null : ext, Body = new byte[] { 1, 2 },
        };
    }

    private static byte[] Frame(string json)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + header.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        header.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>The codec's original writer, kept here as the reference: Utf8JsonWriter, fastjson field order.</summary>
    private static byte[] ReferenceEncode(RemotingCommand command)
    {
        var header = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("code", command.Code);
            if (command.ExtFields is { } ext)
            {
                json.WriteStartObject("extFields");
                foreach (var pair in ext)
                {
                    json.WriteString(pair.Key, pair.Value);
                }

                json.WriteEndObject();
            }

            json.WriteNumber("flag", command.Flag);
            json.WriteString("language", command.Language.ToString());
            json.WriteNumber("opaque", command.Opaque);
            if (command.Remark is { } remark)
            {
                json.WriteString("remark", remark);
            }

            json.WriteString("serializeTypeCurrentRPC", "JSON");
            json.WriteNumber("version", command.Version);
            json.WriteEndObject();
        }

        var frame = new byte[8 + header.WrittenCount + command.Body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), header.WrittenCount);
        header.WrittenSpan.CopyTo(frame.AsSpan(8));
        command.Body.Span.CopyTo(frame.AsSpan(8 + header.WrittenCount));
        return frame;
    }
}
