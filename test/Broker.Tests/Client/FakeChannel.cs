using System.Collections.Concurrent;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests.Client;

internal sealed class FakeChannel(string address = "127.0.0.1:50000") : IClientChannel
{
    public ConcurrentQueue<RemotingCommand> OneWays { get; } = new();

    public ConcurrentQueue<RemotingCommand> Responses { get; } = new();

    public Func<RemotingCommand, RemotingCommand>? OnInvoke { get; set; }

    public string RemoteAddress { get; } = address;

    public bool IsActive { get; private set; } = true;

    public Task SendResponse(RemotingCommand response)
    {
        Responses.Enqueue(response);
        return Task.CompletedTask;
    }

    public Task<RemotingCommand> InvokeSync(RemotingCommand request, TimeSpan timeout, CancellationToken ct = default)
        => Task.FromResult(OnInvoke?.Invoke(request) ?? RemotingCommand.CreateResponse(request, 0));

    public Task InvokeOneWay(RemotingCommand request)
    {
        OneWays.Enqueue(request);
        return Task.CompletedTask;
    }

    public void Close() => IsActive = false;
}
