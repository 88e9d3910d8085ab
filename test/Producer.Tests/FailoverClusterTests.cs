using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Broker failures: failover to the other broker, the send timeout against a stalled broker.</summary>
[Collection(TimingCollection.Name)]
public class FailoverClusterTests : ClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 2 };

    [Fact]
    public async Task With_broker_a_stopped_sends_go_to_broker_b_within_one_second()
    {
        await Cluster.CreateTopicAsync("FailTopic");
        var producer = await StartProducer();
        var warmup = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => producer.SendSync(Msg("FailTopic", "w" + i))));
        warmup.Select(r => r.MessageQueue!.BrokerName).Distinct().Should().BeEquivalentTo(["broker-a", "broker-b"]);

        await Cluster.StopBrokerAsync(0);
        var clock = Stopwatch.StartNew();
        var first = await producer.SendSync(Msg("FailTopic", "after-0"));
        var firstOnB = clock.Elapsed;
        first.MessageQueue!.BrokerName.Should().Be("broker-b");
        firstOnB.Should().BeLessThan(TimeSpan.FromSeconds(1));

        for (var i = 1; i < 20; i++)
        {
            (await producer.SendSync(Msg("FailTopic", "after-" + i))).MessageQueue!.BrokerName.Should().Be("broker-b");
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "no send waits on the dead broker once it is in backoff");
    }

    [Fact]
    public async Task Async_and_oneway_sends_fail_over_too()
    {
        await Cluster.CreateTopicAsync("FailAsync");
        var producer = await StartProducer();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => producer.SendSync(Msg("FailAsync", "w" + i))));
        await Cluster.StopBrokerAsync(0);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => producer.SendAsync(CallContext.Background, Msg("FailAsync", "a" + i))));
        results.Should().OnlyContain(r => r.MessageQueue!.BrokerName == "broker-b");
        for (var i = 0; i < 5; i++)
        {
            await producer.SendOneWay(Msg("FailAsync", "o" + i));
        }

        var stored = await Eventually(() => Stored("FailAsync"), s => s.Count(m => Text(m).StartsWith('o')) == 5);
        stored.Select(Text).Should().Contain(Enumerable.Range(0, 5).Select(i => "o" + i));
    }

    [Fact]
    public async Task The_send_timeout_is_honoured_against_a_stalled_broker()
    {
        await Cluster.CreateTopicAsync("StallTopic");
        var producer = await StartProducer(ProducerOptions.WithSendMsgTimeout(TimeSpan.FromMilliseconds(600)), ProducerOptions.WithSendLatencyFaultEnable(false));
        await producer.SendSync(Msg("StallTopic", "warm"));
        Cluster.StallBroker(0);
        Cluster.StallBroker(1);
        try
        {
            var clock = Stopwatch.StartNew();
            await FluentActions.Awaiting(() => producer.SendSync(Msg("StallTopic", "stuck"))).Should().ThrowAsync<SendTimeoutException>();
            clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(590)).And.BeLessThan(TimeSpan.FromMilliseconds(700));
        }
        finally
        {
            Cluster.ResumeBroker(0);
            Cluster.ResumeBroker(1);
        }
    }
}
