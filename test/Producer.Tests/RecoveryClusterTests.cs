using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A producer follows a broker's death and return without waiting for the 30 s route poll (issue 11): a send that
/// fails to connect refreshes the topic's route at once, and the broker is watched until it answers again.
/// </summary>
[Collection(TimingCollection.Name)]
public class RecoveryClusterTests : ClusterTestBase
{
    // Far inside the 30 s route poll, which these tests keep at its default; the slack covers a loaded 2-core machine.
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(4);

    // A broker that answers again is back within its 1 s probe and one route refresh; under full-suite load that took
    // just over 4 s once, still far inside the 30 s poll.
    private static readonly TimeSpan Return = TimeSpan.FromSeconds(6);

    // The failed connect isolates broker-a for 10 s; the return is proven only while that isolation would still hold.
    private static readonly TimeSpan Isolation = TimeSpan.FromSeconds(10);

    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 2 };

    [Fact]
    public async Task A_dead_broker_leaves_the_route_at_once_and_comes_back_into_rotation_as_soon_as_it_answers()
    {
        await Cluster.CreateTopicAsync("RecoverTopic");
        var producer = await StartProducer();
        var warmup = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => producer.SendSync(Msg("RecoverTopic", "w" + i))));
        warmup.Select(r => r.MessageQueue!.BrokerName).Distinct().Should().BeEquivalentTo(["broker-a", "broker-b"]);

        await Cluster.StopBrokerAsync(0);
        var clock = Stopwatch.StartNew();
        var sinceFault = Stopwatch.StartNew();
        // Round robin over both brokers' queues: one of these picks broker-a and fails to connect.
        for (var i = 0; i < 8; i++)
        {
            (await producer.SendSync(Msg("RecoverTopic", "down" + i))).MessageQueue!.BrokerName.Should().Be("broker-b");
        }

        await Until(() => BrokersInRoute(producer).SequenceEqual(["broker-b"]), Recovery, "the failed connect refreshed the route (the poll comes every 30 s)");
        clock.Elapsed.Should().BeLessThan(Recovery);

        await Cluster.RestartBrokerAsync(0);
        clock.Restart();
        await Until(() => BrokersInRoute(producer).Contains("broker-a"), Return, "the broker answered a heartbeat and the routes were refreshed");
        var after = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            after.Add((await producer.SendSync(Msg("RecoverTopic", "back" + i))).MessageQueue!.BrokerName);
        }

        sinceFault.Elapsed.Should().BeLessThan(Isolation, "otherwise the isolation ran out by itself and the sends below prove nothing");
        after.Should().Contain("broker-a", "the broker is back in rotation: its fault isolation (10 s) ended when it came back into the route");
        clock.Elapsed.Should().BeLessThan(Return + TimeSpan.FromSeconds(2));
    }

    private static List<string> BrokersInRoute(DefaultProducer producer)
        => producer.PublishInfoOf("RecoverTopic")?.MqList.Select(q => q.BrokerName).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];

    private static async Task Until(Func<bool> done, TimeSpan bound, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            clock.Elapsed.Should().BeLessThan(bound, because);
            await Task.Delay(20);
        }
    }
}
