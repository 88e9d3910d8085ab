using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>The shared client (Go: client.go <c>rmqClient</c>). Skeleton: being implemented.</summary>
internal sealed partial class RmqClient : IRMQClient
{
    private readonly ClientOptions _options;

    internal RmqClient(ClientOptions options)
    {
        _options = options;
    }

    internal bool IsShutdown { get; private set; }

    public ClientOptions Options => _options;

    public RequestResponseFutureMap RequestFutures { get; } = new();

    internal void CheckSameNameServers(ClientOptions options) => throw new NotImplementedException();

    public void Start() => throw new NotImplementedException();

    public Task Shutdown() => throw new NotImplementedException();

    public string ClientID() => _options.ClientID();

    public void RegisterProducer(string group, IInnerProducer producer) => throw new NotImplementedException();

    public void UnregisterProducer(string group) => throw new NotImplementedException();

    public Task<RemotingCommand> InvokeSync(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void InvokeAsync(string addr, RemotingCommand request, TimeSpan timeout, Action<RemotingCommand?, Exception?> callback) => throw new NotImplementedException();

    public Task InvokeOneWay(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void CheckClientInBroker()
    {
    }

    public Task SendHeartbeatToAllBrokerWithLock(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task UpdateTopicRouteInfo(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public SendResult ProcessSendResponse(string brokerName, RemotingCommand response, IReadOnlyList<Message> msgs) => throw new NotImplementedException();

    public void ProcessSendResponse(string brokerName, RemotingCommand response, SendResult result, IReadOnlyList<Message> msgs) => throw new NotImplementedException();

    public void RegisterConsumer(string group, IInnerConsumer consumer) => throw new NotImplementedException();

    public void UnregisterConsumer(string group) => throw new NotImplementedException();

    public Task<PullResult> PullMessage(string brokerAddr, PullMessageRequestHeader header, TimeSpan timeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task RebalanceImmediately(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task RebalanceIfNotPaused(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public void UpdatePublishInfo(string topic, TopicRouteData? data, bool changed) => throw new NotImplementedException();

    public INamesrvs GetNameSrv() => throw new NotImplementedException();

    public void RegisterACL()
    {
    }
}
