using System.Diagnostics;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Creating, starting and shutting down producers leaves nothing behind.</summary>
[Collection(TimingCollection.Name)]
public class LifecycleClusterTests : ClusterTestBase
{
    [Fact]
    public async Task A_second_producer_of_the_default_group_is_told_to_set_a_group_or_an_instance_name()
    {
        // Producers of the default instance share one client per process; a per-test instance name keeps other tests out.
        await Cluster.CreateTopicAsync("DupTopic");
        var instance = "dup-" + Guid.NewGuid().ToString("N");
        await using var first = DefaultProducer.NewDefaultProducer(ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithInstanceName(instance));
        await first.Start();
        await using var second = DefaultProducer.NewDefaultProducer(ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithInstanceName(instance));

        var refused = (await FluentActions.Awaiting(second.Start).Should().ThrowAsync<MQClientException>()).Which;
        refused.Code.Should().Be(ClientErrors.ErrProducerCreated);
        refused.Message.Should().Match(
            $"CODE: {ClientErrors.ErrProducerCreated}  DESC: producer group has been created: another producer of this process already uses group DEFAULT_PRODUCER on client *@{instance}; give this producer its own group with WithGroupName, or its own client with WithInstanceName");
        (await first.SendSync(Msg("DupTopic", "still sending"))).Status.Should().Be(SendStatus.SendOK, "the refused producer took nothing from the first");
    }

    [Fact]
    public async Task A_thousand_create_start_shutdown_cycles_leave_no_task_timer_or_socket_behind()
    {
        await Cluster.CreateTopicAsync("CycleTopic");
        var clientsBefore = RMQClientFactory.Count;
        var timersBefore = Timer.ActiveCount;
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var channelsBefore = BrokerChannels();
        var clock = Stopwatch.StartNew();
        var refs = new List<WeakReference>();

        for (var i = 0; i < 1000; i++)
        {
            var producer = DefaultProducer.NewDefaultProducer(
                ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName("cycle_pg"),
                ProducerOptions.WithInstanceName("cycle"));
            await producer.Start();
            if (i % 10 == 0)
            {
                (await producer.SendSync(Msg("CycleTopic", "c" + i))).Status.Should().Be(SendStatus.SendOK);
            }

            await producer.Shutdown();
            if (i % 100 == 0)
            {
                refs.Add(new WeakReference(producer));
            }
        }

        var elapsed = clock.Elapsed;
        RMQClientFactory.Count.Should().Be(clientsBefore, "every shared client left the client map");
        var channels = await Eventually(() => Task.FromResult(BrokerChannels()), c => c <= channelsBefore, TimeSpan.FromSeconds(5));
        channels.Should().BeLessThanOrEqualTo(channelsBefore, "the broker sees no connection left open");
        var timers = await Eventually(() => Task.FromResult(Timer.ActiveCount), t => t <= timersBefore + 2, TimeSpan.FromSeconds(5));
        timers.Should().BeLessThanOrEqualTo(timersBefore + 2, "no timer outlives its producer");
        Process.GetCurrentProcess().Threads.Count.Should().BeLessThan(threadsBefore + 20);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        refs.Count(r => r.IsAlive).Should().Be(0, "nothing keeps a shut down producer alive (no loop or timer references it)");
        (await Stored("CycleTopic")).Should().HaveCount(100);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120));
    }

    private int BrokerChannels() => Cluster.Brokers.Sum(b => b.Channels.Count());
}
