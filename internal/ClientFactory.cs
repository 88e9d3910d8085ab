using System.Collections.Concurrent;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The process-wide map of shared clients by client id (Go: client.go <c>clientMap</c> and
/// <c>GetOrNewRocketMQClient</c>).
/// </summary>
internal static class RMQClientFactory
{
    private static readonly ConcurrentDictionary<string, RMQClient> Clients = new(StringComparer.Ordinal);
    private static readonly object CreateLock = new();

    /// <summary>
    /// The client of <paramref name="options"/>' client id, created when there is none (Go:
    /// <c>GetOrNewRocketMQClient</c>; no callback channel: CHECK_TRANSACTION_STATE goes to
    /// <see cref="IInnerProducer.CheckTransactionState"/>). An existing client is returned only when its name
    /// servers are the same; otherwise <see cref="MQClientException"/> (Go logs and returns nil).
    /// </summary>
    public static IRMQClient GetOrNewRocketMQClient(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientId = options.ClientID();
        lock (CreateLock)
        {
            if (Clients.TryGetValue(clientId, out var existing) && !existing.IsShutdown)
            {
                existing.CheckSameNameServers(options);
                return existing;
            }

            var client = new RMQClient(options);
            Clients[clientId] = client;
            return client;
        }
    }

    /// <summary>The live client of <paramref name="clientId"/>, or null (Go: <c>clientMap.Load</c>).</summary>
    public static IRMQClient? Find(string clientId) => Clients.TryGetValue(clientId, out var client) ? client : null;

    /// <summary>Clients in the map, for tests and diagnostics.</summary>
    public static int Count => Clients.Count;

    internal static void Remove(RMQClient client)
    {
        // Only this instance: a new client with the same id may already be registered.
        Clients.TryRemove(new KeyValuePair<string, RMQClient>(client.ClientID(), client));
    }
}
