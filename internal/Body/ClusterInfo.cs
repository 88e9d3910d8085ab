using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Body of GET_BROKER_CLUSTER_INFO (106): every broker group and cluster. Go lacks it.</summary>
internal sealed class ClusterInfo : IRemotingBody<ClusterInfo>
{
    /// <summary>Broker name to its group.</summary>
    public Dictionary<string, BrokerData> BrokerAddrTable { get; set; } = [];

    /// <summary>Cluster name to its broker names.</summary>
    public Dictionary<string, List<string>> ClusterAddrTable { get; set; } = [];

    /// <inheritdoc />
    public static ClusterInfo Decode(ReadOnlySpan<byte> body)
    {
        var obj = FastJson.ParseObject(body);
        var info = new ClusterInfo();
        if (obj.GetObject("brokerAddrTable") is { } brokers)
        {
            foreach (var entry in brokers)
            {
                info.BrokerAddrTable[entry.Name ?? string.Empty] = BrokerData.Read(entry.Value.AsObject());
            }
        }

        if (obj.GetObject("clusterAddrTable") is { } clusters)
        {
            foreach (var entry in clusters)
            {
                info.ClusterAddrTable[entry.Name ?? string.Empty] = BodyJson.ReadStrings(entry.Value.IsNull ? null : entry.Value.AsArray());
            }
        }

        return info;
    }

    /// <inheritdoc />
    public byte[] Encode() => FastJsonWriter.ToUtf8Bytes(this, static (w, info) =>
    {
        w.WriteStartObject();
        w.WritePropertyName("brokerAddrTable");
        w.WriteStartObject();
        foreach (var (name, broker) in info.BrokerAddrTable)
        {
            w.WritePropertyName(name);
            broker.Write(w);
        }

        w.WriteEndObject();
        w.WritePropertyName("clusterAddrTable");
        w.WriteStartObject();
        foreach (var (cluster, names) in info.ClusterAddrTable)
        {
            BodyJson.WriteStrings(w, cluster, names);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}
