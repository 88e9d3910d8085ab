using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Start and Shutdown of a push consumer against the embedded cluster: what a user reads, and the bounds.</summary>
public sealed class StartClusterTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task Start_right_after_a_first_send_created_the_topic_succeeds()
    {
        // The broker registers an auto-created topic with the name server a moment after the send that created it;
        // Start asks again for a topic the name server does not know yet (it failed 2 of 9 times before).
        for (var i = 0; i < 5; i++)
        {
            var topic = Unique("auto");
            (await (await Producer()).SendSync(new Message(topic, "first"u8.ToArray()))).Status.Should().Be(SendStatus.SendOK);
            var consumer = NewConsumer(Unique("cg"));
            consumer.Subscribe(topic, MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);

            await consumer.Start();
        }
    }

    [Fact]
    public async Task Start_on_a_topic_no_name_server_knows_says_so_after_asking_again_for_a_while()
    {
        var group = Unique("cg");
        var consumer = NewConsumer(group);
        consumer.Subscribe("NoSuchTopic", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);

        var clock = Stopwatch.StartNew();
        var act = () => consumer.Start();

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrTopicNotExist);
        error.Description.Should().StartWith($"push consumer group {group} cannot start: topic NoSuchTopic does not exist: name server {Cluster.NameServerAddress} has no route for it");
        clock.Elapsed.Should().BeGreaterThan(DefaultConsumer.NewTopicGrace - TimeSpan.FromMilliseconds(500), "a topic created moments ago may still be on its way to the name server");
        clock.Elapsed.Should().BeLessThan(DefaultConsumer.NewTopicGrace + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Shutdown_with_a_stuck_handler_and_a_hung_broker_keeps_its_bound()
    {
        var topic = await NewTopic(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithShutdownTimeout(TimeSpan.FromSeconds(1)));
        consumer.Subscribe(topic, MessageSelector.All, async (_, _) =>
        {
            inHandler.TrySetResult();
            await release.Task; // ignores the cancellation Shutdown asks for
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 1);
        await inHandler.Task.WaitAsync(Wait);
        Cluster.StallBroker(0);
        Cluster.StallBroker(1);
        try
        {
            var clock = Stopwatch.StartNew();
            await consumer.Shutdown().WaitAsync(Wait);

            clock.Elapsed.Should().BeLessThan(consumer.Options.ShutdownTimeout + ConsumerOptions.ShutdownClosingTime + TimeSpan.FromSeconds(1));
        }
        finally
        {
            release.TrySetResult();
            Cluster.ResumeBroker(0);
            Cluster.ResumeBroker(1);
        }
    }

    [Fact]
    public async Task Shutdown_stops_waiting_when_its_token_fires()
    {
        var topic = await NewTopic(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithShutdownTimeout(TimeSpan.FromSeconds(30)));
        consumer.Subscribe(topic, MessageSelector.All, async (_, _) =>
        {
            inHandler.TrySetResult();
            await release.Task;
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 1);
        await inHandler.Task.WaitAsync(Wait);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            var clock = Stopwatch.StartNew();
            await consumer.Shutdown(cancel.Token).WaitAsync(Wait);

            clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(1), "the 30 s the handler could have had are cut short by the token");
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
