using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The pull consumer's Shutdown against a broker that stopped answering: bounded by WithShutdownTimeout, cut short by
/// its token, and a step that ran out of time is logged with what it waited for.
/// </summary>
public sealed class ShutdownBoundTests : PullClusterTestBase
{
    // Timer-driven bounds; the slack covers thread-pool delays on a loaded 2-core machine. Without a bound the
    // offset persist alone waits for its request timeout.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Shutdown_against_a_stalled_broker_keeps_the_shutdown_timeout_and_says_what_it_waited_for()
    {
        var logs = new RecordingLoggerFactory();
        var consumer = await ConsumedOne(ConsumerOptions.WithShutdownTimeout(TimeSpan.FromSeconds(1)), ConsumerOptions.WithLoggerFactory(logs));
        Cluster.StallBroker(0);
        try
        {
            var clock = Stopwatch.StartNew();
            await consumer.Shutdown().WaitAsync(Wait);

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1) + Slack, "WithShutdownTimeout bounds the whole shutdown of a pull consumer");
            logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).Should()
                .Contain(m => m.StartsWith("persisting offsets at shutdown failed (the shutdown bound ran out)", StringComparison.Ordinal),
                    "the step that ran out of time says what it waited for");
        }
        finally
        {
            Cluster.ResumeBroker(0);
        }
    }

    [Fact]
    public async Task Shutdown_stops_waiting_when_its_token_fires()
    {
        var consumer = await ConsumedOne(ConsumerOptions.WithShutdownTimeout(TimeSpan.FromSeconds(30)));
        Cluster.StallBroker(0);
        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();
            await consumer.Shutdown(cancel.Token).WaitAsync(Wait);

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(300) + Slack, "the token cuts the 30 s bound short");
            var poll = () => consumer.Poll(TimeSpan.FromMilliseconds(10));
            await poll.Should().ThrowAsync<Primitive.MQClientException>("the consumer is shut down all the same");
        }
        finally
        {
            Cluster.ResumeBroker(0);
        }
    }

    // A started consumer that polled and acknowledged one message, so its shutdown has an offset to persist.
    private async Task<PullConsumer> ConsumedOne(params ConsumerOption[] opts)
    {
        var topic = await NewTopic(1);
        await SendTo(Queue(topic, 0), 1);
        var consumer = NewConsumer(Unique("cg"), opts);
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        await PollAndAck(consumer, 1);
        return consumer;
    }
}
