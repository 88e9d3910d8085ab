using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Packs the solution once (with no build: what the test run built) into a temporary folder with a version of its
/// own, so that the global package cache never serves a stale copy, and removes the folder and that version's cache
/// entries afterwards.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public static readonly string[] Ids = ["RocketMQ.Go.Port", "RocketMQ.Go.Port.Hosting", "RocketMQ.Go.Port.Broker", "RocketMQ.Go.Port.Broker.Tool", "RocketMQ.Go.Port.Rmqadmin"];

    public string Root { get; } = Directory.CreateTempSubdirectory("rocketmq-package-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; } = $"1.0.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RocketMQ.Go.Port.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no RocketMQ.Go.Port.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string Configuration
        => typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public DotnetCli.Result PackResult { get; private set; } = new(-1, "not packed");

    /// <summary>A NuGet.config with the packed folder and the normal feed, written into <paramref name="directory"/>.</summary>
    public void WriteNuGetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);

    public XElement Nuspec(string id)
    {
        using var zip = ZipFile.OpenRead(PackagePath(id));
        using var stream = zip.GetEntry($"{id}.nuspec")!.Open();
        return XElement.Load(stream);
    }

    public IReadOnlyList<string> Entries(string id, string extension = "nupkg")
    {
        using var zip = ZipFile.OpenRead(PackagePath(id, extension));
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>One file of a package, read into memory (metadata readers need a seekable stream).</summary>
    public MemoryStream Read(string id, string entry, string extension = "nupkg")
    {
        using var zip = ZipFile.OpenRead(PackagePath(id, extension));
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException($"{entry} is not in {id}.{extension}");
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    public async Task InitializeAsync()
    {
        PackResult = await DotnetCli.RunAsync(RepositoryRoot, TimeSpan.FromMinutes(4),
            "pack", "RocketMQ.Go.Port.sln", "-c", Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nodeReuse:false");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Ids)
        {
            var cached = Path.Combine(cache, id.ToLowerInvariant(), Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }

        return Task.CompletedTask;
    }
}
