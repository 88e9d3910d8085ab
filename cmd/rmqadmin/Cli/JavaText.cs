using System.Globalization;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

/// <summary>
/// What mqadmin's printf formats do to values, so columns line up exactly as in its output: %-Ns and %Ns padding,
/// %.Nf numbers, UtilAll's truncation and date formats (local time), Java's Double.toString and Map.toString.
/// </summary>
internal static class JavaText
{
    /// <summary>%-Ns: left-aligned in at least <paramref name="width"/> characters.</summary>
    public static string L(string? value, int width) => (value ?? "null").PadRight(width);

    /// <summary>%Ns: right-aligned in at least <paramref name="width"/> characters.</summary>
    public static string R(string? value, int width) => (value ?? "null").PadLeft(width);

    /// <summary>%-Nd.</summary>
    public static string L(long value, int width) => Str(value).PadRight(width);

    /// <summary>%Nd.</summary>
    public static string R(long value, int width) => Str(value).PadLeft(width);

    /// <summary>%.Nf (Java rounds half up, as .NET's fixed-point format does).</summary>
    public static string F(double value, int decimals) => value.ToString("F" + Str(decimals), CultureInfo.InvariantCulture);

    /// <summary>UtilAll.frontStringAtLeast: the first <paramref name="size"/> characters of a longer string.</summary>
    public static string Front(string? value, int size) => value is null ? "null" : value.Length > size ? value[..size] : value;

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Java's String.valueOf(boolean).</summary>
    public static string Str(bool value) => value ? "true" : "false";

    /// <summary>Java's Double.toString: "0.0", "1.5", "401.3321554770318".</summary>
    public static string JavaDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || !double.IsFinite(value) ? text : text + ".0";
    }

    /// <summary>UtilAll.timeMillisToHumanString2: "yyyy-MM-dd HH:mm:ss,SSS" in local time.</summary>
    public static string TimeWithMillis(long millis) => Local(millis).ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);

    /// <summary>UtilAll.YYYY_MM_DD_HH_MM_SS: "yyyy-MM-dd HH:mm:ss" in local time.</summary>
    public static string Time(long millis) => Local(millis).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Java's AbstractMap.toString: "{k1=v1, k2=v2}".</summary>
    public static string Map<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> entries)
        => "{" + string.Join(", ", entries.Select(e => $"{Format(e.Key)}={Format(e.Value)}")) + "}";

    /// <summary>
    /// Reads a timestamp as mqadmin's options take it: epoch milliseconds, or "yyyy-MM-dd#HH:mm:ss:SSS" in local
    /// time; "now" when <paramref name="allowNow"/>.
    /// </summary>
    public static long ParseTimestamp(string text, string option, bool allowNow = false)
    {
        if (allowNow && text == "now")
        {
            return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis))
        {
            return millis;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd#HH:mm:ss:fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
        {
            return new DateTimeOffset(local).ToUnixTimeMilliseconds();
        }

        throw new UsageException($"option -{option} needs epoch milliseconds or yyyy-MM-dd#HH:mm:ss:SSS{(allowNow ? " or now" : string.Empty)}, not '{text}'");
    }

    private static DateTime Local(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis).LocalDateTime;

    private static string Format<T>(T value) => value switch
    {
        null => "null",
        bool b => Str(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
