namespace RocketMQ.Go.Port.Tests;

public class MessageClientIdTests
{
    private const string CapturedId = "FD00000000000000000000000000000260AC5FFD2B2768C9CE360000";

    [Fact]
    public void Captured_java_id_yields_address_pid_and_time()
    {
        MessageClientId.GetIpStrFromId(CapturedId).Should().Be("fd00::2");
        MessageClientId.GetIpFromId(CapturedId).Should().HaveCount(16);
        MessageClientId.GetPidFromId(CapturedId).Should().Be(0x60AC);

        // The producer stamped bornTimestamp 1795249255992 (UTC machine) 2 ms after creating the id.
        var born = DateTimeOffset.FromUnixTimeMilliseconds(1795249255992);
        var nearly = MessageClientId.GetNearlyTimeFromId(CapturedId, born.AddSeconds(30), TimeZoneInfo.Utc);
        (born - nearly).Should().BeCloseTo(TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void An_id_time_in_the_future_of_this_month_belongs_to_the_previous_month()
    {
        // Asked on the 2nd of December, an offset of 20 days must mean November.
        var now = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        var nearly = MessageClientId.GetNearlyTimeFromId(CapturedId, now, TimeZoneInfo.Utc);
        nearly.Month.Should().Be(11);
        nearly.Day.Should().Be(21);
    }

    [Fact]
    public void New_ids_use_java_layout_uppercase_and_a_running_counter()
    {
        var first = MessageClientId.CreateUniqId();
        var second = MessageClientId.CreateUniqId();

        first.Length.Should().BeOneOf(32, 56);
        first.Should().MatchRegex("^[0-9A-F]+$");
        second[..^12].Should().Be(first[..^12], "address, pid and per-process value are fixed");
        MessageClientId.GetPidFromId(first).Should().Be(Environment.ProcessId & 0xFFFF);
        var counterFirst = Convert.ToInt32(first[^4..], 16);
        var counterSecond = Convert.ToInt32(second[^4..], 16);
        ((counterSecond - counterFirst) & 0xFFFF).Should().BeGreaterThanOrEqualTo(1, "the counter only moves forward");
        (MessageClientId.GetNearlyTimeFromId(second) - DateTimeOffset.Now).Duration().Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Ids_are_unique_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 5000; i++)
            {
                ids.Add(MessageClientId.CreateUniqId());
            }
        });
        ids.Distinct().Should().HaveCount(20_000);
    }

    [Fact]
    public void Set_uniq_id_keeps_an_existing_id()
    {
        var message = new Message("T", null);
        var id = MessageClientId.SetUniqId(message);
        message.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex).Should().Be(id);
        MessageClientId.SetUniqId(message).Should().Be(id);
        MessageClientId.GetUniqId(message).Should().Be(id);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("FD00000000000000000000000000000260AC5FFD2B2768C9CE36000")]
    public void Malformed_ids_are_refused(string id)
        => FluentActions.Invoking(() => MessageClientId.GetPidFromId(id)).Should().Throw<MQClientException>();
}
