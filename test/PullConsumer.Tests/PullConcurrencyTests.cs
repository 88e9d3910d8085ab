using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Pull(n) from several concurrent callers (Go's examples/consumer/pull: five pullers calling Pull(1) and
/// UpdateOffset) never hands a message out twice: not while the first rebalance is still running, not when it then
/// takes the queues, and not when a puller moves the offset after another already moved it further.
/// </summary>
public class PullConcurrencyTests : PullClusterTestBase
{
    [Fact]
    public async Task Five_pullers_started_right_after_Start_get_every_message_exactly_once_while_the_first_rebalance_is_held()
    {
        var topic = await NewTopic(4);
        for (var q = 0; q < 4; q++)
        {
            await SendTo(Queue(topic, q), 25, $"q{q}");
        }

        // The first GET_CONSUMER_LIST_BY_GROUP (the rebalance's first step) is held until the pullers got 40
        // messages, or for 3 s when Pull waits for the rebalance (as it must).
        using var hold = new HoldFirstRequest(RequestCode.GET_CONSUMER_LIST_BY_GROUP);
        var consumer = NewConsumer(Unique("cg"), ConsumerOptions.WithRemotingOptions(o => o.RpcHooks.Add(hold)));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();

        var delivered = new ConcurrentBag<(int Queue, long Offset)>();
        var forty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var distinct = new ConcurrentDictionary<(int, long), byte>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var pullers = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            var idleSince = DateTime.UtcNow;
            while (distinct.Count < 100 && DateTime.UtcNow - idleSince < TimeSpan.FromSeconds(5))
            {
                var result = await consumer.Pull(1, stop.Token);
                if (result.Status != PullStatus.PullFound)
                {
                    continue;
                }

                idleSince = DateTime.UtcNow;
                foreach (var msg in result.GetMessageExts())
                {
                    delivered.Add((msg.QueueId, msg.QueueOffset));
                    distinct.TryAdd((msg.QueueId, msg.QueueOffset), 0);
                    consumer.UpdateOffset(msg.Queue!, result.NextBeginOffset);
                }

                if (delivered.Count >= 40)
                {
                    forty.TrySetResult();
                }
            }
        })).ToArray();

        await Task.WhenAny(forty.Task, Task.Delay(TimeSpan.FromSeconds(3)));
        hold.Release();
        await Task.WhenAll(pullers);

        hold.Held.Should().BeTrue("the first rebalance really was held");
        distinct.Should().HaveCount(100, "every message is pulled");
        delivered.Should().HaveCount(100, "no message is handed out twice (before the fix: 101-116)");
        consumer.OwnedQueues.Where(q => q.Topic == topic).Should().HaveCount(4, "the retry topic's queue is owned too");
    }

    [Fact]
    public async Task UpdateOffset_never_moves_the_offset_back_under_other_pullers()
    {
        var topic = await NewTopic(1);
        var mq = Queue(topic, 0);
        await SendTo(mq, 6);
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, [mq]);
        await consumer.Start();

        var first = await consumer.Pull(topic, 2);
        var second = await consumer.Pull(topic, 2);
        second.GetMessageExts().Select(Text).Should().Equal("m-2", "m-3");

        // The first puller finishing late reports where it stopped; the queue must not go back to m-2.
        consumer.UpdateOffset(mq, first.NextBeginOffset);
        (await consumer.CurrentOffset(mq)).Should().Be(4);
        (await consumer.Pull(topic, 2)).GetMessageExts().Select(Text).Should().Equal("m-4", "m-5");

        // Going back is a seek.
        consumer.SeekOffset(mq, 1);
        (await consumer.Pull(topic, 1)).GetMessageExts().Select(Text).Should().Equal("m-1");
    }

    [Fact]
    public async Task A_queue_pulled_before_it_was_assigned_continues_where_Pull_left_it()
    {
        var topic = await NewTopic(2);
        await SendTo(Queue(topic, 0), 4, "a");
        await SendTo(Queue(topic, 1), 4, "b");
        var consumer = NewConsumer(Unique("cg"));
        consumer.Assign(topic, null);
        await consumer.Start();

        // Nothing assigned: Pull reads every readable queue in turn.
        var before = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            before.AddRange((await consumer.Pull(topic, 1)).GetMessageExts().Select(Text));
        }

        before.Should().BeEquivalentTo(["a-0", "a-1", "b-0", "b-1"]);

        // Taking the queues restarts them from the broker's offset (nothing persisted yet): Pull's position must win.
        consumer.Assign(topic, [Queue(topic, 0), Queue(topic, 1)]);
        await Eventually(() => Task.FromResult(consumer.OwnedQueues.Count == 2), "the assignment is applied");
        var after = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            after.AddRange((await consumer.Pull(topic, 1)).GetMessageExts().Select(Text));
        }

        after.Should().BeEquivalentTo(["a-2", "a-3", "b-2", "b-3"]);
        await consumer.PersistOffset(topic);
        var store = (RemoteBrokerOffsetStore)consumer.Storage;
        (await store.FetchConsumeOffsetFromBroker(Queue(topic, 0), CancellationToken.None)).Should().Be(4);
    }

    /// <summary>Blocks the first request with <paramref name="code"/> on the sending thread until released (10 s at most).</summary>
    private sealed class HoldFirstRequest(int code) : IRpcHook, IDisposable
    {
        private readonly ManualResetEventSlim _released = new();
        private int _seen;

        public bool Held { get; private set; }

        public void Release() => _released.Set();

        public void DoBeforeRequest(string addr, RemotingCommand request)
        {
            if (request.Code == code && Interlocked.Exchange(ref _seen, 1) == 0)
            {
                Held = true;
                _released.Wait(TimeSpan.FromSeconds(10));
            }
        }

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }

        public void Dispose() => _released.Dispose();
    }
}
