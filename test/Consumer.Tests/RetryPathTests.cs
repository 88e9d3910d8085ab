using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class RetryPathTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task When_the_broker_refuses_the_send_back_the_message_goes_to_the_retry_topic_and_comes_back()
    {
        var topic = await NewTopic(2);
        var group = Unique("fb");
        var hook = new RefuseSendBack();
        var collector = new Collector();
        var consumer = NewConsumer(group, ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(hook)));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c", m => m.ReconsumeTimes == 0 ? ConsumeResult.ConsumeRetryLater : ConsumeResult.ConsumeSuccess));
        await consumer.Start();
        var sent = await Send(topic, 3, "fb");
        await collector.WaitFor(6);
        hook.Refused.Should().BeGreaterThanOrEqualTo(3, "every CONSUMER_SEND_MSG_BACK was refused");
        var retried = collector.Received.Where(r => r.ReconsumeTimes == 1).ToList();
        retried.Select(r => Text(r.Msg)).Should().BeEquivalentTo(sent, "the copies sent to %RETRY% come back (Go #1106 loses them)");
        retried.Should().OnlyContain(r => r.Msg.Topic == topic && r.Msg.GetProperty(PropertyKeys.OriginMessageId).Length > 0);
    }

    [Fact]
    public async Task A_message_whose_handler_runs_past_the_consume_timeout_is_sent_back_and_redelivered()
    {
        var topic = await NewTopic(1);
        var release = new TaskCompletionSource();
        var deliveries = new ConcurrentQueue<int>();
        var consumer = NewConsumer(Unique("eg"), ConsumerOptions.WithConsumeTimeout(TimeSpan.FromSeconds(1)));
        consumer.Subscribe(topic, MessageSelector.All, async (ctx, msgs) =>
        {
            deliveries.Enqueue(msgs[0].ReconsumeTimes);
            if (msgs[0].ReconsumeTimes == 0)
            {
                await release.Task;
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 1, "stuck");
        await Eventually(() => deliveries.Count >= 2, because: "the expired message comes back while its first handler still runs");
        deliveries.Should().Equal(0, 1);
        release.SetResult();
        await Eventually(() => consumer.GetOffsetDiffMap().GetValueOrDefault(topic, -1) == 0, because: "the offset moves past the expired message");
    }

    [Fact]
    public async Task Suspend_stops_deliveries_and_resume_brings_them_back()
    {
        var topic = await NewTopic(2);
        var collector = new Collector();
        var consumer = NewConsumer(Unique("pg"));
        consumer.Subscribe(topic, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();
        await Send(topic, 5, "a");
        await collector.WaitFor(5);
        consumer.Suspend();
        var before = collector.Count;
        await Send(topic, 5, "b");

        // Twice over, every queue's pull loop comes round and finds the consumer suspended (the first round may be
        // the long poll the new messages answered, which a suspended consumer leaves unread).
        for (var round = 0; round < 2; round++)
        {
            var since = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Eventually(
                () => consumer.ProcessQueueTable.Where(kv => kv.Key.Topic == topic).All(kv => kv.Value.CurrentInfo().LastPullTimestamp > since),
                because: "the pull loops look again every second while suspended");
        }

        collector.Count.Should().Be(before, "nothing is pulled while suspended");
        consumer.Resume();
        await collector.WaitFor(10);
        consumer.GetOffsetDiffMap()[topic].Should().Be(0);
    }

    [Fact]
    public async Task Interceptors_wrap_the_handler_and_see_the_consume_context()
    {
        var topic = await NewTopic(1);
        var seen = new ConcurrentQueue<string>();
        Interceptor Recorder(string name) => async (ctx, req, reply, next) =>
        {
            seen.Enqueue(name + ":before:" + ctx.ConsumerCtx!.ConsumerGroup.Length);
            await next(ctx, req, reply);
            seen.Enqueue(name + ":after:" + ((ConsumeResultHolder)reply!).ConsumeResult + ":" + ctx.ConsumerCtx!.Success);
        };

        var consumer = NewConsumer(Unique("ig"), ConsumerOptions.WithInterceptor(Recorder("outer"), Recorder("inner")));
        consumer.Subscribe(topic, MessageSelector.All, (_, _) => { seen.Enqueue("handler"); return ConsumeResult.ConsumeSuccess; });
        await consumer.Start();
        await Send(topic, 1);
        await Eventually(() => seen.Count >= 5);
        seen.Select(s => s.Split(':')[0] + (s.Contains("before") ? "<" : s.Contains("after") ? ">" : string.Empty))
            .Should().Equal("outer<", "inner<", "handler", "inner>", "outer>");
        seen.Last().Should().EndWith("ConsumeSuccess:True");
    }

    [Fact]
    public async Task A_handler_that_acknowledges_a_prefix_gets_the_rest_again_and_its_contexts_describe_the_call()
    {
        // Filled before Start and read from the first offset: each queue's first pull brings all its messages, and
        // its handler call gets them together (four messages over the topic's queues on two brokers: one call has
        // several).
        var topic = await NewTopic(1);
        var group = Unique("ak");
        var sent = await Send(topic, 4, "ack");
        var calls = new ConcurrentQueue<(List<string> Bodies, int ReconsumeTimes, bool ContextsMatch)>();
        var consumer = NewConsumer(group, ConsumerOptions.WithConsumeMessageBatchMaxSize(4));
        consumer.Subscribe(topic, MessageSelector.All, (ctx, msgs) =>
        {
            var msgCtx = ctx.ConsumerCtx!;
            var concurrently = ctx.ConcurrentlyCtx!;
            // Redeliveries come from the group's retry topic.
            var matches = ReferenceEquals(msgCtx.Msgs, msgs) && ReferenceEquals(ctx.ConsumerCtx, msgCtx) && msgCtx.ConsumerGroup == group
                && msgCtx.MQ == concurrently.MQ && concurrently.MQ!.Topic == (msgs[0].ReconsumeTimes == 0 ? topic : consumer.RetryTopic)
                && ctx.Method == CommunicationMode.ConsumerPush;
            calls.Enqueue(([.. msgs.Select(Text)], msgs[0].ReconsumeTimes, matches));
            if (msgs[0].ReconsumeTimes == 0)
            {
                concurrently.AckIndex = 0; // only the first is consumed; the others go back to the broker
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        List<string> NotAcknowledged() => [.. calls.Where(c => c.ReconsumeTimes == 0).SelectMany(c => c.Bodies.Skip(1))];
        await Eventually(
            () => calls.Where(c => c.ReconsumeTimes == 0).Sum(c => c.Bodies.Count) == sent.Count
                  && calls.Where(c => c.ReconsumeTimes == 1).Sum(c => c.Bodies.Count) == NotAcknowledged().Count,
            because: "every message once, then those after AckIndex again");
        await Eventually(() => consumer.GetOffsetDiffMap().GetValueOrDefault(topic, -1) == 0, because: "the offset moves past all of them");

        calls.Should().OnlyContain(c => c.ContextsMatch, "ConsumerCtx and ConcurrentlyCtx describe the call the handler got");
        calls.Where(c => c.ReconsumeTimes == 0).SelectMany(c => c.Bodies).Should().BeEquivalentTo(sent);
        NotAcknowledged().Should().NotBeEmpty("one call had several messages");
        calls.Where(c => c.ReconsumeTimes != 0).SelectMany(c => c.Bodies).Should().BeEquivalentTo(NotAcknowledged(), "only the messages after AckIndex come back, once");
    }

    private sealed class RefuseSendBack : IRpcHook
    {
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public void DoBeforeRequest(string addr, RemotingCommand request)
        {
            if (request.Code == RequestCode.CONSUMER_SEND_MSG_BACK)
            {
                Interlocked.Increment(ref _refused);
                request.Code = 9999; // the broker answers REQUEST_CODE_NOT_SUPPORTED
            }
        }

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }
    }
}
