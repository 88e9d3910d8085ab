using System.Diagnostics;
using RocketMQ.Go.Port.Benchmark.Faults;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The hostile-server scenario excuses a call late by no more than the scheduler lag a probe measured meanwhile; a
/// call that ignores its deadline must still break the promise, however loaded the machine.
/// </summary>
public sealed class SchedulerLagTests
{
    [Fact]
    public async Task A_call_that_waits_four_times_its_deadline_is_not_excused_by_the_lag_measured_meanwhile()
    {
        await using var lag = new SchedulerLag();

        // A call with a 500 ms deadline that waits 2 s: the probe would have to be late for 1.4 s of those 2 s (the
        // process all but stopped) to excuse it; a Task.Delay is delayed by the same lag the probe sees.
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var ended = Stopwatch.GetTimestamp();
        await lag.CatchUp(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(10), CancellationToken.None);

        var measured = lag.Within(started, ended);
        Hostile.BrokeDeadline(Stopwatch.GetElapsedTime(started, ended), measured).Should().BeTrue($"the probe saw {measured.TotalMilliseconds:F0} ms of lag");
        lag.Count.Should().BeGreaterThan(0, "the probe sampled while the call ran");
    }
}
