using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RocketMQ.Go.Port.Tests.Interop;

/// <summary>What a script under test/interop printed: its JSON lines, stderr and exit code.</summary>
internal sealed record NodeRun(int ExitCode, IReadOnlyList<JsonElement> Lines, string Stderr)
{
    public IEnumerable<JsonElement> Events(string name) => Lines.Where(l => l.GetProperty("event").GetString() == name);

    public override string ToString()
        => $"exit {ExitCode}\nstdout:\n{string.Join('\n', Lines.Select(l => l.GetRawText()))}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the node scripts of test/interop (a third-party client, ali-ons) as child processes with a hard timeout.
/// Node and the npm modules are required: a machine without them fails these tests with the reason, never skips
/// them. test.sh runs <c>npm ci --prefix test/interop</c>; when the modules are still missing (a bare
/// <c>dotnet test</c>) they are installed here once.
/// </summary>
internal static class NodeScript
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>test/interop in this checkout.</summary>
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>Runs <c>node test/interop/&lt;script&gt; args...</c>; kills it at <paramref name="timeout"/>.</summary>
    public static async Task<NodeRun> RunAsync(string script, IEnumerable<string> args, TimeSpan timeout)
    {
        await EnsureModulesAsync().ConfigureAwait(false);
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropDirectory };
        start.ArgumentList.Add(Path.Combine(InteropDirectory, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var (exit, stdout, stderr) = await RunProcessAsync(start, timeout).ConfigureAwait(false);
        var lines = new List<JsonElement>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"{script} printed a line that is not JSON: {line}\nstderr:\n{stderr}");
            }
        }

        return new NodeRun(exit, lines, stderr);
    }

    private static async Task EnsureModulesAsync()
    {
        if (_installed)
        {
            return;
        }

        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_installed)
            {
                return;
            }

            await RequireToolAsync("node").ConfigureAwait(false);
            if (!File.Exists(Path.Combine(InteropDirectory, "node_modules", "ali-ons", "package.json")))
            {
                await RequireToolAsync("npm").ConfigureAwait(false);
                var npm = new ProcessStartInfo("npm") { WorkingDirectory = InteropDirectory };
                foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
                {
                    npm.ArgumentList.Add(arg);
                }

                var (exit, stdout, stderr) = await RunProcessAsync(npm, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"`npm ci --prefix test/interop` failed ({exit}); the interop tests need the ali-ons module.\n{stdout}\n{stderr}");
                }
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task RequireToolAsync(string tool)
    {
        try
        {
            var (exit, _, _) = await RunProcessAsync(new ProcessStartInfo(tool) { ArgumentList = { "--version" } }, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (exit == 0)
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        throw new InvalidOperationException(
            $"'{tool}' is not installed or not on PATH: the interop tests run the ali-ons JavaScript client with Node.js (>= 16) and npm. " +
            "Install them (e.g. `apt-get install nodejs npm`) and run ./test.sh, which installs test/interop's modules.");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not exit within {timeout}\nstdout:\n{await stdout.ConfigureAwait(false)}\nstderr:\n{await stderr.ConfigureAwait(false)}");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "test", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("test/interop/package.json not found above " + AppContext.BaseDirectory);
    }
}
