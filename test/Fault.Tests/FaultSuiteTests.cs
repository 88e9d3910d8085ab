using RocketMQ.Go.Port.Benchmark.Faults;
using RocketMQ.Go.Port.Benchmark.Stable;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The scenarios run one at a time: several measure recovery times, memory and process-wide counts.</summary>
[CollectionDefinition(nameof(FaultSuiteTests), DisableParallelization = true)]
public sealed class FaultSuiteCollection;

/// <summary>
/// The fault suite (issue 11) at test size: each scenario prints its tally line (sent, acknowledged, consumed
/// distinct, duplicates, lost, errors by type, time to recover) and fails with the promises it found broken.
/// <c>benchmark stable --scenario NAME</c> runs each at the full size.
/// </summary>
[Collection(nameof(FaultSuiteTests))]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    [Fact]
    public Task A_broker_outage_loses_nothing_and_fails_only_sends_in_flight_at_the_cut()
        => Run(ct => BrokerOutage.RunAsync(BrokerOutage.Short, ct));

    [Fact]
    public Task A_name_server_outage_reaches_no_producer_consumer_or_admin()
        => Run(ct => NameServerOutage.RunAsync(NameServerOutage.Short, ct));

    [Fact]
    public Task A_member_killed_with_sigkill_hands_its_queues_over_within_a_second_losing_nothing()
        => Run(ct => ConsumerKill.RunAsync(ConsumerKill.Short, ct));

    [Fact]
    public Task A_graceful_broker_restart_on_its_store_loses_nothing_and_consumption_resumes_within_2s()
        => Run(ct => BrokerRestart.RunAsync(BrokerRestart.Short, kill: false, ct));

    [Fact]
    public Task A_broker_killed_with_sigkill_and_restarted_on_its_store_loses_nothing_and_consumption_resumes_within_2s()
        => Run(ct => BrokerRestart.RunAsync(BrokerRestart.Short, kill: true, ct));

    [Fact]
    public Task A_slow_handler_under_a_large_backlog_keeps_memory_within_the_flow_control_thresholds()
        => Run(ct => SlowHandler.RunAsync(SlowHandler.Short, output.WriteLine, ct));

    /// <summary>
    /// Each call's promise is its deadline + 100 ms; a call later than that by no more than the scheduler lag a probe
    /// measured in the same window (Task.Delay overshoot: the machine, not the client) is excused, at most 1% of calls.
    /// </summary>
    [Fact]
    public Task A_hostile_server_gets_typed_errors_within_each_deadline_and_the_same_clients_work_once_it_turns_sane()
        => Run(ct => Hostile.RunAsync(Hostile.Short, log: output.WriteLine, cancellationToken: ct));

    [Fact]
    public Task Create_start_shutdown_cycles_leave_threads_descriptors_timers_and_heap_at_baseline()
        => Run(ct => Lifecycle.RunAsync(Lifecycle.Short, output.WriteLine, ct));

    [Fact]
    public Task Orderly_consumption_keeps_key_order_and_one_handler_per_queue_while_members_churn()
        => Run(ct => OrderlyChurn.RunAsync(OrderlyChurn.Short, cancellationToken: ct));

    [Fact]
    public Task A_killed_master_s_queues_are_read_from_its_slave_within_2s_and_its_return_is_followed_within_2s_losing_nothing()
        => Run(ct => SlaveRead.RunAsync(SlaveRead.Short, ct));

    [Fact]
    public async Task The_stable_run_with_faults_for_30_s_loses_nothing()
    {
        var buffer = new StringWriter();
        var exit = await StableRun.RunAsync(["--duration", "30s", "--faults", "--rate", "200"], TextWriter.Synchronized(buffer)).WaitAsync(Bound);
        output.WriteLine(buffer.ToString());
        exit.Should().Be(0, "the stable run exits 1 when anything acknowledged was lost");
    }

    private async Task Run(Func<CancellationToken, Task<Tally>> scenario)
    {
        using var bound = new CancellationTokenSource(Bound);
        var tally = await scenario(bound.Token).WaitAsync(Bound);
        output.WriteLine(tally.Line());
        tally.Violations.Should().BeEmpty(tally.Line());
    }
}
