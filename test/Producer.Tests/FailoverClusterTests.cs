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

        // Warm the process first (JIT, connections): a cold first send alone can take longer than the timeout here.
        var warm = await StartProducer();
        await warm.SendSync(Msg("StallTopic", "warm"));
        var producer = await StartProducer(ProducerOptions.WithSendMsgTimeout(TimeSpan.FromMilliseconds(600)), ProducerOptions.WithSendLatencyFaultEnable(false));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => producer.SendSync(Msg("StallTopic", "warm" + i))));
        Cluster.StallBroker(0);
        Cluster.StallBroker(1);
        try
        {
            // The first timeout of a process runs cold code (exception machinery); measure the later ones.
            await FluentActions.Awaiting(() => producer.SendSync(Msg("StallTopic", "cold"))).Should().ThrowAsync<SendTimeoutException>();
            var elapsed = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var error = await FluentActions.Awaiting(() => producer.SendSync(Msg("StallTopic", "stuck"))).Should().ThrowAsync<SendTimeoutException>();
                elapsed.Add(clock.Elapsed);
                error.Which.Timeout.Should().Be(TimeSpan.FromMilliseconds(600));
            }

            // +100 ms (the bound) for the best of three: single runs on a loaded 2-core machine see timer
            // and scheduling delays of their own, which the other two absorb.
            elapsed.Should().OnlyContain(e => e >= TimeSpan.FromMilliseconds(590));
            elapsed.Min().Should().BeLessThan(TimeSpan.FromMilliseconds(700), string.Join(", ", elapsed.Select(e => (int)e.TotalMilliseconds)));
        }
        finally
        {
            Cluster.ResumeBroker(0);
            Cluster.ResumeBroker(1);
        }
    }

    [Fact]
    public async Task Shutdown_against_stalled_brokers_keeps_its_shutdown_timeout_and_a_token_cuts_it_shorter()
    {
        await Cluster.CreateTopicAsync("StallShutdown");
        var bounded = await StartProducer(ProducerOptions.WithShutdownTimeout(TimeSpan.FromSeconds(1)));
        var cancelled = await StartProducer();
        await bounded.SendSync(Msg("StallShutdown", "a"));
        await cancelled.SendSync(Msg("StallShutdown", "b"));
        Cluster.StallBroker(0);
        Cluster.StallBroker(1);
        try
        {
            // Unregistering waits for the answers of brokers that never answer.
            var clock = Stopwatch.StartNew();
            await bounded.Shutdown().WaitAsync(TimeSpan.FromSeconds(30));
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(2), "the shutdown timeout bounds the wait for the brokers");

            using var token = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            clock.Restart();
            await cancelled.Shutdown(token.Token).WaitAsync(TimeSpan.FromSeconds(30));
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(2), "the token cuts the 10 s default short");
            cancelled.IsRunning.Should().BeFalse();
        }
        finally
        {
            Cluster.ResumeBroker(0);
            Cluster.ResumeBroker(1);
        }
    }
}
