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

/// <summary>Runs alone (allocation is measured process-wide).</summary>
[Collection(nameof(SerialCollection))]
public sealed class AnnouncedFrameTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_frame_that_announces_64_MB_and_never_arrives_costs_no_64_MB_buffer(bool dedicatedReaders)
    {
        const int announced = 64 * 1024 * 1024;
        await using var server = new StallingServer(announceFrameLength: announced);
        await using var client = new RemotingClient(new RemotingClientOptions
        {
            MaxFrameLength = 2 * announced,
            DedicatedReaders = dedicatedReaders,
        });

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var act = () => client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromMilliseconds(500)).WaitAsync(TimeSpan.FromSeconds(10));
        await act.Should().ThrowAsync<RemotingTimeoutException>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        server.Connections.Should().Be(1, "the header of the frame was delivered and read");
        allocated.Should().BeLessThan(8 * 1024 * 1024, "the read buffer grows with the bytes that arrive, not with the length a header announces");
    }
}
