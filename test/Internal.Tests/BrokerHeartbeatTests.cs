using System.Diagnostics;
using System.Net;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Heartbeats to one broker on demand, and the probe that waits for a broker's return.</summary>
public sealed class BrokerHeartbeatTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

    [Fact]
    public async Task Concurrent_callers_share_one_heartbeat_to_a_broker()
    {
        await using var ns = new FakeNameServer();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var received = 0;
        await using var broker = new RemotingServer(new IPEndPoint(IPAddress.Loopback, 0));
        broker.RegisterProcessor(RequestCode.HEART_BEAT, async (request, _) =>
        {
            Interlocked.Increment(ref received);
            await release.Task;
            return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        });
        broker.Start();
        var client = NewClient(ns.Address);
        try
        {
            var calls = Enumerable.Range(0, 10).Select(_ => client.HeartbeatBroker(broker.Address)).ToList();
            await Until(() => Volatile.Read(ref received) == 1);
            release.SetResult();
            (await Task.WhenAll(calls).WaitAsync(Bound)).Should().OnlyContain(answered => answered);
            received.Should().Be(1, "one heartbeat in flight per broker, the others joined it");

            (await client.HeartbeatBroker(broker.Address).WaitAsync(Bound)).Should().BeTrue();
            received.Should().Be(2, "a call after the answer sends a new heartbeat");
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task A_failed_heartbeat_answers_false_without_throwing()
    {
        await using var ns = new FakeNameServer();
        var client = NewClient(ns.Address);
        try
        {
            (await client.HeartbeatBroker(FakeNameServer.DeadAddress()).WaitAsync(Bound)).Should().BeFalse();
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Waiting_for_a_broker_ends_when_it_answers_again()
    {
        await using var ns = new FakeNameServer();
        var client = NewClient(ns.Address);
        var dead = FakeNameServer.DeadAddress();
        try
        {
            var waits = Enumerable.Range(0, 5).Select(_ => client.WaitForBroker(dead, TimeSpan.FromSeconds(30))).ToList();
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromMilliseconds(300)); // the broker is down for a while: the waits go on
            waits.Should().OnlyContain(w => !w.IsCompleted);

            await using var broker = new FakeBroker(int.Parse(dead[(dead.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            var back = clock.Elapsed;
            (await Task.WhenAll(waits).WaitAsync(Bound)).Should().OnlyContain(answered => answered);
            var waited = clock.Elapsed - back;
            (await broker.NextHeartbeat()).ClientID.Should().Be(client.ClientID(), "the probe is a heartbeat: the broker knows the client again");

            // One probe every 500 ms: the 30 s the waits allow (and Go's 3 s pull retry) are far off.
            waited.Should().BeLessThan(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Waiting_for_a_broker_that_stays_down_ends_after_the_bound()
    {
        await using var ns = new FakeNameServer();
        var client = NewClient(ns.Address);
        try
        {
            var clock = Stopwatch.StartNew();
            (await client.WaitForBroker(FakeNameServer.DeadAddress(), TimeSpan.FromSeconds(1)).WaitAsync(Bound)).Should().BeFalse();
            clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(990));
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    private static IRMQClient NewClient(string nameServer)
    {
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(nameServer));
        client.RegisterConsumer("CG", new FakeConsumer("CG", "Events"));
        client.Start();
        return client;
    }

    private static async Task Until(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            clock.Elapsed.Should().BeLessThan(Bound);
            await Task.Delay(10);
        }
    }
}
