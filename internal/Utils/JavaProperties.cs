using System.Text;

namespace RocketMQ.Go.Port.Internal.Utils;

/// <summary>
/// The "key=value" lines brokers and name servers exchange configurations in (Java: MixAll.properties2String and
/// string2Properties, the bodies of GET/UPDATE_BROKER_CONFIG and GET/UPDATE_NAMESRV_CONFIG).
/// </summary>
internal static class JavaProperties
{
    /// <summary>One "key=value\n" line per entry, unescaped as Java writes them; null values are left out.</summary>
    public static byte[] Encode(IEnumerable<KeyValuePair<string, string?>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Reads what <see cref="Encode"/> writes, as Java's Properties.load does for it: blank lines and lines starting
    /// with '#' or '!' are skipped, the key ends at the first '=' or ':', blanks around the separator are dropped.
    /// Entries keep their order; a repeated key keeps its last value.
    /// </summary>
    public static List<KeyValuePair<string, string>> Decode(ReadOnlySpan<byte> body)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in Encoding.UTF8.GetString(body).Split('\n'))
        {
            var line = raw.TrimEnd('\r').TrimStart();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            var key = (separator < 0 ? line : line[..separator]).TrimEnd();
            var value = separator < 0 ? string.Empty : line[(separator + 1)..].TrimStart();
            if (index.TryGetValue(key, out var at))
            {
                entries[at] = new(key, value);
            }
            else
            {
                index[key] = entries.Count;
                entries.Add(new(key, value));
            }
        }

        return entries;
    }
}
