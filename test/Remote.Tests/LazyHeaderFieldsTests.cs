using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class LazyHeaderFieldsTests
{
    private static RemotingCommand RoundTrip(RemotingCommand command)
        => RemotingCommandCodec.DecodeWithLengthPrefix(RemotingCommandCodec.EncodeToArray(command));

    private static RemotingCommand Sample(SerializeType type) => new()
    {
        Code = 310,
        Opaque = 7,
        SerializeType = type,
        ExtFields = new Dictionary<string, string>
        {
            ["b"] = "Topic",
            ["e"] = "3",
            ["g"] = "1795249255992",
            ["quote\"key"] = "tab\tvalue ü \u0001\u0002",
            ["n"] = "broker-a",
        },
        Body = new byte[] { 9, 8, 7 },
    };

    [Theory]
    [InlineData(SerializeType.JSON)]
    [InlineData(SerializeType.ROCKETMQ)]
    public void Single_fields_read_without_building_the_map_equal_the_map_built_later(SerializeType type)
    {
        var decoded = RoundTrip(Sample(type));

        decoded.GetExtField("b").Should().Be("Topic");
        decoded.GetExtField("quote\"key").Should().Be("tab\tvalue ü \u0001\u0002");
        decoded.GetExtField("missing").Should().BeNull();
        decoded.TryGetExtField("g", out var born).Should().BeTrue();
        born.Should().Be(1795249255992);
        decoded.TryGetExtField("e", out var queueId).Should().BeTrue();
        queueId.Should().Be(3);
        decoded.TryGetExtField("b", out _).Should().BeFalse("'Topic' is not a number");

        decoded.ExtFields.Should().BeEquivalentTo(Sample(type).ExtFields);
        decoded.GetExtField("n").Should().Be("broker-a");
        decoded.Body.ToArray().Should().Equal(9, 8, 7);
    }

    [Fact]
    public void Setting_a_field_on_a_decoded_command_keeps_the_other_fields()
    {
        var decoded = RoundTrip(Sample(SerializeType.JSON));

        decoded.SetExtField("extra", "1");

        decoded.ExtFields.Should().HaveCount(6).And.ContainKey("b").And.ContainKey("extra");
    }

    [Fact]
    public void A_released_command_gives_its_buffer_back_and_no_longer_exposes_the_body()
    {
        var decoded = RoundTrip(Sample(SerializeType.JSON));
        decoded.GetExtField("b").Should().Be("Topic");

        decoded.Release();
        decoded.Release();

        decoded.Body.IsEmpty.Should().BeTrue();
        decoded.ExtFields.Should().BeNull();
    }

    [Fact]
    public void A_duplicate_key_in_a_json_header_resolves_to_the_last_value_both_ways()
    {
        var header = "{\"code\":1,\"extFields\":{\"k\":\"first\",\"k\":\"second\"},\"flag\":0,\"opaque\":1}"u8.ToArray();
        var frame = new byte[4 + header.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        header.CopyTo(frame, 4);

        RemotingCommandCodec.Decode(frame).GetExtField("k").Should().Be("second");
        RemotingCommandCodec.Decode(frame).ExtFields!["k"].Should().Be("second");
    }

    [Theory]
    [InlineData("{\"code\":1,\"extFields\":{\"k\":\"\\uD800\"},\"flag\":0}")]
    public void A_json_escape_that_is_not_valid_text_raises_a_protocol_error_when_read(string json)
    {
        var header = System.Text.Encoding.UTF8.GetBytes(json);
        var frame = new byte[4 + header.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, header.Length);
        header.CopyTo(frame, 4);

        var act = () => RemotingCommandCodec.Decode(frame).ExtFields;

        act.Should().Throw<RemotingProtocolException>();
    }
}
