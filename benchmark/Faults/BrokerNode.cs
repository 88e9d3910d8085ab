namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// A name server and broker in a child process on fixed ports and a disk store, so it can be killed with SIGKILL
/// and started again where it was (as a crashed node comes back).
/// </summary>
internal sealed class BrokerNode : IAsyncDisposable
{
    private readonly string _store;
    private readonly int _nameServerPort;
    private readonly int _brokerPort;
    private ChildProcess? _process;

    private BrokerNode(string store)
    {
        _store = store;
        _nameServerPort = FaultKit.FreePort();
        _brokerPort = FaultKit.FreePort();
    }

    /// <summary>The name server address, "127.0.0.1:PORT".</summary>
    public string NameServer => $"127.0.0.1:{_nameServerPort}";

    public static async Task<BrokerNode> StartAsync(string store, CancellationToken cancellationToken)
    {
        var node = new BrokerNode(store);
        try
        {
            await node.RestartAsync(cancellationToken).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: nothing of the broker's shutdown runs.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Starts the node (again) and waits until it serves.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (_process is { } old)
        {
            await old.DisposeAsync().ConfigureAwait(false);
        }

        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = ChildModes.StartBroker(_nameServerPort, _brokerPort, _store, line =>
        {
            if (line.StartsWith(ChildModes.NameServerPrefix, StringComparison.Ordinal))
            {
                serving.TrySetResult();
            }
        });
        _ = _process.Completion.ContinueWith(_ => serving.TrySetException(new InvalidOperationException("the broker process exited before serving")), TaskScheduler.Default);
        await serving.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }
}
