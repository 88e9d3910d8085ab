using System.Text.Json;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Finds and reads the real RocketMQ 4.9.8 captures in ../shared/wire beside the repository.</summary>
public static class WireCaptures
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The wire folder; throws (never skips) when the captures are missing.</summary>
    public static string Directory => Root.Value;

    /// <summary>Every capture scenario name (file name without .json).</summary>
    public static IEnumerable<string> Scenarios()
        => System.IO.Directory.GetFiles(Path.Combine(Directory, "frames"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The frames of one scenario.</summary>
    public static IReadOnlyList<CapturedFrame> Frames(string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "frames", scenario + ".json")));
        var frames = new List<CapturedFrame>();
        foreach (var f in doc.RootElement.GetProperty("frames").EnumerateArray())
        {
            frames.Add(new CapturedFrame(
                scenario,
                f.GetProperty("stream").GetInt32(),
                f.GetProperty("direction").GetString()!,
                f.GetProperty("server_port").GetInt32(),
                f.GetProperty("index").GetInt32(),
                f.GetProperty("serialize_type").GetString()!,
                f.GetProperty("header").Clone(),
                f.GetProperty("body_length").GetInt32(),
                f.TryGetProperty("body_text", out var text) ? text.GetString() : null,
                Convert.FromHexString(f.GetProperty("hex").GetString()!)));
        }

        return frames;
    }

    /// <summary>The lines the Java client printed for a scenario.</summary>
    public static string[] Expected(string name) => File.ReadAllLines(Path.Combine(Directory, "expected", name + ".txt"));

    private static string FindRoot() => SharedFolder.Find("wire", "frames");
}

/// <summary>One captured frame; <see cref="Bytes"/> includes the length prefix.</summary>
public sealed record CapturedFrame(
    string Scenario, int Stream, string Direction, int ServerPort, int Index, string SerializeType,
    JsonElement Header, int BodyLength, string? BodyText, byte[] Bytes)
{
    /// <inheritdoc />
    public override string ToString() => $"{Scenario} stream {Stream} {Direction} #{Index} code {Header.GetProperty("code")}";
}
