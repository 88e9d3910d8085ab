using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// What a user of the NuGet packages gets: the right packages with their metadata, a fresh console project outside
/// the solution that builds from the packed folder alone and sends and receives through the embedded broker of the
/// Broker package, and the broker tool that installs and runs.
/// </summary>
public sealed class PackageTests(PackedFeed feed) : IClassFixture<PackedFeed>
{
    // The kind of a portable PDB's SourceLink custom debug information (Portable PDB specification).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static readonly string[] ClientAssemblies =
    [
        "RocketMQ.Go.Port", "RocketMQ.Go.Port.Primitive", "RocketMQ.Go.Port.Remote", "RocketMQ.Go.Port.Internal",
        "RocketMQ.Go.Port.Producer", "RocketMQ.Go.Port.Consumer", "RocketMQ.Go.Port.Admin",
    ];

    [Fact]
    public void PackingTheSolutionMakesTheProductPackagesOnly()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var packages = Directory.GetFiles(feed.Feed, "*.nupkg").Select(Path.GetFileName).ToList();
        foreach (var id in PackedFeed.Ids)
        {
            packages.Should().Contain($"{id}.{feed.Version}.nupkg");
            File.Exists(feed.PackagePath(id, "snupkg")).Should().BeTrue($"{id} has a symbols package");
        }

