using System.Diagnostics;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public class SerialCollection
{
}

/// <summary>Runs alone, so other tests' sockets don't blur the descriptor count.</summary>
[Collection(nameof(SerialCollection))]
public class LeakTests
{
    [Fact]
    public async Task A_thousand_create_request_dispose_cycles_leave_no_connection_descriptor_or_pending_entry()
    {
        const int cycles = 1000;
        var closed = 0;
        var allClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.ChannelClosed += _ =>
        {
            if (Interlocked.Increment(ref closed) == cycles + 1)
            {
                allClosed.TrySetResult();
            }
        });

        await OneCycle(server); // warm-up: JIT, thread pool, pools
        var descriptorsBefore = OpenDescriptors();
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;

        for (var i = 0; i < cycles; i++)
        {
            await OneCycle(server);
        }

        await allClosed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        server.OpenChannelCount.Should().Be(0);
        server.Channels.Should().BeEmpty();
        var descriptorsAfter = OpenDescriptors();
        if (descriptorsBefore >= 0)
        {
            // A leaked socket per cycle would show as +1000; allow for a few runtime-internal handles.
            (descriptorsAfter - descriptorsBefore).Should().BeLessThan(20, $"descriptors went from {descriptorsBefore} to {descriptorsAfter}");
        }

        (Process.GetCurrentProcess().Threads.Count - threadsBefore).Should().BeLessThan(50, "no loop thread is left per cycle");
    }

    private static async Task OneCycle(RemotingServer server)
    {
        var client = new RemotingClient();
        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(TimeSpan.FromSeconds(10));
        response.Code.Should().Be(ResponseCode.SUCCESS);
        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        client.ConnectionCount.Should().Be(0);
        client.PendingRequestCount.Should().Be(0);
    }

    /// <summary>Open file descriptors of this process (Linux); -1 where /proc is unavailable.</summary>
    private static int OpenDescriptors()
        => Directory.Exists("/proc/self/fd") ? Directory.GetFiles("/proc/self/fd").Length : -1;
}
