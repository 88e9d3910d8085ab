using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The transport against peers that stall, refuse, or fill their accept queue: deadlines hold, no task is left unobserved.</summary>
public sealed class HostilePeerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_shared_connect_that_fails_after_every_waiter_timed_out_leaves_no_unobserved_exception(bool dedicatedReaders)
    {
        using var queue = new FullAcceptQueue();
        using var unobserved = new UnobservedTaskExceptions(queue.Address);
        var logs = new RecordingLoggerFactory();
        await using var client = new RemotingClient(new RemotingClientOptions
        {
            LoggerFactory = logs,
            ConnectionTimeout = TimeSpan.FromSeconds(3),
            DedicatedReaders = dedicatedReaders,
        });

        var requests = Enumerable.Range(0, 3)
            .Select(_ => client.InvokeSync(queue.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromMilliseconds(300)))
            .ToArray();
        foreach (var request in requests)
        {
            var act = () => request.WaitAsync(Bound);
            // Its own 300 ms timeout, not the 3 s connect's failure: each waiter keeps its deadline.
            (await act.Should().ThrowAsync<RemotingTimeoutException>()).Which.Message.Should().Contain(queue.Address).And.Contain("300 ms");
        }

        // The shared connect goes on after its waiters left, and fails at its own 3 s timeout with nobody waiting.
        await logs.WaitFor(e => e.Message.StartsWith($"connect to {queue.Address} failed", StringComparison.Ordinal)).WaitAsync(Bound);

        unobserved.Collect().Should().BeEmpty();
    }
}
