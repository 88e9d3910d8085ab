using System.Text;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// A command's help in the layout mqadmin prints it (commons-cli's HelpFormatter at width 110): the usage line
/// with options sorted by name, required ones bare, optional ones in brackets, alternatives joined by " | ",
/// wrapped under "usage: "; then one line per option with the descriptions in one column.
/// </summary>
internal static class HelpFormatter
{
    private const int Width = 110;
    private const int LeftPad = 1;
    private const int DescPad = 3;

    public static string Format(string app, IReadOnlyList<OptionSpec> options)
    {
        var sorted = Sorted(options);
        var usage = new StringBuilder("usage: ").Append(app).Append(' ');
        var groupsDone = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            var option = sorted[i];
            if (option.Group is { } group)
            {
                if (groupsDone.Add(group))
                {
                    var members = sorted.Where(o => o.Group == group).ToList();
                    for (var m = 0; m < members.Count; m++)
                    {
                        AppendOption(usage, members[m], required: true);
                        if (m < members.Count - 1)
                        {
                            usage.Append(" | ");
                        }
                    }
                }
            }
            else
            {
                AppendOption(usage, option, option.Required);
            }

            if (i < sorted.Count - 1)
            {
                usage.Append(' ');
            }
        }

        var text = new StringBuilder();
        var usageText = usage.ToString();
        Wrap(text, usageText.IndexOf(' ') + 1, usageText);
        text.Append('\n');

        var names = sorted.Select(Name).ToList();
        var max = names.Max(n => n.Length);
        for (var i = 0; i < sorted.Count; i++)
        {
            var line = names[i].PadRight(max) + new string(' ', DescPad) + sorted[i].Description;
            Wrap(text, max + DescPad, line);
            text.Append('\n');
        }

        return text.ToString();
    }

    private static List<OptionSpec> Sorted(IReadOnlyList<OptionSpec> options)
    {
        var sorted = options.ToList();
        sorted.Sort(static (a, b) => string.Compare(Key(a), Key(b), StringComparison.OrdinalIgnoreCase));
        return sorted;
    }

    private static string Key(OptionSpec option) => option.Short.Length > 0 ? option.Short : option.Long;

    private static string Name(OptionSpec option)
    {
        var name = new StringBuilder(new string(' ', LeftPad));
        if (option.Short.Length > 0)
        {
            name.Append('-').Append(option.Short).Append(",--").Append(option.Long);
        }
        else
        {
            name.Append("   --").Append(option.Long);
        }

        if (option.HasArg)
        {
            name.Append(" <arg>");
        }

        return name.ToString();
    }

    private static void AppendOption(StringBuilder usage, OptionSpec option, bool required)
    {
        if (!required)
        {
            usage.Append('[');
        }

        usage.Append(option.Short.Length > 0 ? "-" + option.Short : "--" + option.Long);
        if (option.HasArg)
        {
            usage.Append(" <arg>");
        }

        if (!required)
        {
            usage.Append(']');
        }
    }

    /// <summary>commons-cli's renderWrappedText: break at the last blank within the width, indent what follows.</summary>
    private static void Wrap(StringBuilder output, int nextLineTabStop, string text)
    {
        var pos = WrapPos(text);
        if (pos == -1)
        {
            output.Append(text.TrimEnd());
            return;
        }

        output.Append(text[..pos].TrimEnd()).Append('\n');
        if (nextLineTabStop >= Width)
        {
            nextLineTabStop = 1;
        }

        var padding = new string(' ', nextLineTabStop);
        while (true)
        {
            text = padding + text[pos..].Trim();
            pos = WrapPos(text);
            if (pos == -1)
            {
                output.Append(text);
                return;
            }

            if (text.Length > Width && pos == nextLineTabStop - 1)
            {
                pos = Width;
            }

            output.Append(text[..pos].TrimEnd()).Append('\n');
        }
    }

    private static int WrapPos(string text)
    {
        if (Width >= text.Length)
        {
            return -1;
        }

        var pos = Width;
        while (pos >= 0 && text[pos] != ' ')
        {
            pos--;
        }

        return pos > 0 ? pos : Width;
    }
}
