namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The public surface of every shipped library is a checked-in listing (PublicAPI.Shipped.txt and
/// PublicAPI.Unshipped.txt) that the build verifies: a public member that is not listed, or a listed one that is gone,
/// fails the build.
/// </summary>
public sealed class PublicApiListingTests
{
    // The assemblies a user gets from the packages: the client's seven layers, Hosting and the embedded broker.
    private static readonly string[] ShippedLibraries =
    [
        "primitive/RocketMQ.Go.Port.Primitive.csproj", "remote/RocketMQ.Go.Port.Remote.csproj",
        "internal/RocketMQ.Go.Port.Internal.csproj", "producer/RocketMQ.Go.Port.Producer.csproj",
        "consumer/RocketMQ.Go.Port.Consumer.csproj", "admin/RocketMQ.Go.Port.Admin.csproj",
        "rocketmq/RocketMQ.Go.Port.csproj", "hosting/RocketMQ.Go.Port.Hosting.csproj",
        "broker/RocketMQ.Go.Port.Broker.csproj",
    ];

    [Fact]
    public void EveryShippedLibraryTracksItsPublicApiWithNullableAnnotations()
    {
        foreach (var project in ShippedLibraries)
        {
            var path = Path.Combine(PackedFeed.RepositoryRoot, project);
            File.ReadAllText(path).Should().Contain("<TrackPublicApi>true</TrackPublicApi>", project);
            foreach (var listing in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
            {
                var file = Path.Combine(Path.GetDirectoryName(path)!, listing);
                File.Exists(file).Should().BeTrue($"{project} has {listing}");
                File.ReadLines(file).First().Should().Be("#nullable enable", $"{project}'s {listing} lists nullable annotations");
            }
        }
    }

    [Fact]
    public async Task AnUnlistedPublicMemberOrAListedMissingOneFailsTheBuild()
    {
        var copy = CopyPrimitive();
        try
        {
            var project = Path.Combine(copy, "primitive", "RocketMQ.Go.Port.Primitive.csproj");
            var unshipped = Path.Combine(copy, "primitive", "PublicAPI.Unshipped.txt");
            await File.WriteAllTextAsync(Path.Combine(copy, "primitive", "UnlistedSurface.cs"), """
                namespace RocketMQ.Go.Port.Primitive;

                /// <summary>Not in the listing.</summary>
                public static class UnlistedSurface
                {
                    /// <summary>Not in the listing either.</summary>
                    public static int Answer => 42;
                }
                """);
            var listed = (await File.ReadAllLinesAsync(unshipped)).ToList();
            var removed = listed.First(l => l.StartsWith("RocketMQ.Go.Port.Primitive.Message.Topic.get", StringComparison.Ordinal));
            listed.Remove(removed);
            listed.Add("RocketMQ.Go.Port.Primitive.Message.NoSuchMember() -> void");
            await File.WriteAllLinesAsync(unshipped, listed);

            var build = await DotnetCli.RunAsync(copy, TimeSpan.FromMinutes(5), "build", project, "-c", PackedFeed.Configuration,
                "-p:EnableSourceControlManagerQueries=false", "-p:EnableSourceLink=false");

            build.ExitCode.Should().NotBe(0, build.ToString());
            build.Output.Should().Contain("RS0016").And.Contain("UnlistedSurface", "an unlisted public type fails the build");
            build.Output.Should().Contain("RS0016").And.Contain("'RocketMQ.Go.Port.Primitive.Message.Topic.get", "an unlisted existing member fails it");
            build.Output.Should().Contain("RS0017").And.Contain("NoSuchMember", "a listed member that does not exist fails it");
            var errors = build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
            errors.Should().NotBeEmpty().And.OnlyContain(l => l.Contains("RS0016") || l.Contains("RS0017"), "the listing is the only reason it fails");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    // primitive references no other project, so a copy of it and the build files beside the solution builds alone.
    private static string CopyPrimitive()
    {
        var root = PackedFeed.RepositoryRoot;
        var copy = Directory.CreateTempSubdirectory("rocketmq-publicapi-").FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        var source = Path.Combine(root, "primitive");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(copy, "primitive", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }
}
