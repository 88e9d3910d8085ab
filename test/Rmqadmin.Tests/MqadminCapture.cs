using System.Text.RegularExpressions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>What the real mqadmin 4.9.8 printed for a command (../shared/mqadmin/&lt;name&gt;.txt) and its help.</summary>
public sealed record MqadminCapture(string CommandLine, IReadOnlyList<string> Output, int Exit)
{
    public static string Directory => Path.GetFullPath(Path.Combine(WireCaptures.Directory, "..", "mqadmin"));

    public static MqadminCapture Load(string name)
    {
        var lines = File.ReadAllText(Path.Combine(Directory, name + ".txt")).Split('\n').ToList();
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        // The last line is "[exit N]", glued to the output when mqadmin did not end with a newline.
        var exitLine = lines[^1];
        var match = Regex.Match(exitLine, @"\[exit (\d+)\]$");
        lines[^1] = exitLine[..match.Index];
        if (lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new MqadminCapture(lines[0], lines.Skip(1).ToList(), int.Parse(match.Groups[1].Value));
    }

    /// <summary>mqadmin's help of a command, with "mqadmin" replaced by "rmqadmin".</summary>
    public static string Help(string command) => File.ReadAllText(Path.Combine(Directory, "help", command + ".txt"));
}
