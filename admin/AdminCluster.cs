using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Broker and name server administration, what Java's <c>DefaultMQAdminExt</c> offers and Go never had: runtime
/// stats, configurations, the name servers' key-value store and a broker's write permission.
/// </summary>
public partial interface IAdmin
{
    /// <summary>
    /// The broker's runtime info table (Java: <c>fetchBrokerRuntimeStats</c>, what <c>mqadmin brokerStatus</c>
    /// prints): put/get rates ("putTps" is "10s-rate 60s-rate 600s-rate"), totals, version, disk use, under Java's keys.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FetchBrokerRuntimeStats(CancellationToken ctx, string brokerAddr);

    /// <summary>The broker's settings under Java's property names, in the order the broker sent them (Java: <c>getBrokerConfig</c>).</summary>
    Task<IReadOnlyDictionary<string, string>> GetBrokerConfig(CancellationToken ctx, string brokerAddr);

    /// <summary>Changes broker settings at run time (Java: <c>updateBrokerConfig</c>); the broker's refusal is an <see cref="MQBrokerException"/>.</summary>
    Task UpdateBrokerConfig(CancellationToken ctx, string brokerAddr, IReadOnlyDictionary<string, string> properties);

    /// <summary>The name server addresses the admin uses, resolved now when needed (Java: <c>getNameServerAddressList</c>).</summary>
    Task<IReadOnlyList<string>> GetNameServerAddressList(CancellationToken ctx);

    /// <summary>
    /// Each name server's settings, by address (Java: <c>getNameServerConfig</c>): the ones in
    /// <paramref name="nameServers"/>, or every name server of the admin.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> GetNameServerConfig(CancellationToken ctx, IReadOnlyList<string>? nameServers = null);

    /// <summary>Changes name server settings (Java: <c>updateNameServerConfig</c>) on <paramref name="nameServers"/>, or on every one.</summary>
    Task UpdateNameServerConfig(CancellationToken ctx, IReadOnlyDictionary<string, string> properties, IReadOnlyList<string>? nameServers = null);

    /// <summary>Puts a key into a namespace of every name server's key-value store (Java: <c>createAndUpdateKvConfig</c>).</summary>
    Task CreateAndUpdateKvConfig(CancellationToken ctx, string ns, string key, string value);

    /// <summary>Removes a key from every name server's key-value store (Java: <c>deleteKvConfig</c>).</summary>
    Task DeleteKvConfig(CancellationToken ctx, string ns, string key);

    /// <summary>A key's value from the first name server that answers, or null when it has none (Java: <c>getKVConfig</c>).</summary>
    Task<string?> GetKvConfig(CancellationToken ctx, string ns, string key);

    /// <summary>
    /// Takes the write permission of every topic of broker <paramref name="brokerName"/> away in one name server's
    /// routes (Java: <c>wipeWritePermOfBroker</c>): producers stop sending there once they refresh their routes.
    /// Returns how many topics changed. Lasts until the broker registers a changed topic table.
    /// </summary>
    Task<int> WipeWritePermOfBroker(CancellationToken ctx, string nameServerAddr, string brokerName);

    /// <summary>Gives the write permission back (Java: <c>addWritePermOfBroker</c>); returns how many topics changed.</summary>
    Task<int> AddWritePermOfBroker(CancellationToken ctx, string nameServerAddr, string brokerName);
}
