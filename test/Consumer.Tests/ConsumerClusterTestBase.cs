using System.Collections.Concurrent;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An embedded cluster of two brokers per test, and producers and push consumers pointed at it.</summary>
public abstract class ConsumerClusterTestBase : EmbeddedClusterTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private DefaultProducer? _producer;
    private DefaultProducer? _orderedProducer;

    /// <summary>Two brokers; 1 s retry delays so redeliveries are quick.</summary>
    protected override EmbeddedClusterOptions ClusterOptions => new()
    {
        BrokerCount = 2,
        MessageDelayLevel = string.Join(' ', Enumerable.Repeat("1s", 18)),
    };

    /// <summary>A consumer with the cluster's name server, <paramref name="group"/>, fast client loops, then <paramref name="opts"/>; shut down with the test.</summary>
    private protected PushConsumer NewConsumer(string group, params ConsumerOption[] opts)
    {
        return Own(PushConsumer.NewPushConsumer(
        [
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            FastLoops,
            ConsumerOptions.WithLoggerFactory(TestLog.Factory),
            .. opts,
        ]));
    }

    /// <summary>Route refresh every second, so topics created during a test (retry topics) are seen quickly.</summary>
    protected static readonly ConsumerOption FastLoops = new(o => o.Client.Intervals = new ClientIntervals
    {
        PullNameServer = TimeSpan.FromSeconds(1),
        PersistOffset = TimeSpan.FromSeconds(1),
        PersistOffsetDelay = TimeSpan.FromSeconds(1),
    });

    private protected async Task<DefaultProducer> Producer(bool hashBySharding = false)
    {
        var producer = hashBySharding ? _orderedProducer : _producer;
        if (producer is null)
        {
            producer = await StartProducer(
                ProducerOptions.WithQueueSelector(hashBySharding ? QueueSelectors.NewHashQueueSelector() : QueueSelectors.NewRoundRobinQueueSelector()));
            if (hashBySharding)
            {
                _orderedProducer = producer;
            }
            else
            {
                _producer = producer;
            }
        }

        return producer;
    }

    /// <summary>Sends <paramref name="count"/> messages with bodies prefix-0.. and returns the bodies.</summary>
    protected async Task<List<string>> Send(string topic, int count, string prefix = "m", Func<int, string?>? tag = null, Func<int, string?>? shardingKey = null)
    {
        var producer = await Producer(shardingKey is not null);
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var body = $"{prefix}-{i}";
            var msg = new Message(topic, System.Text.Encoding.UTF8.GetBytes(body));
            if (tag?.Invoke(i) is { } t)
            {
                msg.WithTag(t);
            }

            if (shardingKey?.Invoke(i) is { } key)
            {
                msg.WithShardingKey(key);
            }

            await producer.SendSync(msg);
            bodies.Add(body);
        }

        return bodies;
    }

    protected static Task Eventually(Func<bool> done, TimeSpan? timeout = null, string? because = null)
        => Until(done, timeout ?? Wait, because ?? "condition not met in time");

    /// <summary>Records deliveries; the handler result can be scripted.</summary>
    protected sealed class Collector
    {
        public ConcurrentQueue<(string Consumer, MessageExt Msg, int ReconsumeTimes)> Received { get; } = new();

        public int Count => Received.Count;

        public Func<CallContext, IReadOnlyList<MessageExt>, ConsumeResult> Handler(string name, Func<MessageExt, ConsumeResult>? result = null)
            => (ctx, msgs) =>
            {
                var outcome = ConsumeResult.ConsumeSuccess;
                foreach (var msg in msgs)
                {
                    Received.Enqueue((name, msg, msg.ReconsumeTimes));
                    if (result?.Invoke(msg) is { } r && r != ConsumeResult.ConsumeSuccess)
                    {
                        outcome = r;
                    }
                }

                return outcome;
            };

        public List<string> Bodies() => [.. Received.Select(r => Text(r.Msg))];

        public Task WaitFor(int count, TimeSpan? timeout = null) => Eventually(() => Count >= count, timeout, $"expected {count} deliveries, got {Count}");
    }
}
