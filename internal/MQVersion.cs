using System.Globalization;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// RocketMQ versions as the protocol numbers them (Go: internal/mq_version.go, which only defines V4_1_0; Java:
/// <c>MQVersion</c>, whose enum ordinal is the number in every header's <c>version</c> field). The names are
/// computed from the layout of Java's enum rather than listed: V3_0_0's sixteen pre-releases, then a SNAPSHOT and a
/// release per version from V3_0_1 to V3_0_15, V3_1_0 to V3_2_9, V3_3_1 to V3_9_9 (no x.y.0 from 3.3 on) and
/// V4_0_0 to V5_9_9, then HIGHER_VERSION.
/// </summary>
internal static class MQVersion
{
    /// <summary>The version this client announces: V4_9_8, as the captured Java 4.9.8 client sends.</summary>
    public const int Current = 409;

    /// <summary>Java's name for every number past its table.</summary>
    public const string HigherVersion = "HIGHER_VERSION";

    private const int From301 = 16, From310 = 46, From331 = 86, From400 = 212, TableEnd = 612;

    private static readonly string[] PreReleases300 =
    [
        "V3_0_0_SNAPSHOT", "V3_0_0_ALPHA1", "V3_0_0_BETA1", "V3_0_0_BETA2", "V3_0_0_BETA3", "V3_0_0_BETA4", "V3_0_0_BETA5",
        "V3_0_0_BETA6_SNAPSHOT", "V3_0_0_BETA6", "V3_0_0_BETA7_SNAPSHOT", "V3_0_0_BETA7", "V3_0_0_BETA8_SNAPSHOT",
        "V3_0_0_BETA8", "V3_0_0_BETA9_SNAPSHOT", "V3_0_0_BETA9", "V3_0_0_FINAL",
    ];

    /// <summary>
    /// The version's name for a header number ("V4_9_8" for 409), as Java's <c>getVersionDesc</c> prints it:
    /// numbers past the table are HIGHER_VERSION; a negative number (Java throws) reads as the first version.
    /// </summary>
    public static string GetVersionDesc(int value)
    {
        if (value < From301)
        {
            return PreReleases300[Math.Max(value, 0)];
        }

        if (value >= TableEnd)
        {
            return HigherVersion;
        }

        var (major, minor, patch, offset) = value switch
        {
            < From310 => (3, 0, 1 + ((value - From301) / 2), value - From301),
            < From331 => (3, 1 + ((value - From310) / 20), (value - From310) / 2 % 10, value - From310),
            < From400 => (3, 3 + ((value - From331) / 18), 1 + ((value - From331) / 2 % 9), value - From331),
            _ => (4 + ((value - From400) / 200), (value - From400) / 20 % 10, (value - From400) / 2 % 10, value - From400),
        };
        return string.Create(CultureInfo.InvariantCulture, $"V{major}_{minor}_{patch}{(offset % 2 == 0 ? "_SNAPSHOT" : string.Empty)}");
    }
}
