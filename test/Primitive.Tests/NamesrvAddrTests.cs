namespace RocketMQ.Go.Port.Tests;

public class NamesrvAddrTests
{
    [Theory]
    [InlineData("127.0.0.1:9876")]
    [InlineData("[::1]:9876")]
    [InlineData("namesrv.local:9876")]
    [InlineData("http://jmenv.tbsite.net:8080/rocketmq/nsaddr")]
    public void Valid_addresses_are_accepted(string address)
        => NamesrvAddr.Create(address).Should().Equal(address);

    [Fact]
    public void A_single_string_may_hold_several_addresses()
    {
        var addr = NamesrvAddr.Create("10.0.0.1:9876; 10.0.0.2:9876;");
        addr.Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");
        addr.ToString().Should().Be("10.0.0.1:9876;10.0.0.2:9876");
        NamesrvAddr.Create("10.0.0.1:9876", "10.0.0.2:9876").Should().HaveCount(2);
    }

    [Theory]
    [InlineData("127.0.0.1", ClientErrors.ErrIllegalIP)]
    [InlineData("127.0.0.1:", ClientErrors.ErrIllegalIP)]
    [InlineData("127.0.0.1:99999", ClientErrors.ErrIllegalIP)]
    [InlineData("127.0.0:9876", ClientErrors.ErrIllegalIP)]
    [InlineData("bad host:9876", ClientErrors.ErrIllegalIP)]
    [InlineData(";", ClientErrors.ErrNoNameserver)]
    public void Bad_input_gets_a_clear_error(string address, int code)
    {
        var act = () => NamesrvAddr.Create(address);
        act.Should().Throw<MQClientException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void No_address_and_several_in_one_entry_are_refused()
    {
        FluentActions.Invoking(() => NamesrvAddr.Create()).Should().Throw<MQClientException>().Which.Code.Should().Be(ClientErrors.ErrNoNameserver);
        FluentActions.Invoking(() => NamesrvAddr.Create("1.1.1.1:1;2.2.2.2:2", "3.3.3.3:3")).Should().Throw<MQClientException>()
            .Which.Code.Should().Be(ClientErrors.ErrMultiIP);
    }

    [Fact]
    public void Diff_compares_as_sets()
    {
        NamesrvAddr.Diff(["a", "b"], ["b", "a"]).Should().BeFalse();
        NamesrvAddr.Diff(["a", "b"], ["a", "c"]).Should().BeTrue();
        NamesrvAddr.Diff(["a"], ["a", "b"]).Should().BeTrue();
    }

    [Fact]
    public void Client_errors_carry_go_messages()
    {
        var e = ClientErrors.Create(ClientErrors.ErrEmptyTopic, "for producer p");
        e.Code.Should().Be(ClientErrors.ErrEmptyTopic);
        e.Description.Should().Be("empty topic: for producer p");
        ClientErrors.Is(e, ClientErrors.ErrEmptyTopic).Should().BeTrue();
        ClientErrors.Is(new InvalidOperationException(), ClientErrors.ErrEmptyTopic).Should().BeFalse();
    }
}
