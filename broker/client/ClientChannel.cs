using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Client;

/// <summary>
/// The broker's view of one client connection: what it needs to answer held pulls and to call the client back.
/// An interface so the managers can be tested without sockets.
/// </summary>
internal interface IClientChannel
{
    /// <summary>"host:port" of the client.</summary>
    string RemoteAddress { get; }

    /// <summary>False once the connection closed.</summary>
    bool IsActive { get; }

    /// <summary>Sends a response to an earlier request (held long polls).</summary>
    Task SendResponse(RemotingCommand response);

    /// <summary>Calls the client and waits for its answer.</summary>
    Task<RemotingCommand> InvokeSync(RemotingCommand request, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Calls the client without waiting for an answer.</summary>
    Task InvokeOneWay(RemotingCommand request);

    /// <summary>Drops the connection.</summary>
    void Close();
}

/// <summary>One registered client connection (Java: ClientChannelInfo).</summary>
internal sealed class ClientChannelInfo(IClientChannel channel, string clientId, LanguageCode language, int version, long lastUpdate)
{
    public IClientChannel Channel { get; } = channel;

    public string ClientId { get; } = clientId;

    public LanguageCode Language { get; } = language;

    public int Version { get; } = version;

    /// <summary>Last heartbeat, Java milliseconds.</summary>
    public long LastUpdateTimestamp { get; set; } = lastUpdate;
}
