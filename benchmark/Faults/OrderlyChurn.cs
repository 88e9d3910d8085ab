using System.Collections.Concurrent;
using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// Scenario 8: orderly consumption while three members join and leave the group every 0.15-2.5 s (seeded). Promise:
/// each key's messages are first delivered in the order they were sent, no queue ever has two handlers running at
/// once, and nothing is lost.
/// </summary>
internal static class OrderlyChurn
{
    /// <summary>The sizes of one run.</summary>
    public sealed record Size(TimeSpan Churn, int Keys, TimeSpan SendInterval);

    public static readonly Size Full = new(TimeSpan.FromMinutes(3), 32, TimeSpan.FromMilliseconds(2));

    public static readonly Size Short = new(TimeSpan.FromSeconds(12), 16, TimeSpan.FromMilliseconds(5));

    public static async Task<Tally> RunAsync(Size size, int seed = 11, CancellationToken cancellationToken = default)
    {
        var tally = new Tally("orderly-churn");
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { BrokerCount = 2 }, cancellationToken).ConfigureAwait(false);
        var ns = cluster.NameServerAddress;
        var topic = FaultKit.Unique("FaultOrder");
        await cluster.CreateTopicAsync(topic, 4, cancellationToken).ConfigureAwait(false);
        var group = FaultKit.Unique("fault_order_cg");

        var deliveries = new ConcurrentDictionary<string, ConcurrentQueue<int>>(StringComparer.Ordinal);
        var active = new ConcurrentDictionary<MessageQueue, int>();
        var overlaps = 0;
        PushConsumer Member() => NewMember(ns, group, topic, tally, deliveries, active, () => Interlocked.Increment(ref overlaps));

        var anchor = Member();
        await anchor.Start().ConfigureAwait(false);
        var producer = await FaultKit.StartProducer(ns, ProducerOptions.WithQueueSelector(QueueSelectors.NewHashQueueSelector())).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var churners = new List<Task>();
        try
        {
            var sending = Task.Run(() => SendKeyed(producer, topic, tally, size, stop.Token), CancellationToken.None);
            for (var c = 0; c < 3; c++)
            {
                var random = new Random(seed + c);
                churners.Add(Task.Run(() => Churn(Member, random, stop.Token, tally), CancellationToken.None));
            }

            await Task.Delay(size.Churn, cancellationToken).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(churners).ConfigureAwait(false);
            await sending.ConfigureAwait(false);
            var allConsumed = await tally.WaitForAllConsumed(TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);

            var violations = deliveries.Where(d => !FirstDeliveriesAscend(d.Value)).Select(d => d.Key).ToList();
            tally.Check(allConsumed && tally.Lost == 0, $"{tally.Lost} acknowledged messages never consumed, e.g. {string.Join(", ", tally.Missing().Take(5))}");
            tally.Check(violations.Count == 0, $"keys delivered out of order: {string.Join("; ", violations.Take(3).Select(k => k + ": " + string.Join(",", deliveries[k].Take(40))))}");
            tally.Check(overlaps == 0, $"{overlaps} times a queue had two handlers running at once");
            tally.Check(tally.ErrorCount == 0, "sends or member starts failed");
            return tally;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(churners).ConfigureAwait(false);
            await anchor.Shutdown().ConfigureAwait(false);
            await producer.Shutdown().ConfigureAwait(false);
        }
    }

    // Sends "KEY-SEQ" for each key in turn, one send at a time, so each key's send order is its sequence order.
    private static async Task SendKeyed(DefaultProducer producer, string topic, Tally tally, Size size, CancellationToken stop)
    {
        for (var seq = 0; !stop.IsCancellationRequested; seq++)
        {
            for (var k = 0; k < size.Keys; k++)
            {
                var key = $"k{k}-{seq}";
                var msg = new Message(topic, FaultKit.Body(key));
                msg.WithShardingKey("k" + k);
                tally.Sending();
                try
                {
                    await producer.SendSync(msg).ConfigureAwait(false);
                    tally.Acknowledge(key);
                }
                catch (RocketMQException e)
                {
                    tally.Error(e);
                }
            }

            try
            {
                await Task.Delay(size.SendInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // A member that joins, stays 0.15-2.5 s, leaves (graceful shutdown), stays away 0.15-2.5 s, and again.
    private static async Task Churn(Func<PushConsumer> member, Random random, CancellationToken stop, Tally tally)
    {
        while (!stop.IsCancellationRequested)
        {
            var consumer = member();
            try
            {
                await consumer.Start().ConfigureAwait(false);
                await Pause(random, stop).ConfigureAwait(false);
            }
            catch (RocketMQException e)
            {
                tally.Error("member " + e.GetType().Name);
            }
            finally
            {
                await consumer.Shutdown().ConfigureAwait(false);
            }

            await Pause(random, stop).ConfigureAwait(false);
        }
    }

    private static async Task Pause(Random random, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150 + random.Next(2350)), stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the run ends
        }
    }

    private static PushConsumer NewMember(string ns, string group, string topic, Tally tally, ConcurrentDictionary<string, ConcurrentQueue<int>> deliveries,
        ConcurrentDictionary<MessageQueue, int> active, Action overlap)
    {
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(ns), ConsumerOptions.WithGroupName(group), ConsumerOptions.WithInstance(FaultKit.Unique("fault_order")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), ConsumerOptions.WithConsumerOrder(true),
            ConsumerOptions.WithLoggerFactory(FaultKit.Logging));
        consumer.Subscribe(topic, MessageSelector.All, async (ctx, msgs) =>
        {
            var mq = ctx.OrderlyCtx!.MQ!;
            if (active.AddOrUpdate(mq, 1, static (_, n) => n + 1) > 1)
            {
                overlap();
            }

            try
            {
                foreach (var msg in msgs)
                {
                    var key = FaultKit.Key(msg);
                    tally.Consume(key);
                    var dash = key.LastIndexOf('-');
                    deliveries.GetOrAdd(key[..dash], static _ => new ConcurrentQueue<int>()).Enqueue(int.Parse(key[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                }

                await Task.Yield();
                return ConsumeResult.ConsumeSuccess;
            }
            finally
            {
                active.AddOrUpdate(mq, 0, static (_, n) => n - 1);
            }
        });
        return consumer;
    }

    // Redeliveries may repeat earlier messages; what matters is that each message's first delivery comes after the
    // first delivery of every message sent before it with the same key.
    private static bool FirstDeliveriesAscend(IEnumerable<int> deliveries)
    {
        var seen = new HashSet<int>();
        var last = -1;
        foreach (var seq in deliveries)
        {
            if (!seen.Add(seq))
            {
                continue;
            }

            if (seq < last)
            {
                return false;
            }

            last = seq;
        }

        return true;
    }
}
