namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What a consumer's offset store factory (<see cref="ConsumerOptions.WithOffsetStore(Func{OffsetStoreContext, IOffsetStore})"/>)
/// is given at Start: the group, the client, the message model, and the two built-in stores to use or wrap (Java:
/// <c>setOffsetStore</c>, whose built-in stores take the client instance and the group).
/// </summary>
public sealed class OffsetStoreContext
{
    private readonly IRMQClient _client;
    private readonly ILogger _logger;
    private readonly string? _localDirectory;

    internal OffsetStoreContext(string consumerGroup, MessageModel model, IRMQClient client, ILogger logger, string? localDirectory)
    {
        ConsumerGroup = consumerGroup;
        Model = model;
        _client = client;
        _logger = logger;
        _localDirectory = localDirectory;
    }

    /// <summary>The consumer group, with its namespace.</summary>
    public string ConsumerGroup { get; }

    /// <summary>Clustering (the built-in store is the brokers') or broadcasting (a local file).</summary>
    public MessageModel Model { get; }

    /// <summary>The client id (ip@instance).</summary>
    public string ClientID => _client.ClientID();

    /// <summary>The store a clustering consumer uses by default: offsets kept on the brokers (Java: RemoteBrokerOffsetStore).</summary>
    public RemoteBrokerOffsetStore NewRemoteBrokerOffsetStore() => new(ConsumerGroup, _client, _client.GetNameSrv(), _logger);

    /// <summary>
    /// The store a broadcasting consumer uses by default: a file under <paramref name="baseDirectory"/>, else
    /// <see cref="ConsumerOptions.LocalOffsetStoreDir"/>, else the Go client's default (Java: LocalFileOffsetStore).
    /// </summary>
    public LocalFileOffsetStore NewLocalFileOffsetStore(string? baseDirectory = null)
        => new(ClientID, ConsumerGroup, _logger, baseDirectory ?? _localDirectory);
}
