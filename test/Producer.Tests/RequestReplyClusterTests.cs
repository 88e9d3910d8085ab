using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Request-reply end to end on the embedded broker: a push consumer answers with <c>MessageUtil.CreateReplyMessage</c>
/// through its own producer (another client), the broker pushes the reply to the requester (326).
/// </summary>
public sealed class RequestReplyClusterTests : ClusterTestBase
{
    /// <summary>What a timed-out request may take beyond its ttl: the async form is failed by the 1 s sweep.</summary>
    private static readonly TimeSpan TimeoutSlack = TimeSpan.FromSeconds(2);

    private static int _topicSeed;

    private static string NewTopic() => $"RequestTopic_{Environment.ProcessId}_{Interlocked.Increment(ref _topicSeed)}";

    /// <summary>Answers every request of <paramref name="topic"/> with "re:" + its body.</summary>
    private async Task StartReplier(string topic)
    {
        var replyProducer = await StartProducer();
        var group = NewGroup("replier");
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithInstance(group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset));
        Own(consumer);
        consumer.Subscribe(topic, MessageSelector.All, async (ctx, msgs) =>
        {
            foreach (var msg in msgs)
            {
                await replyProducer.SendSync(ctx, MessageUtil.CreateReplyMessage(msg, System.Text.Encoding.UTF8.GetBytes("re:" + Text(msg))));
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
    }

    [Fact]
    public async Task Request_returns_exactly_the_reply_of_a_consumer()
    {
        var topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await StartReplier(topic);
        var requester = await StartProducer();

        for (var i = 0; i < 3; i++)
        {
            var request = Msg(topic, "question " + i);
            var reply = await requester.Request(CallContext.Background, TimeSpan.FromSeconds(10), request).WaitAsync(Wait);

            Text(reply).Should().Be("re:question " + i);
            reply.Topic.Should().Be("DefaultCluster_REPLY_TOPIC");
            reply.GetProperty(PropertyKeys.CorrelationId).Should().Be(request.GetProperty(PropertyKeys.CorrelationId));
        }
    }

    [Fact]
    public async Task RequestAsync_hands_exactly_the_reply_to_the_callback()
    {
        var topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        await StartReplier(topic);
        var requester = await StartProducer();
        var done = new TaskCompletionSource<(Message? Reply, Exception? Error)>(TaskCreationOptions.RunContinuationsAsynchronously);

        await requester.RequestAsync(CallContext.Background, TimeSpan.FromSeconds(10), (_, reply, error) => done.TrySetResult((reply, error)), Msg(topic, "callback question"));

        var (replyMsg, replyError) = await done.Task.WaitAsync(Wait);
        replyError.Should().BeNull();
        Text(replyMsg!).Should().Be("re:callback question");
    }

    [Fact]
    public async Task A_request_nobody_answers_times_out_with_ErrRequestTimeout_within_its_ttl()
    {
        var topic = NewTopic();
        await Cluster.CreateTopicAsync(topic);
        var requester = await StartProducer();
        var ttl = TimeSpan.FromSeconds(1);

        var clock = Stopwatch.StartNew();
        var error = (await FluentActions.Awaiting(() => requester.Request(CallContext.Background, ttl, Msg(topic, "anyone?")))
            .Should().ThrowAsync<MQClientException>()).Which;
        clock.Elapsed.Should().BeLessThan(ttl + TimeoutSlack);
        error.Code.Should().Be(ClientErrors.ErrRequestTimeout);
        error.Message.Should().Contain("wait reply message timeout");

        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        clock.Restart();
        await requester.RequestAsync(CallContext.Background, ttl, (_, _, e) => done.TrySetResult(e), Msg(topic, "anyone there?"));
        var asyncError = await done.Task.WaitAsync(Wait);
        clock.Elapsed.Should().BeLessThan(ttl + TimeoutSlack);
        asyncError.Should().BeOfType<MQClientException>().Which.Code.Should().Be(ClientErrors.ErrRequestTimeout);
    }

    [Fact]
    public async Task A_reply_to_a_requester_that_is_not_connected_fails_at_the_replier_with_the_broker_remark()
    {
        var replyProducer = await StartProducer();
        var request = new MessageExt { Topic = "AnyTopic", Body = [1] };
        request.WithProperty(PropertyKeys.Cluster, "DefaultCluster");
        request.WithProperty(PropertyKeys.CorrelationId, "c-1");
        request.WithProperty(PropertyKeys.MessageReplyToClient, "127.0.0.9@gone");
        request.WithProperty(PropertyKeys.MessageTtl, "3000");

        var error = (await FluentActions.Awaiting(() => replyProducer.SendSync(CallContext.Background, MessageUtil.CreateReplyMessage(request, [2])))
            .Should().ThrowAsync<MQBrokerException>()).Which;
        error.Remark.Should().Contain("<127.0.0.9@gone>").And.Contain("not connected");
    }
}
