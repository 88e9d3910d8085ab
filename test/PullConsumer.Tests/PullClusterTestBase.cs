using System.Diagnostics;
using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An embedded cluster per test, a producer that writes to chosen queues, and pull consumers.</summary>
public abstract class PullClusterTestBase : EmbeddedClusterTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private DefaultProducer? _producer;

    /// <summary>One broker; 1 s retry delays so a failed ACK comes back quickly.</summary>
    protected override EmbeddedClusterOptions ClusterOptions => new()
    {
        BrokerCount = 1,
        MessageDelayLevel = string.Join(' ', Enumerable.Repeat("1s", 18)),
    };

    protected string BrokerName => Cluster.BrokerNames[0];

    protected MessageQueue Queue(string topic, int id) => new(topic, BrokerName, id);

    /// <summary>Route refresh, persistence and rebalance every second, so retry topics and restarts are seen quickly.</summary>
    protected static readonly ConsumerOption FastLoops = new(o => o.Client.Intervals = new ClientIntervals
    {
        PullNameServer = TimeSpan.FromSeconds(1),
        PersistOffset = TimeSpan.FromSeconds(1),
        PersistOffsetDelay = TimeSpan.FromSeconds(1),
        Rebalance = TimeSpan.FromSeconds(1),
        RebalanceDelay = TimeSpan.FromSeconds(1),
    });

    /// <summary>A pull consumer of <paramref name="group"/> on the cluster, from the first offset; shut down with the test.</summary>
    private protected PullConsumer NewConsumer(string group, params ConsumerOption[] opts)
    {
        return Own(PullConsumer.NewPullConsumer(
        [
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            FastLoops,
            ConsumerOptions.WithLoggerFactory(TestLog.Factory),
            .. opts,
        ]));
    }

    /// <summary>Sends <paramref name="count"/> messages "prefix-i" to one queue; returns their queue offsets.</summary>
    protected async Task<List<long>> SendTo(MessageQueue mq, int count, string prefix = "m", string? tag = null)
    {
        _producer ??= await StartProducer(ProducerOptions.WithQueueSelector(QueueSelectors.NewManualQueueSelector()));

        var offsets = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var msg = new Message(mq.Topic, Encoding.UTF8.GetBytes($"{prefix}-{i}")) { Queue = mq };
            if (tag is not null)
            {
                msg.WithTag(tag);
            }

            var result = await _producer.SendSync(msg);
            result.Status.Should().Be(SendStatus.SendOK);
            result.MessageQueue!.QueueId.Should().Be(mq.QueueId);
            offsets.Add(result.QueueOffset);
        }

        return offsets;
    }

    /// <summary>Polls and ACKs (with <paramref name="result"/>) until <paramref name="count"/> messages came; fails after <see cref="Wait"/>.</summary>
    private protected static async Task<List<MessageExt>> PollAndAck(PullConsumer consumer, int count, ConsumeResult result = ConsumeResult.ConsumeSuccess, TimeSpan? timeout = null)
    {
        var received = new List<MessageExt>();
        var clock = Stopwatch.StartNew();
        while (received.Count < count)
        {
            var left = (timeout ?? Wait) - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"expected {count} messages, got {received.Count}");
            }

            var request = await consumer.Poll(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            if (request is null)
            {
                continue;
            }

            received.AddRange(request.GetMsgList());
            await consumer.ACK(request, result);
        }

        return received;
    }

    /// <summary>Polls for <paramref name="quiet"/> and returns whatever came (expected: nothing).</summary>
    private protected static async Task<List<MessageExt>> PollQuietly(PullConsumer consumer, TimeSpan quiet)
    {
        var received = new List<MessageExt>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < quiet)
        {
            if (await consumer.Poll(quiet - clock.Elapsed) is { } request)
            {
                received.AddRange(request.GetMsgList());
            }
        }

        return received;
    }

    protected static Task Eventually(Func<Task<bool>> done, string because) => Until(done, Wait, because);
}
