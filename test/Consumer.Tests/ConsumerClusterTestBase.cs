using System.Collections.Concurrent;
using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An embedded cluster of two brokers per test, and producers and push consumers pointed at it.</summary>
public abstract class ConsumerClusterTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static int _seed;
    private readonly List<IAsyncDisposable> _owned = [];
    private DefaultProducer? _producer;
    private DefaultProducer? _orderedProducer;

    protected EmbeddedCluster Cluster { get; private set; } = null!;

    /// <summary>Two brokers; 1 s retry delays so redeliveries are quick.</summary>
    protected virtual EmbeddedClusterOptions ClusterOptions => new()
    {
        BrokerCount = 2,
        MessageDelayLevel = string.Join(' ', Enumerable.Repeat("1s", 18)),
    };

    public async Task InitializeAsync() => Cluster = await EmbeddedCluster.StartAsync(ClusterOptions);

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    protected static string Unique(string prefix) => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _seed)}";

    /// <summary>A topic with <paramref name="queues"/> queues on each broker.</summary>
    protected async Task<string> NewTopic(int queues = 8, string prefix = "T")
    {
        var topic = Unique(prefix);
        await Cluster.CreateTopicAsync(topic, queues);
        return topic;
    }

    /// <summary>A consumer with the cluster's name server, <paramref name="group"/>, fast client loops, then <paramref name="opts"/>; shut down with the test.</summary>
    protected PushConsumer NewConsumer(string group, params ConsumerOption[] opts)
    {
        var consumer = PushConsumer.NewPushConsumer(
        [
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            FastLoops,
            ConsumerOptions.WithLoggerFactory(TestLog.Factory),
            .. opts,
        ]);
        _owned.Add(consumer);
        return consumer;
    }

    /// <summary>Route refresh every second, so topics created during a test (retry topics) are seen quickly.</summary>
    protected static readonly ConsumerOption FastLoops = o => o.Client.Intervals = new ClientIntervals
    {
        PullNameServer = TimeSpan.FromSeconds(1),
        PersistOffset = TimeSpan.FromSeconds(1),
        PersistOffsetDelay = TimeSpan.FromSeconds(1),
    };

    protected async Task<DefaultProducer> Producer(bool hashBySharding = false)
    {
        var producer = hashBySharding ? _orderedProducer : _producer;
        if (producer is null)
        {
            var group = Unique("pg");
            producer = DefaultProducer.NewDefaultProducer(
                ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group),
                ProducerOptions.WithQueueSelector(hashBySharding ? QueueSelectors.NewHashQueueSelector() : QueueSelectors.NewRoundRobinQueueSelector()));
            await producer.Start();
            _owned.Insert(0, producer);
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

    protected static async Task Eventually(Func<bool> done, TimeSpan? timeout = null, string? because = null)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > (timeout ?? Wait))
            {
                throw new TimeoutException(because ?? "condition not met in time");
            }

            await Task.Delay(10);
        }
    }

    protected static string Text(Message m) => System.Text.Encoding.UTF8.GetString(m.Body);

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
