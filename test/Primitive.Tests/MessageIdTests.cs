using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

public class MessageIdTests
{
    [Fact]
    public void Offset_ids_round_trip_for_ipv4_and_ipv6()
    {
        var gen = from address in Generators.Address
                  from port in Gen.Choose(0, 65535)
                  from offset in Generators.Long
                  select (address, port, offset);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var id = MessageId.Create(t.address.GetAddressBytes(), t.port, t.offset);
            var parsed = MessageId.Parse(id);
            var expectedLength = t.address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 56;
            return id.Length == expectedLength && id == id.ToUpperInvariant()
                && parsed.Address.Equals(t.address) && parsed.Port == t.port && parsed.Offset == t.offset
                && parsed.ToString() == id && MessageId.Create(parsed.EndPoint, parsed.Offset) == id;
        }).Check(Generators.Config);
    }

    [Theory]
    [InlineData("7F00000100002A9F0000000000000000", 0L)]
    [InlineData("7F00000100002A9F00000000000002B2", 0x2B2L)]
    [InlineData("7F00000100002A9F00000000000004D7", 0x4D7L)]
    [InlineData("7F00000100002A9F0000000000001C9B", 0x1C9BL)]
    public void Captured_offset_ids_name_the_broker_and_commit_log_offset(string id, long offset)
    {
        var parsed = MessageId.Parse(id);
        parsed.Address.Should().Be(IPAddress.Loopback);
        parsed.Port.Should().Be(10911);
        parsed.Offset.Should().Be(offset);
        parsed.Addr.Should().Be("127.0.0.1");
        MessageId.Create(new IPEndPoint(IPAddress.Loopback, 10911), offset).Should().Be(id);
    }

    [Fact]
    public void Ipv6_address_is_bracketed_like_go()
    {
        var id = MessageId.Create(IPAddress.Parse("fd00::2").GetAddressBytes(), 10911, 7);
        MessageId.Parse(id).Addr.Should().Be("[fd00::2]");
    }

    [Theory]
    [InlineData("")]
    [InlineData("7F00000100002A9F00000000000002B")]
    [InlineData("7F00000100002A9F00000000000002BZ")]
    [InlineData("7F000001FFFFFFFF00000000000002B2")]
    public void Malformed_offset_ids_are_refused(string id)
    {
        FluentActions.Invoking(() => MessageId.Parse(id)).Should().Throw<MQClientException>().WithMessage("*invalid offset message id*");
        MessageId.TryParse(id, out _).Should().BeFalse();
    }
}
