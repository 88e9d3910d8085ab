using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Concurrent consumption: a batch that can be neither consumed nor sent back is consumed again later without holding
/// a worker meanwhile (Go sleeps 5 s in the worker, so a few such batches stall every queue).
/// </summary>
public sealed class ConsumeLaterTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task A_batch_that_cannot_be_sent_back_waits_without_its_worker_and_comes_back_after_the_delay()
    {
        var topic = await NewTopic(2);
        var hook = new RefuseEveryRetryPath();
        var deliveries = new ConcurrentQueue<(string Body, int ReconsumeTimes)>();
        var poisonSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = NewConsumer(Unique("cl"), ConsumerOptions.WithConsumeGoroutineNums(1), ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(hook)));
        consumer.ReconsumeLaterDelay = TimeSpan.FromSeconds(10);
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                deliveries.Enqueue((Text(msg), msg.ReconsumeTimes));
            }

            if (msgs.Any(m => Text(m) == "poison-0"))
            {
                poisonSeen.TrySetResult();
                return ConsumeResult.ConsumeRetryLater;
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Send(topic, 1, "poison");
        await poisonSeen.Task.WaitAsync(Wait);

        var ok = await Send(topic, 5, "ok");
        await Eventually(() => deliveries.Count(d => d.Body.StartsWith("ok", StringComparison.Ordinal)) >= 5,
            because: "the only worker is free while the poison message waits for its second delivery");
        await Eventually(() => deliveries.Count(d => d.Body == "poison-0") >= 2, because: "the message that could not be sent back is consumed again");

        hook.Refused.Should().BeGreaterThanOrEqualTo(2, "both the send-back and the retry-topic send were refused");
        var order = deliveries.Select(d => d.Body).ToList();
        order.IndexOf("poison-0", order.IndexOf("poison-0") + 1).Should().BeGreaterThan(order.FindLastIndex(b => b.StartsWith("ok", StringComparison.Ordinal)),
            "the other messages were consumed while the poison message waited, not after it");
        deliveries.Where(d => d.Body == "poison-0").Select(d => d.ReconsumeTimes).Should().StartWith([0, 1]);
        order.Where(b => b.StartsWith("ok", StringComparison.Ordinal)).Should().BeEquivalentTo(ok);
    }

    [Fact]
    public async Task A_failed_batch_is_sent_back_side_by_side_not_one_message_after_another()
    {
        var topic = await NewTopic(1);
        await Send(topic, 4, "failing", shardingKey: _ => "one-queue");
        var hook = new RecordSendBacks();
        var stalled = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = NewConsumer(Unique("cl"), ConsumerOptions.WithConsumeMessageBatchMaxSize(4), ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(hook)));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            // The broker stops answering before the batch fails: each send-back waits out its 3 s timeout.
            var broker = Cluster.BrokerNames.ToList().IndexOf(msgs[0].Queue!.BrokerName);
            if (stalled.TrySetResult(broker))
            {
                Cluster.StallBroker(broker);
            }

            return ConsumeResult.ConsumeRetryLater;
        });
        await consumer.Start();
        try
        {
            await Eventually(() => hook.Codes.Count(c => c == RequestCode.CONSUMER_SEND_MSG_BACK) >= 4, because: "every failed message is sent back");

            var codes = hook.Codes.ToList();
            codes.Take(4).Should().AllSatisfy(c => c.Should().Be(RequestCode.CONSUMER_SEND_MSG_BACK),
                "the four send-backs of the batch are all on their way before any of them timed out and fell back to the retry topic");
        }
        finally
        {
            if (stalled.Task.IsCompleted)
            {
                Cluster.ResumeBroker(await stalled.Task);
            }
        }
    }

    // Records CONSUMER_SEND_MSG_BACK and the fallback sends to the retry topic, in the order they were sent.
    private sealed class RecordSendBacks : IRpcHook
    {
        public ConcurrentQueue<int> Codes { get; } = new();

        public void DoBeforeRequest(string addr, RemotingCommand request)
        {
            if (request.Code is RequestCode.CONSUMER_SEND_MSG_BACK or RequestCode.SEND_MESSAGE or RequestCode.SEND_MESSAGE_V2)
            {
                Codes.Enqueue(request.Code);
            }
        }

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }
    }

    // Refuses CONSUMER_SEND_MSG_BACK and the fallback send to the retry topic: the broker cannot take the message back.
    private sealed class RefuseEveryRetryPath : IRpcHook
    {
        private int _refused;

        public int Refused => Volatile.Read(ref _refused);

        public void DoBeforeRequest(string addr, RemotingCommand request)
        {
            if (request.Code is RequestCode.CONSUMER_SEND_MSG_BACK or RequestCode.SEND_MESSAGE or RequestCode.SEND_MESSAGE_V2)
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
