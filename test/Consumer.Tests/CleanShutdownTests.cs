using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A push consumer that starts, consumes and shuts down without trouble logs nothing above Debug, and its Shutdown
/// waits for a rebalance running at that moment, then commits every queue it held.
/// </summary>
public sealed class CleanShutdownTests : ConsumerClusterTestBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_consume_and_shutdown_log_nothing_above_debug(bool orderly)
    {
        for (var round = 0; round < 3; round++)
        {
            var topic = await NewTopic(4);
            var logs = new RecordingLoggerFactory();
            var consumer = NewConsumer(Unique("quiet"), ConsumerOptions.WithConsumerOrder(orderly), ConsumerOptions.WithLoggerFactory(logs));
            var collector = new Collector();
            consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
            await consumer.Start();
            await Send(topic, 20);
            await collector.WaitFor(20);
            await consumer.Shutdown().WaitAsync(Wait);

            Loud(logs).Should().BeEmpty($"round {round} (orderly: {orderly}) went well");
        }
    }

    [Fact]
    public async Task Shutdown_waits_for_a_running_rebalance_and_commits_every_queue_it_held()
    {
        var (consumer, topic, group, hold, logs, expected) = await ConsumedEverything();
        hold.Arm();
        await hold.Entered.WaitAsync(Wait);

        var shutdown = consumer.Shutdown();
        (await Task.WhenAny(shutdown, Task.Delay(TimeSpan.FromSeconds(1)))).Should().NotBeSameAs(shutdown, "Shutdown waits for the running rebalance");
        hold.Release();
        await shutdown.WaitAsync(Wait);

        Committed(topic, group, expected).Should().Equal(expected, "every queue the consumer held is committed, though the held rebalance wanted half of them gone");
        Loud(logs).Should().BeEmpty("the shutdown went well");
    }

    [Fact]
    public async Task A_rebalance_that_never_ends_holds_shutdown_only_for_its_bound()
    {
        var (consumer, topic, group, hold, logs, expected) = await ConsumedEverything();
        try
        {
            hold.Arm();
            await hold.Entered.WaitAsync(Wait);

            // The bound is 5 s; the rest is slack for a loaded machine.
            await consumer.Shutdown().WaitAsync(TimeSpan.FromSeconds(20));

            Committed(topic, group, expected).Should().Equal(expected);
            Loud(logs).Should().Contain(e => e.Message == $"a rebalance is still running after 00:00:05; persisting the offsets of the queues held now: group={group}")
                .And.OnlyContain(e => e.Level == LogLevel.Warning && (e.Message.Contains("rebalance", StringComparison.Ordinal)
                    || e.Message.Contains("stopping the loops did not finish", StringComparison.Ordinal)), "the stuck rebalance is all that went wrong");
        }
        finally
        {
            hold.Release();
        }
    }

    [Fact]
    public async Task A_shutdown_token_cuts_the_wait_for_a_rebalance_that_never_ends_short()
    {
        var (consumer, _, _, hold, _, _) = await ConsumedEverything();
        try
        {
            hold.Arm();
            await hold.Entered.WaitAsync(Wait);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await consumer.Shutdown(cancel.Token).WaitAsync(Wait);

            // The rebalance alone would hold it 5 s; the rest is slack for a loaded machine.
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(2), "the token cuts every wait of the shutdown short");
        }
        finally
        {
            hold.Release();
        }
    }

    private static List<LogEntry> Loud(RecordingLoggerFactory logs) => [.. logs.Entries.Where(e => e.Level > LogLevel.Debug)];

    // A consumer of a 4-queue topic (8 queues on the 2 brokers) that rebalances every second through a strategy the
    // test can hold, and has consumed 40 messages; the expected committed offset of each queue.
    private async Task<(PushConsumer Consumer, string Topic, string Group, HeldStrategy Hold, RecordingLoggerFactory Logs, Dictionary<(string, int), long> Expected)> ConsumedEverything()
    {
        var topic = await NewTopic(4);
        var group = Unique("held");
        var hold = new HeldStrategy();
        var logs = new RecordingLoggerFactory();
        var consumer = NewConsumer(group,
            ConsumerOptions.WithStrategy(hold.Allocate),
            ConsumerOptions.WithLoggerFactory(logs),
            new(o => o.Client.Intervals = new ClientIntervals
            {
                PullNameServer = TimeSpan.FromSeconds(1),
                PersistOffset = TimeSpan.FromMinutes(10), // only Shutdown commits
                PersistOffsetDelay = TimeSpan.FromMinutes(10),
                Rebalance = TimeSpan.FromSeconds(1),
                RebalanceDelay = TimeSpan.FromSeconds(1),
            }));
        var collector = new Collector();
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();

        var producer = await Producer();
        var expected = new Dictionary<(string, int), long>();
        for (var i = 0; i < 40; i++)
        {
            var sent = await producer.SendSync(new Message(topic, System.Text.Encoding.UTF8.GetBytes("h-" + i)));
            var key = (sent.MessageQueue!.BrokerName, sent.MessageQueue.QueueId);
            expected[key] = Math.Max(expected.GetValueOrDefault(key), sent.QueueOffset + 1);
        }

        await collector.WaitFor(40);
        return (consumer, topic, group, hold, logs, expected);
    }

    // The offsets the brokers hold for the group, per (broker name, queue id) of the expected ones.
    private Dictionary<(string, int), long> Committed(string topic, string group, Dictionary<(string, int), long> expected)
        => expected.Keys.ToDictionary(
            k => k,
            k => Cluster.Brokers[Cluster.BrokerNames.ToList().IndexOf(k.Item1)].Offsets.QueryOffset(group, topic, k.Item2));

    /// <summary>Averagely, except that once armed it blocks until released and then returns half of its queues.</summary>
    private sealed class HeldStrategy
    {
        private readonly ManualResetEventSlim _release = new(false);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _armed;

        public Task Entered => _entered.Task;

        public void Arm() => _armed = true;

        public void Release() => _release.Set();

        public IReadOnlyList<MessageQueue> Allocate(string group, string cid, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll)
        {
            var mine = Strategies.AllocateByAveragely(group, cid, mqAll, cidAll);
            if (!_armed)
            {
                return mine;
            }

            _entered.TrySetResult();
            _release.Wait(TimeSpan.FromMinutes(1));
            return [.. mine.Take(mine.Count / 2)];
        }
    }
}
