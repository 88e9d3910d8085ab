using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Where a header's <c>Decode</c> reads its fields: a received command, read field by field from its frame (the
/// client's processors and the broker: no map of strings is built), or a map (tests, captured frames).
/// </summary>
internal readonly struct HeaderFieldSource
{
    private readonly RemotingCommand? _command;
    private readonly IReadOnlyDictionary<string, string>? _map;

    private HeaderFieldSource(RemotingCommand? command, IReadOnlyDictionary<string, string>? map)
    {
        _command = command;
        _map = map;
    }

    /// <summary>The fields of <paramref name="command"/>, as they are held: lazily decoded, packed or a map.</summary>
    public static implicit operator HeaderFieldSource(RemotingCommand? command) => new(command, null);

    /// <summary>The fields of <paramref name="map"/>; none when null.</summary>
    public static implicit operator HeaderFieldSource(Dictionary<string, string>? map) => new(null, map);

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    public string? Get(string key)
        => _command is not null ? _command.GetExtField(key)
            : _map is not null && _map.TryGetValue(key, out var value) ? value
            : null;

    /// <summary>The number in <paramref name="key"/> without a string when the frame holds it as digits.</summary>
    public bool TryGetNumber(string key, out long value)
    {
        if (_command is not null && _command.TryGetExtField(key, out value))
        {
            return true;
        }

        return long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
