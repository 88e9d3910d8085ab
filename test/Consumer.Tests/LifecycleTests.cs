using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Runs alone: it measures process-wide threads, memory and shared clients.</summary>
[CollectionDefinition(nameof(LifecycleTests), DisableParallelization = true)]
public sealed class SerialCollection;

[Collection(nameof(LifecycleTests))]
public class LifecycleTests(ITestOutputHelper output) : ConsumerClusterTestBase
{
    [Fact]
    public async Task A_thousand_start_shutdown_cycles_leave_nothing_behind()
    {
        var topic = await NewTopic(2);
        var group = Unique("lg");

        // Warm up once so lazily created statics (thread pool threads, timers) are in the baseline.
        await Cycle();
        await Settle();
        var clients = RMQClientFactory.Count;
        var channels = BrokerChannels();
        var threads = Process.GetCurrentProcess().Threads.Count;
        var memory = GC.GetTotalMemory(forceFullCollection: true);

        var clientIds = new List<string>(1000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            clientIds.Add(await Cycle());
        }

        var elapsed = clock.Elapsed;
        await Settle();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"1000 cycles in {elapsed.TotalSeconds:F1} s; clients {clients} -> {RMQClientFactory.Count}; broker channels {channels} -> {BrokerChannels()}; threads {threads} -> {Process.GetCurrentProcess().Threads.Count}; managed memory {memory / 1024} KiB -> {memoryAfter / 1024} KiB");

        RMQClientFactory.Count.Should().Be(clients, "every shared client is released");
        clientIds.Should().OnlyHaveUniqueItems("each cycle had its own client").And.OnlyContain(id => RMQClientFactory.Find(id) == null);
        await Eventually(() => BrokerChannels() <= channels, TimeSpan.FromSeconds(10), "every connection is closed");
        Cluster.Brokers.Should().OnlyContain(b => b.Consumers.GetGroup(group) == null || b.Consumers.GetGroup(group)!.ClientIds().Count == 0, "every consumer unregistered");
        Process.GetCurrentProcess().Threads.Count.Should().BeLessThan(threads + 20, "no thread is left running");
        (memoryAfter - memory).Should().BeLessThan(16 * 1024 * 1024, "no per-cycle garbage is kept alive");

        async Task<string> Cycle()
        {
            var consumer = PushConsumer.NewPushConsumer(
                ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(group), ConsumerOptions.WithLoggerFactory(TestLog.Factory));
            consumer.Subscribe(topic, MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
            await consumer.Start();
            var id = consumer.ClientID!;
            await consumer.Shutdown();
            return id;
        }
    }

    [Fact]
    public async Task Start_fails_cleanly_for_an_unknown_topic_and_a_default_group()
    {
        var bad = NewConsumer(Unique("ug"));
        bad.Subscribe("NoSuchTopic_" + Guid.NewGuid().ToString("N")[..8], MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        var start = () => bad.Start();
        (await start.Should().ThrowAsync<Primitive.MQClientException>()).Which.Code.Should().Be(Primitive.ClientErrors.ErrTopicNotExist);
        var subscribeAfter = () => bad.Subscribe("T", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        subscribeAfter.Should().Throw<Primitive.MQClientException>().Which.Code.Should().Be(Primitive.ClientErrors.ErrStartTopic);

        var defaultGroup = PushConsumer.NewPushConsumer(ConsumerOptions.WithNameServer(Cluster.NameServerAddress));
        await ((Func<Task>)defaultGroup.Start).Should().ThrowAsync<Primitive.MQClientException>().WithMessage("*DEFAULT_CONSUMER*");
        var restart = () => defaultGroup.Start();
        await restart.Should().ThrowAsync<Primitive.MQClientException>("a consumer starts once");
    }

    [Fact]
    public async Task A_second_consumer_of_a_group_in_the_same_client_fails_without_harming_the_first()
    {
        var topic = await NewTopic(2);
        var group = Unique("dup");
        var collector = new Collector();
        var offsets = Own(new TempDirectory()); // deleted after the consumers, which persist into it when they stop
        ConsumerOption[] shared = [ConsumerOptions.WithConsumerModel(MessageModel.BroadCasting), ConsumerOptions.WithInstance(group), ConsumerOptions.WithLocalOffsetStoreDir(offsets.Path)];
        var first = NewConsumer(group, shared);
        first.Subscribe(topic, MessageSelector.All, collector.Handler("first"));
        await first.Start();
        var second = NewConsumer(group, shared);
        second.Subscribe(topic, MessageSelector.All, collector.Handler("second"));
        var refused = (await ((Func<Task>)second.Start).Should().ThrowAsync<Primitive.MQClientException>()).Which;
        refused.Code.Should().Be(Primitive.ClientErrors.ErrCreated);
        refused.Message.Should().Match($"CODE: {Primitive.ClientErrors.ErrCreated}  DESC: consumer group has been created: another consumer of this process already uses group {group} on client *@{group}; give this consumer its own group with WithGroupName, or its own client with WithInstance");
        await Send(topic, 10);
        await collector.WaitFor(10);
        collector.Received.Should().OnlyContain(r => r.Consumer == "first", "the failed consumer released nothing of the running one");
    }

    [Fact]
    public async Task Invalid_options_are_rejected_by_the_option_and_the_default_group_at_start()
    {
        FluentActions.Invoking(() => ConsumerOptions.WithPullBatchSize(5000)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("WithPullBatchSize: pull batch size must be in [1, 1024] (0 for the default 32), got 5000*");
        var consumer = NewConsumer(ConsumerOptions.DefaultGroupName);
        await ((Func<Task>)consumer.Start).Should().ThrowAsync<Primitive.MQClientException>().WithMessage("*can't equal [DEFAULT_CONSUMER]*");
    }

    private int BrokerChannels() => Cluster.Brokers.Sum(b => b.Channels.Count());

    private static async Task Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(100);
        }
    }
}
