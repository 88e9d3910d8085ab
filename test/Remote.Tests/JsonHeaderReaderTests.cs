using System.Buffers.Binary;
using System.Text;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The one JSON header reader on input no Java or Go client writes but JSON allows (Broker.Tests'
/// JsonHeaderFastPathTests compares it with System.Text.Json on more shapes), and on hostile input.
/// </summary>
public class JsonHeaderReaderTests
{
    [Fact]
    public void Escaped_keys_and_values_are_found_and_read_as_their_text()
    {
        var command = Decode("""{"code":5,"extFields":{"t\u006Fpic":"caf\u00E9 \uD83D\uDE00","\u0041":"\"q\" \\ \/ \b\f\n\r\t"},"remark":"\u4E2D\uD83D\uDE00"}""");

        command.GetExtField("topic").Should().Be("café 😀");
        command.GetExtField("A").Should().Be("\"q\" \\ / \b\f\n\r\t");
        command.Remark.Should().Be("中😀");
        command.ExtFields.Should().BeEquivalentTo(new Dictionary<string, string> { ["topic"] = "café 😀", ["A"] = "\"q\" \\ / \b\f\n\r\t" });
    }

    [Fact]
    public void Whitespace_between_every_token_and_go_member_order_read_like_compact_java_order()
    {
        var command = Decode(" {\r\n\t\"opaque\" : 9 ,\n \"version\":0, \"language\" : \"GO\", \"remark\" : null, \"flag\" : 1,\n \"extFields\" : { \"k\" : 12 , \"b\" : true },\t\"code\" : 17 }\n");

        (command.Code, command.Opaque, command.Flag, command.Language, command.Remark).Should().Be((17, 9, 1, LanguageCode.GO, (string?)null));
        command.TryGetExtField("k", out var k).Should().BeTrue();
        k.Should().Be(12);
        command.GetExtField("b").Should().Be("true");
    }

    [Fact]
    public void A_non_bmp_character_in_every_string_round_trips()
    {
        var request = RemotingCommand.CreateRequest(10, new Dictionary<string, string> { ["键😀"] = "值😀\u0001" });
        request.Remark = "😀 é";

        var decoded = RemotingCommandCodec.DecodeWithLengthPrefix(RemotingCommandCodec.EncodeToArray(request));

        decoded.Remark.Should().Be("😀 é");
        decoded.GetExtField("键😀").Should().Be("值😀\u0001");
    }

    [Theory]
    [InlineData("""{"remark":"\uDE00"}""", "Invalid surrogate value: '0xDE00'. At byte 10")]
    [InlineData("""{"remark":"\uD83Dx"}""", "missing low surrogate. At byte 10")]
    [InlineData("""{"remark":"a" "flag":2}""", "'\"' is invalid after a value. Expected either ',', '}', or ']'. LineNumber: 0 | BytePositionInLine: 14")]
    [InlineData("""{"extFields":{,}}""", "',' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 14")]
    [InlineData("""{"code":1,,}""", "',' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 10")]
    [InlineData("""{"x":[1,{"y":nul}]}""", "'nul}]}' is an invalid JSON literal. Expected the literal 'null'. LineNumber: 0 | BytePositionInLine: 16")]
    [InlineData("""{"remark":"open""", "Expected end of string, but instead reached end of data. LineNumber: 0 | BytePositionInLine: 15")]
    public void Malformed_headers_say_what_is_wrong(string json, string expected)
        => FluentActions.Invoking(() => Decode(json)).Should().Throw<RemotingProtocolException>().Where(e => e.Message.Contains(expected));

    [Fact]
    public void Nesting_deeper_than_64_in_an_unknown_member_is_refused_without_exhausting_the_stack()
    {
        var deep = "{\"x\":" + new string('[', 100_000) + new string(']', 100_000) + ",\"code\":1}";
        var shallow = "{\"x\":" + new string('[', 60) + new string(']', 60) + ",\"code\":1}";

        FluentActions.Invoking(() => Decode(deep)).Should().Throw<RemotingProtocolException>().Where(e => e.Message.Contains("maximum configured depth of 64 has been exceeded"));
        Decode(shallow).Code.Should().Be(1);
    }

    private static RemotingCommand Decode(string json)
    {
        var header = Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + header.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        header.CopyTo(frame, 4);
        return RemotingCommandCodec.Decode(frame);
    }
}
