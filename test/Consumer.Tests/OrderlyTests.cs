using System.Collections.Concurrent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using Xunit.Abstractions;

namespace RocketMQ.Go.Port.Tests;

public class OrderlyTests(ITestOutputHelper output) : ConsumerClusterTestBase
{
    [Fact]
    public async Task Orderly_keeps_per_queue_order_across_rebalances_and_never_runs_one_queue_in_two_consumers()
    {
        var topic = await NewTopic(4);
        var group = Unique("og");
        var arrivals = new ConcurrentQueue<(string Key, int Seq, string Consumer)>();
        var active = new ConcurrentDictionary<MessageQueue, int>();
        var overlaps = 0;
        Func<CallContext, IReadOnlyList<MessageExt>, Task<ConsumeResult>> Handler(string name) => async (ctx, msgs) =>
        {
            var mq = ctx.OrderlyCtx!.MQ!;
            if (active.AddOrUpdate(mq, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            foreach (var msg in msgs)
            {
                var parts = Text(msg).Split('-');
                arrivals.Enqueue((parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), name));
            }

            await Task.Delay(1);
            active.AddOrUpdate(mq, 0, (_, n) => n - 1);
            return ConsumeResult.ConsumeSuccess;
        };

        var orderly = new[] { ConsumerOptions.WithConsumerOrder(true) };
        var a = NewConsumer(group, orderly);
        a.Subscribe(topic, MessageSelector.All, Handler("a"));
        await a.Start();

        const int keys = 8;
        const int perKey = 60;
        var producer = await Producer(hashBySharding: true);
        async Task SendRange(int from, int to)
        {
            for (var seq = from; seq < to; seq++)
            {
                for (var k = 0; k < keys; k++)
                {
                    var msg = new Message(topic, System.Text.Encoding.UTF8.GetBytes($"k{k}-{seq}"));
                    msg.WithShardingKey("k" + k);
                    await producer.SendSync(msg);
                }
            }
        }

        await SendRange(0, 20);
        await Eventually(() => arrivals.Count >= 100);
        var b = NewConsumer(group, orderly);
        b.Subscribe(topic, MessageSelector.All, Handler("b"));
        await b.Start();
        await SendRange(20, 40);
        await Eventually(() => arrivals.Any(x => x.Consumer == "b") && arrivals.Count >= 250, because: "b takes over queues");
        await a.Shutdown();
        await SendRange(40, perKey);
        await Eventually(() => arrivals.Count >= keys * perKey, because: $"expected {keys * perKey}, got {arrivals.Count}");
        await Task.Delay(500);

        var byKey = arrivals.GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.Select(x => x.Seq).ToList());
        output.WriteLine($"deliveries {arrivals.Count}, by a {arrivals.Count(x => x.Consumer == "a")}, by b {arrivals.Count(x => x.Consumer == "b")}");
        byKey.Should().HaveCount(keys);
        foreach (var (key, seqs) in byKey)
        {
            seqs.Should().Equal(Enumerable.Range(0, perKey), $"{key} is consumed once each, in send order, across both rebalances");
        }

        overlaps.Should().Be(0, "a queue is never consumed by two consumers at once");
    }
}
