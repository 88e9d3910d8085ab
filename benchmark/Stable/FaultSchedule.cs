using System.Diagnostics;
using RocketMQ.Go.Port.Benchmark.Faults;
using RocketMQ.Go.Port.Broker;

namespace RocketMQ.Go.Port.Benchmark.Stable;

/// <summary>
/// The faults of <c>benchmark stable --faults</c>, in a repeating cycle: broker-a stopped and restarted from its
/// store, a name server stopped and restarted, the group's child-process member killed with SIGKILL and replaced,
/// broker-b restarted from its store. Runs shorter than two minutes use 3 s outages, longer ones 10 s. Whatever a
/// step stopped is started again before the schedule ends.
/// </summary>
internal sealed class FaultSchedule(EmbeddedCluster cluster, string nameServer, string group, string topic, Tally tally, TextWriter output, TimeSpan duration)
    : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _outage = duration < TimeSpan.FromMinutes(2) ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
    private ChildProcess? _member;

    public async Task RunAsync(CancellationToken stop)
    {
        StartMember();
        var pause = _outage / 2;
        while (!Over(stop))
        {
            await Step("broker-a stopped", async () =>
            {
                await cluster.StopBrokerAsync(0).ConfigureAwait(false);
                await Wait(_outage, stop).ConfigureAwait(false);
            }, () => cluster.RestartBrokerAsync(0), "broker-a restarted from its store", pause, stop).ConfigureAwait(false);
            await Step("name server 0 stopped", async () =>
            {
                await cluster.StopNameServerAsync(0).ConfigureAwait(false);
                await Wait(_outage, stop).ConfigureAwait(false);
            }, () => cluster.RestartNameServerAsync(0), "name server 0 restarted", pause, stop).ConfigureAwait(false);
            await Step("child member killed with SIGKILL", async () =>
            {
                _member?.Kill();
                await Wait(pause, stop).ConfigureAwait(false);
            }, () =>
            {
                StartMember();
                return Task.CompletedTask;
            }, "a new child member started", pause, stop).ConfigureAwait(false);
            await Step("broker-b stopped", () => cluster.StopBrokerAsync(1), () => cluster.RestartBrokerAsync(1), "broker-b restarted from its store at once", pause, stop).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_member is { } member)
        {
            await member.DisposeAsync().ConfigureAwait(false);
        }
    }

    private bool Over(CancellationToken stop) => stop.IsCancellationRequested || _clock.Elapsed + (2 * _outage) > duration;

    // A fault and its repair; the repair runs whatever happens, then the schedule pauses.
    private async Task Step(string fault, Func<Task> inject, Func<Task> repair, string repaired, TimeSpan pause, CancellationToken stop)
    {
        if (Over(stop))
        {
            return;
        }

        Say(fault);
        try
        {
            await inject().ConfigureAwait(false);
        }
        finally
        {
            await repair().ConfigureAwait(false);
            Say(repaired);
        }

        await Wait(pause, stop).ConfigureAwait(false);
    }

    private void StartMember()
    {
        var old = _member;
        _member = ChildModes.StartConsumer(nameServer, group, topic, line =>
        {
            if (line.StartsWith(ChildModes.ConsumedPrefix, StringComparison.Ordinal))
            {
                tally.Consume(line.Split(' ')[1]);
            }
        });
        _ = old?.DisposeAsync().AsTask();
    }

    private void Say(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds:F0} s: fault schedule: {what} (duplicates so far {tally.Duplicates})");

    private static async Task Wait(TimeSpan time, CancellationToken stop)
    {
        try
        {
            await Task.Delay(time, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the run ends; the repair still runs
        }
    }
}
