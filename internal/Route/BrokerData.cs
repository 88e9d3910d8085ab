using System.Globalization;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>A broker group: its name, cluster and the address of each broker id (Go: route.go <c>BrokerData</c>).</summary>
internal sealed class BrokerData : IEquatable<BrokerData>
{
    /// <summary>Cluster name.</summary>
    public string Cluster { get; set; } = string.Empty;

    /// <summary>Broker name.</summary>
    public string BrokerName { get; set; } = string.Empty;

    /// <summary>Broker id (0 = master) to address (Go: <c>BrokerAddresses</c>, JSON <c>brokerAddrs</c>).</summary>
    public Dictionary<long, string> BrokerAddresses { get; set; } = [];

    /// <summary>The master's address, or null when the group has no master now.</summary>
    public string? MasterAddress => BrokerAddresses.TryGetValue(Constants.MasterId, out var addr) ? addr : null;

    /// <summary>
    /// The master's address, or any other broker's when there is no master (Java: <c>selectBrokerAddr</c>; null
    /// when the group has no address at all).
    /// </summary>
    public string? SelectBrokerAddr()
    {
        if (MasterAddress is { } master)
        {
            return master;
        }

        if (BrokerAddresses.Count == 0)
        {
            return null;
        }

        var pick = Random.Shared.Next(BrokerAddresses.Count);
        foreach (var addr in BrokerAddresses.Values)
        {
            if (pick-- == 0)
            {
                return addr;
            }
        }

        return null;
    }

    internal static BrokerData Read(FastJsonObject obj)
    {
        var data = new BrokerData
        {
            Cluster = obj.GetString("cluster") ?? string.Empty,
            BrokerName = obj.GetString("brokerName") ?? string.Empty,
        };
        if (obj.GetObject("brokerAddrs") is { } addrs)
        {
            foreach (var entry in addrs)
            {
                // Keys are broker ids: unquoted numbers from older name servers, quoted strings from 4.9.8.
                var id = entry.Name is { } name && long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new RemotingProtocolException($"broker id '{entry.Key}' of {data.BrokerName} is not a number");
                if (entry.Value.GetString() is { } addr)
                {
                    data.BrokerAddresses[id] = addr;
                }
            }
        }

        return data;
    }

    internal void Write(FastJsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("brokerAddrs");
        writer.WriteStartObject();
        var ids = new List<long>(BrokerAddresses.Keys);
        ids.Sort(); // Java's HashMap<Long> iterates small ids in ascending order
        foreach (var id in ids)
        {
            writer.WriteString(id.ToString(CultureInfo.InvariantCulture), BrokerAddresses[id]);
        }

        writer.WriteEndObject();
        writer.WriteString("brokerName", BrokerName);
        writer.WriteString("cluster", Cluster);
        writer.WriteEndObject();
    }

    /// <summary>A deep copy.</summary>
    public BrokerData Clone() => new() { Cluster = Cluster, BrokerName = BrokerName, BrokerAddresses = new Dictionary<long, string>(BrokerAddresses) };

    /// <summary>Go: <c>BrokerData.Equals</c>.</summary>
    public bool Equals(BrokerData? other)
    {
        if (other is null || Cluster != other.Cluster || BrokerName != other.BrokerName || BrokerAddresses.Count != other.BrokerAddresses.Count)
        {
            return false;
        }

        foreach (var (id, addr) in BrokerAddresses)
        {
            if (!other.BrokerAddresses.TryGetValue(id, out var otherAddr) || otherAddr != addr)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BrokerData);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Cluster, BrokerName, BrokerAddresses.Count);

    /// <inheritdoc />
    public override string ToString()
        => $"BrokerData [brokerName={BrokerName}, cluster={Cluster}, brokerAddrs={{{string.Join(", ", BrokerAddresses.Select(kv => kv.Key + "=" + kv.Value))}}}]";
}
