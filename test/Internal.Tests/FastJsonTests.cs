using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class FastJsonTests
{
    [Fact]
    public void Every_captured_body_parses_and_rewrites_to_the_identical_text()
    {
        var bodies = CaptureExchanges.AllBodies().ToList();
        bodies.Should().HaveCountGreaterThan(100);
        foreach (var (frame, text) in bodies)
        {
            var value = FastJson.Parse(Encoding.UTF8.GetBytes(text));
            value.Kind.Should().Be(FastJsonKind.Object, frame.ToString());
            value.ToString().Should().Be(text, frame.ToString());
        }
    }

    [Fact]
    public void Object_keys_of_consume_stats_read_as_message_queue_objects()
    {
        var body = BodyOfResponseTo("status", RequestCode.GET_CONSUME_STATS);
        Action strict = () => System.Text.Json.JsonDocument.Parse(body);
        strict.Should().Throw<System.Text.Json.JsonException>("a strict parser rejects fastjson's object keys");

        var table = FastJson.ParseObject(body).GetObject("offsetTable")!;
        table.Count.Should().Be(5);
        var first = table[0];
        first.Name.Should().BeNull();
        first.ObjectKey!.GetString("brokerName").Should().Be("broker-a");
        first.ObjectKey.GetInt32("queueId").Should().Be(3);
        first.ObjectKey.GetString("topic").Should().Be("WireTopic");
        first.Value.AsObject().GetInt64("lastTimestamp").Should().Be(1795249256120);
        table[1].ObjectKey!.GetString("topic").Should().Be("%RETRY%wire_cg");
    }

    [Fact]
    public void Object_keys_of_consumer_running_info_read_and_sit_beside_ordinary_keys()
    {
        var obj = FastJson.ParseObject(BodyOfResponseTo("status", RequestCode.GET_CONSUMER_RUNNING_INFO));
        var mqTable = obj.GetObject("mqTable")!;
        mqTable.Should().ContainSingle();
        mqTable[0].ObjectKey!.GetString("topic").Should().Be("%RETRY%wire_status_cg");
        mqTable[0].Value.AsObject().GetBoolean("locked").Should().BeTrue();
        obj.GetObject("properties")!.GetString("PROP_CLIENT_VERSION").Should().Be("V4_9_8");
        obj.GetObject("properties")!.GetInt32("pullBatchSize").Should().Be(32, "quoted numbers read as numbers, as fastjson reads them");
        obj.GetObject("statusTable")!.GetObject("WireStatus")!.GetDouble("pullRT").Should().Be(0.0);
        obj.GetArray("subscriptionSet")!.Count.Should().Be(2);
    }

    [Fact]
    public void Unquoted_numeric_keys_read_as_names()
    {
        var obj = FastJson.ParseObject("""{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921",-1:"x"},"brokerName":"b"}""");
        var addrs = obj.GetObject("brokerAddrs")!;
        addrs.Select(e => e.Name).Should().Equal("0", "1", "-1");
        addrs["1"]!.GetString().Should().Be("127.0.0.1:10921");
        obj.ToString().Should().Be("""{"brokerAddrs":{"0":"127.0.0.1:10911","1":"127.0.0.1:10921","-1":"x"},"brokerName":"b"}""",
            "the writer quotes numeric keys, as 4.9.8's name server does, which every reader accepts");
    }

    [Fact]
    public void Ordinary_json_reads_with_escapes_unicode_numbers_and_literals()
    {
        var obj = FastJson.ParseObject("{ \"s\" : \"a\\\"b\\\\c\\u00e9\\n\" , \"n\": -12.5e2, \"l\": 9223372036854775807, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, \"x\", {}], \"u\": \"日本\" }");
        obj.GetString("s").Should().Be("a\"b\\cé\n");
        obj.GetDouble("n").Should().Be(-1250);
        obj.GetInt64("l").Should().Be(long.MaxValue, "numbers keep their text, so longs never pass through a double");
        obj.GetBoolean("t").Should().BeTrue();
        obj.GetBoolean("f").Should().BeFalse();
        obj["z"]!.IsNull.Should().BeTrue();
        obj.GetString("z", "default").Should().Be("default");
        obj.GetArray("a")!.Count.Should().Be(3);
        obj.GetString("u").Should().Be("日本");
        obj.GetInt64("missing", 42).Should().Be(42);
    }

    [Theory]
    [InlineData("{\"a\":1", "unterminated object")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    [InlineData("{\"a\":tru}", "literal")]
    [InlineData("[1,]", "unexpected character ']'")]
    [InlineData("{\"a\":\"\\x\"}", "invalid string")]
    [InlineData("{\"a\":\"abc", "unterminated string")]
    [InlineData("{\"a\":01}", "invalid number")]
    [InlineData("{\"a\":1} x", "unexpected data after")]
    [InlineData("", "unexpected end of input")]
    [InlineData("{\"a\":1,}", "where an object key was expected")]
    [InlineData("{{\"a\":1}}", "expected ':'")]
    public void Malformed_json_raises_a_protocol_exception_with_the_position(string json, string reason)
    {
        var act = () => FastJson.Parse(json);
        act.Should().Throw<RemotingProtocolException>().WithMessage($"malformed JSON at byte *{reason}*");
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_rejected()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };
        var act = () => FastJson.Parse(bytes);
        act.Should().Throw<RemotingProtocolException>().WithMessage("malformed JSON at byte 5*");
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_refused_instead_of_overflowing_the_stack()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var act = () => FastJson.Parse(deep);
        act.Should().Throw<RemotingProtocolException>().WithMessage("*nesting deeper than 64*");
        FastJson.Parse(new string('[', 64) + new string(']', 64)).Kind.Should().Be(FastJsonKind.Array);
    }

    [Fact]
    public void Typed_getter_on_the_wrong_kind_raises_a_protocol_exception()
    {
        var obj = FastJson.ParseObject("""{"a":"x","o":{}}""");
        ((Action)(() => obj.GetInt64("a"))).Should().Throw<RemotingProtocolException>().WithMessage("*'x' is not an integer*");
        ((Action)(() => obj.GetArray("o"))).Should().Throw<RemotingProtocolException>().WithMessage("*expected an array*found object*");
        ((Action)(() => FastJson.ParseObject("[1]"))).Should().Throw<RemotingProtocolException>().WithMessage("*not an object*");
    }

    [Fact]
    public void Writer_emits_object_keyed_maps_like_fastjson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new FastJsonWriter(buffer);
        w.WriteStartObject();
        w.WriteNumber("consumeTps", 0.0);
        w.WritePropertyName("offsetTable");
        w.WriteStartObject();
        for (var q = 0; q < 2; q++)
        {
            w.WriteStartObjectKey();
            w.WriteString("brokerName", "b");
            w.WriteNumber("queueId", q);
            w.WriteString("topic", "T");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteNumber("brokerOffset", 10 + q);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        text.Should().Be("""{"consumeTps":0.0,"offsetTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"brokerOffset":10},{"brokerName":"b","queueId":1,"topic":"T"}:{"brokerOffset":11}}}""");
        FastJson.Parse(text).ToString().Should().Be(text);
    }

    [Fact]
    public void Writer_refuses_misuse()
    {
        var w = new FastJsonWriter(new ArrayBufferWriter<byte>());
        w.WriteStartObject();
        ((Action)(() => w.WriteNumberValue(1L))).Should().Throw<InvalidOperationException>("an object value needs a key");
        ((Action)w.WriteEndArray).Should().Throw<InvalidOperationException>();
        w.WritePropertyName("a");
        ((Action)(() => w.WritePropertyName("b"))).Should().Throw<InvalidOperationException>("the key has no value yet");
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(2.5, "2.5")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.234e-5, "1.234E-5")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(1.0e7, "1.0E7")]
    [InlineData(1.5e10, "1.5E10")]
    [InlineData(-3.25, "-3.25")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(0.1, "0.1")]
    public void Doubles_are_written_like_java_double_to_string(double value, string expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FastJsonWriter(buffer).WriteNumberValue(value);
        Encoding.ASCII.GetString(buffer.WrittenSpan).Should().Be(expected);
    }

    [Fact]
    public void Any_double_written_reads_back_as_the_same_value()
    {
        Prop.ForAll<NormalFloat>(f =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            new FastJsonWriter(buffer).WriteNumberValue(f.Get);
            return FastJson.Parse(buffer.WrittenSpan).GetDouble() == f.Get;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_string_and_long_survive_a_write_and_read_round_trip()
    {
        Prop.ForAll<NonNull<string>, long>((s, n) =>
        {
            // Lone surrogates cannot be encoded as UTF-8 by any writer; restrict to well-formed text.
            var text = s.Get;
            if (!IsWellFormed(text))
            {
                return true;
            }

            var obj = new FastJsonObject().Add(text, new FastJsonArray().Add(new FastJsonString(text)).Add(new FastJsonNumber(n)));
            var back = FastJson.ParseObject(obj.ToString());
            var values = back.GetArray(text)!;
            return back.Count == 1 && back[0].Name == text && values[0].GetString() == text && values[1].GetInt64() == n;
        }).QuickCheckThrowOnFailure();
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && (i + 1 >= s.Length || !char.IsLowSurrogate(s[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    internal static byte[] BodyOfResponseTo(string scenario, int code)
        => CaptureExchanges.Of(scenario).First(e => e.Code == code && e.Response is { Body.Length: > 0 }).Response!.Body.ToArray();
}
