using System.Diagnostics;
using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// An embedded cluster per test, unique names, a started producer, and everything the test creates disposed with
/// it (last created first, the shared producer after the clients that may still send through it).
/// </summary>
public abstract class EmbeddedClusterTestBase : IAsyncLifetime
{
    private static int _seed;
    private readonly List<IAsyncDisposable> _owned = [];

    protected EmbeddedCluster Cluster { get; private set; } = null!;

    protected virtual EmbeddedClusterOptions ClusterOptions => new();

    public virtual async Task InitializeAsync() => Cluster = await EmbeddedCluster.StartAsync(ClusterOptions);

    public virtual async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    /// <summary>A name no other test of the process uses, so parallel tests never share a topic, group or client.</summary>
    protected static string Unique(string prefix) => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _seed)}";

    /// <summary>Disposes <paramref name="disposable"/> with the test, before what was owned earlier.</summary>
    protected T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>A topic with <paramref name="queues"/> queues on every broker, made by the cluster itself.</summary>
    protected async Task<string> NewTopic(int queues)
    {
        var topic = Unique("T");
        await Cluster.CreateTopicAsync(topic, queues);
        return topic;
    }

    /// <summary>A started producer on the cluster's name server with a unique group and instance, then <paramref name="opts"/>; shut down after every other client of the test.</summary>
    private protected async Task<DefaultProducer> StartProducer(params ProducerOption[] opts)
    {
        var group = Unique("pg");
        var producer = DefaultProducer.NewDefaultProducer(
            [ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group), .. opts]);
        await producer.Start();
        _owned.Insert(0, producer);
        return producer;
    }

    /// <summary>Polls <paramref name="done"/> until it holds; throws <see cref="TimeoutException"/> with <paramref name="because"/> after <paramref name="timeout"/>.</summary>
    protected static async Task Until(Func<Task<bool>> done, TimeSpan timeout, string because)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(because);
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc cref="Until(Func{Task{bool}}, TimeSpan, string)"/>
    protected static Task Until(Func<bool> done, TimeSpan timeout, string because) => Until(() => Task.FromResult(done()), timeout, because);

    protected static string Text(Message m) => Encoding.UTF8.GetString(m.Body);
}