        packages.Should().NotContain(p => p!.Contains("Example") || p.Contains("Benchmark") || p.Contains("Tests") || p.Contains(".Package."),
            "examples, benchmark, tests and the packing project are not packages");
    }

    [Fact]
    public void EveryPackageCarriesItsMetadataReadmeAndNotice()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        foreach (var id in PackedFeed.Ids)
        {
            var metadata = feed.Nuspec(id).Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Field("id").Should().Be(id);
            Field("version").Should().Be(feed.Version);
            Field("description").Should().NotBeNullOrWhiteSpace().And.NotBe("Package Description");
            Field("tags").Should().Contain("rocketmq");
            Field("readme").Should().Be("README.md");
            Field("authors").Should().NotBe(id);
            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            license.Attribute("type")!.Value.Should().Be("expression");
            license.Value.Should().Be("Apache-2.0");
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            repository.Attribute("url")!.Value.Should().StartWith("https://github.com/");
            repository.Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$");
            feed.Entries(id).Should().Contain(["README.md", "NOTICE"]);
        }
    }

    [Fact]
    public void TheClientPackageHoldsEveryLayerWithDocsAndSymbolsAndTheLayersDependencies()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var entries = feed.Entries("RocketMQ.Go.Port");
        var symbols = feed.Entries("RocketMQ.Go.Port", "snupkg");
        foreach (var assembly in ClientAssemblies)
        {
            entries.Should().Contain([$"lib/net10.0/{assembly}.dll", $"lib/net10.0/{assembly}.xml"]);
            symbols.Should().Contain($"lib/net10.0/{assembly}.pdb");
        }

        entries.Should().NotContain(e => e.Contains("RocketMQ.Go.Port.Package"));

        // Every package a layer references is a dependency of the one client package.
        var dependencies = feed.Nuspec("RocketMQ.Go.Port").Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).ToHashSet();
        foreach (var layer in new[] { "primitive", "remote", "internal", "producer", "consumer", "admin", "rocketmq" })
        {
            var project = Directory.GetFiles(Path.Combine(PackedFeed.RepositoryRoot, layer), "*.csproj").Single();
            foreach (var reference in XElement.Load(project).Descendants("PackageReference"))
            {
                dependencies.Should().Contain(reference.Attribute("Include")!.Value, $"{layer} references it");
            }
        }

        feed.Nuspec("RocketMQ.Go.Port.Broker").Descendants().Where(e => e.Name.LocalName == "dependency")
            .Should().Contain(e => e.Attribute("id")!.Value == "RocketMQ.Go.Port" && e.Attribute("version")!.Value == feed.Version);
    }

    [Fact]
    public void EveryLibraryIsDeterministicWithXmlDocsAndASourceLinkedPdbInTheSymbolsPackage()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var libraries = ClientAssemblies.Select(a => ("RocketMQ.Go.Port", a))
            .Append(("RocketMQ.Go.Port.Hosting", "RocketMQ.Go.Port.Hosting"))
            .Append(("RocketMQ.Go.Port.Broker", "RocketMQ.Go.Port.Broker"));
        foreach (var (id, assembly) in libraries)
        {
            var repository = feed.Nuspec(id).Descendants().Single(e => e.Name.LocalName == "repository");
            var commit = repository.Attribute("commit")!.Value;
            var repositoryPath = new Uri(repository.Attribute("url")!.Value).AbsolutePath.Trim('/');
            repositoryPath = repositoryPath.EndsWith(".git", StringComparison.Ordinal) ? repositoryPath[..^4] : repositoryPath;
            feed.Entries(id).Should().Contain($"lib/net10.0/{assembly}.xml", $"{assembly} ships its XML docs");

            using (var dll = new PEReader(feed.Read(id, $"lib/net10.0/{assembly}.dll")))
            {
                dll.ReadDebugDirectory().Select(e => e.Type).Should().Contain(DebugDirectoryEntryType.Reproducible,
                    $"{assembly} is built deterministically");
            }

            using var pdb = MetadataReaderProvider.FromPortablePdbStream(feed.Read(id, $"lib/net10.0/{assembly}.pdb", "snupkg"));
            var reader = pdb.GetMetadataReader();
            var sourceLink = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
                .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
                .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
                .SingleOrDefault();
            sourceLink.Should().NotBeNull($"{assembly}'s PDB maps its sources (SourceLink)");
            using var map = JsonDocument.Parse(sourceLink!);
            map.RootElement.GetProperty("documents").EnumerateObject().Select(d => d.Value.GetString()).Should()
                .Contain($"https://raw.githubusercontent.com/{repositoryPath}/{commit}/*",
                    $"{assembly}'s sources map to the repository at the packed commit");
        }
    }

    [Fact]
    public async Task AFreshConsoleProjectSendsAndReceivesThroughThePackedPackages()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var app = Directory.CreateDirectory(Path.Combine(feed.Root, "app")).FullName;
        var template = Path.Combine(AppContext.BaseDirectory, "App");
        File.Copy(Path.Combine(template, "Program.cs.txt"), Path.Combine(app, "Program.cs"));
        File.WriteAllText(Path.Combine(app, "app.csproj"),
            File.ReadAllText(Path.Combine(template, "app.csproj.txt")).Replace("$(RocketMQVersion)", feed.Version));
        feed.WriteNuGetConfig(app);

        var build = await DotnetCli.RunAsync(app, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        build.ExitCode.Should().Be(0, build.ToString());

        var run = await DotnetCli.RunAsync(app, TimeSpan.FromMinutes(2), Path.Combine("bin", "Release", "net10.0", "app.dll"));
        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain("received 10 of 10");
    }

    [Fact]
    public async Task TheBrokerToolInstallsFromThePackedFolderAndRuns()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var work = Directory.CreateDirectory(Path.Combine(feed.Root, "tool")).FullName;
        feed.WriteNuGetConfig(work);
        var tools = Path.Combine(work, "bin");
        var install = await DotnetCli.RunAsync(work, TimeSpan.FromMinutes(3),
            "tool", "install", "RocketMQ.Go.Port.Broker.Tool", "--version", feed.Version, "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config"));
        install.ExitCode.Should().Be(0, install.ToString());

        var help = await DotnetCli.RunProgramAsync(Path.Combine(tools, "rocketmq-broker"), work, TimeSpan.FromMinutes(1), "--help");
        help.ExitCode.Should().Be(0, help.ToString());
        help.Output.Should().Contain("--namesrv-port").And.Contain("--broker-port");
    }

    [Fact]
    public async Task TheRmqadminToolInstallsFromThePackedFolderAndRuns()
    {
        feed.PackResult.ExitCode.Should().Be(0, feed.PackResult.ToString());
        var work = Directory.CreateDirectory(Path.Combine(feed.Root, "rmqadmin")).FullName;
        feed.WriteNuGetConfig(work);
        var tools = Path.Combine(work, "bin");
        var install = await DotnetCli.RunAsync(work, TimeSpan.FromMinutes(3),
            "tool", "install", "RocketMQ.Go.Port.Rmqadmin", "--version", feed.Version, "--tool-path", tools, "--configfile", Path.Combine(work, "nuget.config"));
        install.ExitCode.Should().Be(0, install.ToString());
        var rmqadmin = Path.Combine(tools, "rmqadmin");

        var help = await DotnetCli.RunProgramAsync(rmqadmin, work, TimeSpan.FromMinutes(1), "help", "clusterList");
        help.ExitCode.Should().Be(0, help.ToString());
        help.Output.Should().Contain("usage: rmqadmin clusterList").And.Contain("-n,--namesrvAddr <arg>");

        var unreachable = await DotnetCli.RunProgramAsync(rmqadmin, work, TimeSpan.FromMinutes(1), "clusterList", "-n", "127.0.0.1:1");
        unreachable.ExitCode.Should().Be(1, "a name server that does not answer is a failed command: {0}", unreachable);
        unreachable.Output.Should().Contain("127.0.0.1:1");
    }
}
