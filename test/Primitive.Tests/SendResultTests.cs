using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class SendResultTests
{
    private const string Id = "0A0B0C0D00002A9F00000000DEADBEEF";

    [Fact]
    public void An_offset_id_set_from_the_wire_reads_back_as_sent_and_the_same_string_each_time()
    {
        var result = new SendResult { MsgID = "U1" };

        result.TrySetOffsetMsgIDHex(Encoding.ASCII.GetBytes(Id)).Should().BeTrue();

        result.OffsetMsgID.Should().Be(Id);
        result.OffsetMsgID.Should().BeSameAs(result.OffsetMsgID);
        result.ToString().Should().Be($"SendResult [sendStatus=UNKNOWN_ERROR, msgId=U1, offsetMsgId={Id}, messageQueue=nil, queueOffset=0]");
    }

    [Fact]
    public void The_setter_wins_over_an_id_not_read_yet_and_the_other_way_round()
    {
        var result = new SendResult();
        result.TrySetOffsetMsgIDHex(Encoding.ASCII.GetBytes(Id));
        result.OffsetMsgID = "mine";
        result.OffsetMsgID.Should().Be("mine");

        result.TrySetOffsetMsgIDHex(Encoding.ASCII.GetBytes(Id));
        result.OffsetMsgID.Should().Be(Id);
    }

    [Theory]
    [InlineData("0a0b0c0d00002a9f00000000deadbeef")] // lower case would not read back as sent
    [InlineData("0A0B0C0D00002A9F00000000DEADBEE")]
    [InlineData("0A0B0C0D00002A9F00000000DEADBEEF0")]
    [InlineData("0A0B0C0D00002A9F00000000DEADBEEG")]
    [InlineData("0A0B0C0D00002A9F,0000000DEADBEEF")]
    [InlineData("")]
    public void Text_that_would_not_read_back_as_sent_is_refused(string text)
    {
        var result = new SendResult { OffsetMsgID = "before" };

        result.TrySetOffsetMsgIDHex(Encoding.ASCII.GetBytes(text)).Should().BeFalse();

        result.OffsetMsgID.Should().Be("before");
    }
}
