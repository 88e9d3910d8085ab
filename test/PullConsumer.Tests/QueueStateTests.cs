using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class QueueStateTests
{
    private static readonly MessageQueue Mq = new("T", "b", 0);

    private static ConsumeRequest Request(long offset)
        => new(Mq, new ProcessQueue(), [new MessageExt { QueueOffset = offset }]);

    [Fact]
    public async Task Pause_cancels_the_running_token_and_resume_wakes_the_loop_with_a_fresh_one()
    {
        var state = new PullConsumerQueueState();
        state.TryGetRunToken(out var before, out _).Should().BeTrue();

        state.Pause();

        before.IsCancellationRequested.Should().BeTrue("a pull in flight is abandoned");
        state.TryGetRunToken(out _, out var resumed).Should().BeFalse();
        resumed.IsCompleted.Should().BeFalse();
        state.Resume();
        await resumed.WaitAsync(TimeSpan.FromSeconds(5));
        state.TryGetRunToken(out var after, out _).Should().BeTrue();
        after.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public void Parked_requests_come_back_in_order_only_when_not_paused()
    {
        var state = new PullConsumerQueueState();
        state.TryPark(Request(0)).Should().BeFalse("not paused: deliver");
        state.Pause();
        state.TryPark(Request(1)).Should().BeTrue();
        state.TryPark(Request(2)).Should().BeTrue();
        state.TakeParked().Should().BeNull("still paused");

        state.Resume();
        var taken = state.TakeParked()!;
        taken.Select(r => r.MsgList[0].QueueOffset).Should().Equal(1L, 2L);

        state.Pause();
        state.TryPark(Request(3)).Should().BeTrue();
        state.ReturnParked(taken, 1);
        state.Resume();
        state.TakeParked()!.Select(r => r.MsgList[0].QueueOffset).Should().Equal(2L, 3L);
    }

    [Fact]
    public void Consumed_offset_only_rises_unless_set()
    {
        var state = new PullConsumerQueueState();
        state.Consumed.Should().Be(-1);
        state.RaiseConsumed(5);
        state.RaiseConsumed(3);
        state.Consumed.Should().Be(5);
        state.SetConsumed(2);
        state.Consumed.Should().Be(2);
    }
}
