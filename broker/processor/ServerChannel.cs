using System.Net;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>Adapts a transport channel to what the broker's managers need.</summary>
internal sealed class ServerChannel(RemotingChannel channel) : IClientChannel
{
    public RemotingChannel Channel { get; } = channel;

    public string RemoteAddress => Channel.RemoteAddress;

    public IPEndPoint RemoteEndPoint => Channel.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.Loopback, 0);

    public bool IsActive => Channel.IsActive;

    public Task SendResponse(RemotingCommand response) => Channel.SendResponse(response);

    public Task<RemotingCommand> InvokeSync(RemotingCommand request, TimeSpan timeout, CancellationToken ct = default) => Channel.InvokeSync(request, timeout, ct);

    public Task InvokeOneWay(RemotingCommand request) => Channel.InvokeOneWay(request);

    public void Close() => Channel.Close();
}
