using System.Diagnostics;

namespace RocketMQ.Go.Port.Benchmark.Producer;

/// <summary>
/// The embedded broker in a child process (<c>dotnet RocketMQ.Go.Port.Broker.dll</c> from this tool's output), so
/// this process's CPU and allocation counters measure the client only.
/// </summary>
internal sealed class BrokerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BrokerProcess(Process process, string nameServer)
    {
        _process = process;
        NameServer = nameServer;
    }

    public string NameServer { get; }

    public static async Task<BrokerProcess> StartAsync(TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "RocketMQ.Go.Port.Broker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--namesrv-port", "0", "--broker-port", "0", "--log-level", "Warning" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the broker process");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[broker] " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                const string prefix = "name server: ";
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var broker = new BrokerProcess(process, line[prefix.Length..].Trim());
                    _ = DrainAsync(process);
                    return broker;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the broker process did not report its name server address");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception)
        {
            // The process is going away.
        }
    }
}
