using System.Net;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Remoting;

/// <summary>
/// One client connection accepted by a <see cref="RemotingServer"/> (Java: the broker's Netty <c>Channel</c>).
/// Processors answer through their return value, or later through <see cref="SendResponse"/> (long polling);
/// the server side can also call the client (transaction checks, rebalance notices, running-info queries).
/// </summary>
internal sealed class RemotingChannel : IConnectionHandler
{
    private readonly RemotingServer _server;
    private TcpConnection _connection = null!;

    internal RemotingChannel(RemotingServer server)
    {
        _server = server;
    }

    /// <summary>The peer's address as "ip:port", the form Java's <c>RemotingHelper.parseChannelRemoteAddr</c> gives.</summary>
    public string RemoteAddress => _connection.Address;

    /// <summary>The peer's endpoint.</summary>
    public EndPoint? RemoteEndPoint => _connection.RemoteEndPoint;

    /// <summary>The server's endpoint of this connection.</summary>
    public EndPoint? LocalEndPoint => _connection.LocalEndPoint;

    /// <summary>False once the connection has closed.</summary>
    public bool IsActive => !_connection.IsClosed;

    /// <summary>Requests this side sent on the channel that still wait for an answer.</summary>
    public int PendingRequestCount => _connection.PendingCount;

    internal TcpConnection Connection => _connection;

    internal void Attach(TcpConnection connection) => _connection = connection;

    /// <summary>
    /// Sends a response a processor held back (it returned null). Set its opaque from the request, e.g. with
    /// <see cref="RemotingCommand.CreateResponse"/>; the response flag is set here. Faults with
    /// <see cref="Primitive.RemotingSendRequestException"/> when the channel has closed.
    /// </summary>
    public Task SendResponse(RemotingCommand response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.MarkResponse();
        var send = _connection.SendAsync(response, CancellationToken.None);
        return send.IsCompletedSuccessfully ? Task.CompletedTask : send.AsTask();
    }

    /// <summary>Sends a request to the client and waits for its response (Java: <c>invokeSync</c> on a channel).</summary>
    public Task<RemotingCommand> InvokeSync(RemotingCommand request, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var future = ResponseFuture.Rent(RemoteAddress, request, timeout);
        _connection.StartRequest(future, ct);
        future.ReleaseOwner();
        return future.AsValueTask().AsTask();
    }

    /// <summary>Sends a request with the oneway flag; completes once it is queued.</summary>
    public Task InvokeOneWay(RemotingCommand request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.MarkOneWay();
        var send = _connection.SendAsync(request, ct);
        return send.IsCompletedSuccessfully ? Task.CompletedTask : send.AsTask();
    }

    /// <summary>Drops the connection at once; requests pending on it fail.</summary>
    public void Close() => _connection.Close(null);

    /// <inheritdoc />
    public override string ToString() => $"RemotingChannel[{RemoteAddress}, {(IsActive ? "active" : "closed")}]";

    void IConnectionHandler.OnRequest(TcpConnection connection, RemotingCommand request) => _server.Dispatch(this, request);

    void IConnectionHandler.OnClosed(TcpConnection connection, Exception? reason) => _server.OnChannelClosed(this);
}
