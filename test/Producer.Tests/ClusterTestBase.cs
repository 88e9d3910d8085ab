using System.Diagnostics;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Starts an embedded cluster per test and builds producers pointed at it.</summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static int _groupSeed;
    private readonly List<IAsyncDisposable> _owned = [];

    protected EmbeddedCluster Cluster { get; private set; } = null!;

    protected virtual EmbeddedClusterOptions ClusterOptions => new();

    public async Task InitializeAsync() => Cluster = await EmbeddedCluster.StartAsync(ClusterOptions);

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    /// <summary>A unique group name, so parallel tests never share a producer group.</summary>
    protected static string NewGroup(string prefix = "pg") => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _groupSeed)}";

    /// <summary>Name server, a unique group and instance, then <paramref name="opts"/>; started and disposed with the test.</summary>
    private protected async Task<DefaultProducer> StartProducer(params ProducerOption[] opts)
    {
        var producer = NewProducer(opts);
        await producer.Start();
        return producer;
    }

    private protected DefaultProducer NewProducer(params ProducerOption[] opts)
    {
        var group = NewGroup();
        var producer = DefaultProducer.NewDefaultProducer(
            [ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group), .. opts]);
        _owned.Add(producer);
        return producer;
    }

    protected void Own(IAsyncDisposable disposable) => _owned.Add(disposable);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds or <paramref name="timeout"/> passes.</summary>
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

            await Task.Delay(20);
        }
    }

    /// <summary>Credentials the reader signs its pulls with, for ACL clusters.</summary>
    protected virtual Credentials? ReaderCredentials => null;

    protected Task<List<MessageExt>> Stored(string topic) => QueueReader.ReadAll(Cluster, topic, ReaderCredentials);

    protected static Message Msg(string topic, string body) => new(topic, System.Text.Encoding.UTF8.GetBytes(body));

    protected static string Text(Message m) => System.Text.Encoding.UTF8.GetString(m.Body);
}
