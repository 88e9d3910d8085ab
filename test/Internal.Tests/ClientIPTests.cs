using System.Net;
using RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The address in client ids: Go's IPv4 choice, Java's IPv6 fallback and form, and the clientIP option's parsing.</summary>
public class ClientIPTests
{
    [Theory]
    [InlineData("10.0.0.5 2001:db8::5", "10.0.0.5")]
    [InlineData("2001:db8::5 10.0.0.5", "10.0.0.5")]
    [InlineData("fe80::1 2001:db8::5", "[2001:db8::5]")]
    [InlineData("fe80::1", "[fe80::1]")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("127.0.0.1 ::1", "")]
    [InlineData("", "")]
    public void The_first_IPv4_else_an_IPv6_address_in_brackets_as_Java_writes_it(string interfaces, string expected)
    {
        var addresses = interfaces.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(IPAddress.Parse);
        NetUtils.ChooseClientIP(addresses).Should().Be(expected);
    }

    [Fact]
    public void A_link_local_scope_id_is_left_out()
    {
        var scoped = IPAddress.Parse("fe80::1%2");
        NetUtils.ChooseClientIP([scoped]).Should().Be("[fe80::1]");
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData(" 2001:db8::1 ", "[2001:db8::1]")]
    [InlineData("[2001:DB8::1]", "[2001:db8::1]")]
    [InlineData("::1", "[::1]")]
    public void The_client_ip_option_takes_IPv4_and_IPv6_addresses(string given, string normalized)
    {
        NetUtils.TryNormalizeClientIP(given, out var ip).Should().BeTrue();
        ip.Should().Be(normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host.example")]
    [InlineData("1.2")]
    [InlineData("[10.0.0.1")]
    public void Anything_else_is_refused(string given) => NetUtils.TryNormalizeClientIP(given, out _).Should().BeFalse();

    [Fact]
    public void An_IPv6_client_id_is_the_bracketed_address_and_the_pid()
    {
        var options = ClientOptions.Default();
        options.ClientIP = "[2001:db8::1]";
        options.ClientID().Should().Be($"[2001:db8::1]@{Environment.ProcessId}");
    }
}
