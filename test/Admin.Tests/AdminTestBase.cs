using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An embedded cluster of two brokers per test, and admins, producers and push consumers pointed at it.</summary>
public abstract class AdminTestBase : EmbeddedClusterTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private DefaultProducer? _producer;

    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 2 };

    /// <summary>An admin on the cluster's name server, then <paramref name="opts"/>; closed with the test.</summary>
    protected IAdmin NewAdmin(params AdminOption[] opts) => Own(Rocketmq.NewAdmin([AdminOptions.WithNameServer(Cluster.NameServerAddress), .. opts]));

    private protected async Task<DefaultProducer> Producer() => _producer ??= await StartProducer();

    /// <summary>Sends <paramref name="count"/> messages with bodies prefix-0.. and returns the results.</summary>
    protected async Task<List<SendResult>> Send(string topic, int count, string prefix = "m", string? keys = null)
    {
        var producer = await Producer();
        var results = new List<SendResult>(count);
        for (var i = 0; i < count; i++)
        {
            var msg = new Message(topic, Encoding.UTF8.GetBytes($"{prefix}-{i}"));
            if (keys is not null)
            {
                msg.WithKeys(keys.Split(' '));
            }

            var result = await producer.SendSync(CallContext.Background, msg);
            result.Status.Should().Be(SendStatus.SendOK);
            results.Add(result);
        }

        return results;
    }

    /// <summary>A started push consumer of <paramref name="group"/> on <paramref name="topic"/>, collecting into <paramref name="received"/>.</summary>
    private protected async Task<PushConsumer> StartConsumer(string group, string topic, ConcurrentQueue<MessageExt> received)
    {
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithInstance(Unique("ci")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            new(o => o.Client.Intervals = new ClientIntervals
            {
                PullNameServer = TimeSpan.FromSeconds(1),
                PersistOffset = TimeSpan.FromMilliseconds(200),
                PersistOffsetDelay = TimeSpan.FromMilliseconds(200),
            }));
        Own(consumer);
        consumer.Subscribe(topic, MessageSelector.All, (CallContext _, IReadOnlyList<MessageExt> msgs) =>
        {
            foreach (var msg in msgs)
            {
                received.Enqueue(msg);
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        return consumer;
    }

    /// <summary>A raw request to <paramref name="addr"/> through a transport of the test's own.</summary>
    private protected async Task<RemotingCommand> Raw(string addr, int code, Dictionary<string, string>? fields = null, byte[]? body = null)
    {
        var client = Own(new RemotingClient());
        return await client.InvokeSync(addr, RemotingCommand.CreateRequest(code, fields, body), TimeSpan.FromSeconds(5));
    }

    private protected Task<RemotingCommand> CommitOffset(string brokerAddr, string group, string topic, int queueId, long offset)
        => Raw(brokerAddr, RequestCode.UPDATE_CONSUMER_OFFSET, new UpdateConsumerOffsetRequestHeader { ConsumerGroup = group, Topic = topic, QueueId = queueId, CommitOffset = offset }.Encode());

    /// <summary>A loopback port nothing listens on.</summary>
    protected static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds; the last value otherwise, after <paramref name="timeout"/>.</summary>
    protected static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > (timeout ?? Wait))
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    protected static Task Until(Func<bool> done, string because, TimeSpan? timeout = null) => Until(done, timeout ?? Wait, because);
}
