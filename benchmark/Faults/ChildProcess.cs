using System.Collections.Concurrent;
using System.Diagnostics;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// A child process of a fault run (<c>dotnet &lt;dll&gt; args</c>): its stdout lines go to a callback, it is killed
/// with SIGKILL by <see cref="Kill"/>, by dispose, and when this process exits; the child itself exits when its
/// stdin closes, so it cannot outlive a parent that was killed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> Running = new();
    private readonly Process _process;
    private readonly Task _reading;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Running.Keys)
            {
                child.Kill();
            }
        };
    }

    private ChildProcess(Process process, Action<string> onLine, Action<string>? onError)
    {
        _process = process;
        Running.TryAdd(this, 0);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onError?.Invoke(e.Data);
            }
        };
        process.BeginErrorReadLine();
        _reading = Task.Run(async () =>
        {
            try
            {
                while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    onLine(line);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // killed
            }
        });
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the child exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Completes when stdout was read to its end (the child exited or was killed).</summary>
    public Task Completion => _reading;

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>.</summary>
    public static ChildProcess Start(string dll, IEnumerable<string> args, Action<string> onLine, Action<string>? onError = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start dotnet {dll}");
        return new ChildProcess(process, onLine, onError);
    }

    /// <summary>SIGKILL (no shutdown code runs in the child), then waits for it to be gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }

        Running.TryRemove(this, out _);
    }

    /// <summary>Waits for the child to exit by itself.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await _reading.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // nothing more to do: the kill was sent
        }

        _process.Dispose();
    }
}
