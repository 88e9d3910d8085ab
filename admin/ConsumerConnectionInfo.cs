using Body = RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Admin;

/// <summary>A consumer group's live clients and subscriptions (Java: <c>ConsumerConnection</c>).</summary>
/// <param name="Connections">One entry per connected client.</param>
/// <param name="Subscriptions">Subscribed topic to its expression.</param>
/// <param name="ConsumeType">CONSUME_PASSIVELY (push) or CONSUME_ACTIVELY (pull).</param>
/// <param name="MessageModel">CLUSTERING or BROADCASTING.</param>
/// <param name="ConsumeFromWhere">Where a new group starts, e.g. CONSUME_FROM_LAST_OFFSET.</param>
public sealed record ConsumerConnectionInfo(
    IReadOnlyList<ClientConnection> Connections,
    IReadOnlyDictionary<string, string> Subscriptions,
    string? ConsumeType,
    string? MessageModel,
    string? ConsumeFromWhere)
{
    internal static ConsumerConnectionInfo From(Body.ConsumerConnection body)
    {
        var connections = new List<ClientConnection>(body.ConnectionSet.Count);
        foreach (var c in body.ConnectionSet)
        {
            connections.Add(new ClientConnection(c.ClientId, c.ClientAddr, c.Language, c.Version));
        }

        connections.Sort(static (a, b) => string.CompareOrdinal(a.ClientId, b.ClientId));
        var subscriptions = new Dictionary<string, string>(body.SubscriptionTable.Count, StringComparer.Ordinal);
        foreach (var (topic, sub) in body.SubscriptionTable)
        {
            subscriptions[topic] = sub.SubString;
        }

        return new ConsumerConnectionInfo(connections, subscriptions, body.ConsumeType, body.MessageModel, body.ConsumeFromWhere);
    }
}

/// <summary>One connected client of a group.</summary>
/// <param name="ClientId">Client id (ip@instance).</param>
/// <param name="ClientAddr">Remote address as the broker sees it.</param>
/// <param name="Language">JAVA, DOTNET, GO, ...</param>
/// <param name="Version">Protocol version number (409 = V4_9_8).</param>
public sealed record ClientConnection(string ClientId, string ClientAddr, string Language, int Version)
{
    /// <summary>The version's name as Java prints it ("V4_9_8").</summary>
    public string VersionDesc => Body.MQVersion.GetVersionDesc(Version);
}
