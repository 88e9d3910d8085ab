using System.Collections.Concurrent;
using System.Globalization;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// One request the fake client received, with a copy of its header fields taken when it arrived (a real transport
/// owns a request once it is handed over, and gives its pooled fields back once answered).
/// </summary>
internal sealed record SentRequest(string Addr, RemotingCommand Command, TimeSpan Timeout, bool OneWay, CancellationToken Cancellation = default)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(Command.ExtFields ?? []);

    public string? Field(string key) => Fields.TryGetValue(key, out var value) ? value : null;
}

/// <summary>
/// A scripted shared client: a route of N brokers with 4 queues each, and a handler deciding each request's
/// outcome. Lets the producer's retry, timeout and fault logic be tested without sockets.
/// </summary>
internal sealed class FakeClient : IRMQClient
{
    private readonly FakeNamesrvs _namesrvs;

    public FakeClient(params string[] brokers)
    {
        _namesrvs = new FakeNamesrvs(brokers);
    }

    /// <summary>Decides the answer of a sync request: return a response, or throw.</summary>
    public Func<SentRequest, Task<RemotingCommand>> Handler { get; set; } = r => Task.FromResult(Ok(r));

    /// <summary>Decides the outcome of a one-way request.</summary>
    public Func<SentRequest, Task> OneWayHandler { get; set; } = _ => Task.CompletedTask;

    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    public IInnerProducer? Producer { get; private set; }

    public int Starts { get; private set; }

    public int Shutdowns { get; private set; }

    public ClientOptions Options { get; set; } = new();

    public RequestResponseFutureMap RequestFutures { get; } = new();

    public FakeNamesrvs Namesrvs => _namesrvs;

    /// <summary>The broker address of broker name <paramref name="brokerName"/>.</summary>
    public static string AddrOf(string brokerName) => "10.0.0." + (brokerName[^1] - 'a' + 1) + ":10911";

    public static RemotingCommand Ok(SentRequest r, int code = ResponseCode.SUCCESS)
    {
        var response = RemotingCommand.CreateResponse(r.Command, code);
        response.ExtFields = new Dictionary<string, string>
        {
            ["msgId"] = "0A00000100002A9F00000000000000" + (r.Command.Opaque % 100).ToString("00", CultureInfo.InvariantCulture),
            ["queueId"] = r.Field("e") ?? "0",
            ["queueOffset"] = "7",
        };
        return response;
    }

    public void Start() => Starts++;

    public Task Shutdown(CancellationToken cancellationToken = default)
    {
        Shutdowns++;
        return Task.CompletedTask;
    }

    public string ClientID() => "127.0.0.1@fake";

    public void RegisterProducer(string group, IInnerProducer producer)
    {
        if (Producer is not null)
        {
            throw new MQClientException(ClientErrors.ErrProducerCreated, "registered");
        }

        Producer = producer;
    }

    public void UnregisterProducer(string group) => Producer = null;

    public async Task<RemotingCommand> InvokeSync(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var sent = new SentRequest(addr, request, timeout, false, cancellationToken);
        Requests.Enqueue(sent);
        return await Handler(sent).ConfigureAwait(false);
    }

    /// <summary>The reader form: the handler's response is read as the transport would lend it.</summary>
    public async ValueTask<TResult> InvokeAsync<TState, TResult>(string addr, RemotingCommand request, TimeSpan timeout,
        Func<RemotingCommand, TState, TResult> read, TState state, CancellationToken cancellationToken = default)
        => read(await InvokeSync(addr, request, timeout, cancellationToken).ConfigureAwait(false), state);

    public async Task InvokeOneWay(string addr, RemotingCommand request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var sent = new SentRequest(addr, request, timeout, true);
        Requests.Enqueue(sent);
        await OneWayHandler(sent).ConfigureAwait(false);
    }

    public Task CheckClientInBroker(string consumerGroup, IReadOnlyList<SubscriptionData> subscriptions, CancellationToken cancellationToken = default)
        => Task.CompletedTask;

    public Task SendHeartbeatToAllBrokerWithLock(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task UpdateTopicRouteInfo(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<bool> HeartbeatBroker(string brokerAddr, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<bool> WaitForBroker(string brokerAddr, TimeSpan max, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task BrokerUnreachable(string topic, string brokerAddr) => Task.CompletedTask;

    public void ProcessSendResponse(string brokerName, RemotingCommand response, SendResult result, IReadOnlyList<Message> msgs, MessageQueue? selected)
    {
        result.Status = response.Code switch
        {
            ResponseCode.SUCCESS => SendStatus.SendOK,
            ResponseCode.FLUSH_DISK_TIMEOUT => SendStatus.SendFlushDiskTimeout,
            _ => throw new MQBrokerException(response.Code, response.Remark),
        };
        result.MsgID = string.Join(',', msgs.Select(m => m.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex)));
        result.OffsetMsgID = response.GetExtField("msgId") ?? string.Empty;
        result.QueueOffset = long.Parse(response.GetExtField("queueOffset") ?? "0", CultureInfo.InvariantCulture);
        result.MessageQueue = new MessageQueue(msgs[0].Topic, brokerName, int.Parse(response.GetExtField("queueId") ?? "0", CultureInfo.InvariantCulture));
    }

    public void RegisterConsumer(string group, IInnerConsumer consumer) => throw new NotSupportedException();

    public void UnregisterConsumer(string group) => throw new NotSupportedException();

    public Task<PullResult> PullMessage(string brokerAddr, PullMessageRequestHeader header, TimeSpan timeout, CancellationToken cancellationToken = default)
        => throw new NotSupportedException();

    public Task RebalanceImmediately(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RebalanceIfNotPaused(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void UpdatePublishInfo(string topic, TopicRouteData? data, bool changed)
    {
    }

    public INamesrvs GetNameSrv() => _namesrvs;

    /// <summary>Builds a producer wired to this client; <paramref name="clock"/> drives the fault strategy.</summary>
    public DefaultProducer NewProducer(Func<long>? clock = null, params ProducerOption[] opts)
        => DefaultProducer.Create(ProducerOptions.Build([ProducerOptions.WithNameServer("127.0.0.1:9876"), .. opts]), _ => this, clock);
}

/// <summary>Name server view of <see cref="FakeClient"/>: every topic is on every broker, 4 queues each.</summary>
internal sealed class FakeNamesrvs(string[] brokers) : INamesrvs
{
    public int RouteQueries;

    public HashSet<string> UnknownTopics { get; } = [];

    /// <summary>Route queries that still fail as if no name server answered.</summary>
    public int FailingRouteQueries;

    public TopicRouteData Route()
    {
        var route = new TopicRouteData();
        foreach (var broker in brokers)
        {
            route.QueueDataList.Add(new QueueData { BrokerName = broker, ReadQueueNums = 4, WriteQueueNums = 4, Perm = 6 });
            route.BrokerDataList.Add(new BrokerData
            {
                Cluster = "DefaultCluster",
                BrokerName = broker,
                BrokerAddresses = new Dictionary<long, string> { [0] = FakeClient.AddrOf(broker) },
            });
        }

        return route;
    }

    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref RouteQueries);
        if (Interlocked.Decrement(ref FailingRouteQueries) >= 0)
        {
            return Task.FromException<(TopicRouteData, bool)>(new RemotingConnectException("127.0.0.1:9876", "refused"));
        }

        if (UnknownTopics.Contains(topic))
        {
            throw new MQClientException(ClientErrors.ErrTopicNotExist, topic);
        }

        return Task.FromResult((Route(), true));
    }

    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, CancellationToken cancellationToken = default)
        => Task.FromResult((Route(), true));

    public string? FindBrokerAddrByName(string brokerName) => brokers.Contains(brokerName) ? FakeClient.AddrOf(brokerName) : null;

    public Task UpdateNameServerAddress(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void AddBroker(TopicRouteData routeData)
    {
    }

    public void CleanOfflineBroker()
    {
    }

    public Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(string topic, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public string? FindBrokerAddrByTopic(string topic) => null;

    public FindBrokerResult? FindBrokerAddressInSubscribe(string brokerName, long brokerId, bool onlyThisBroker) => null;

    public Task<IReadOnlyList<MessageQueue>> FetchSubscribeMessageQueues(string topic, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IReadOnlyList<string> AddrList() => ["127.0.0.1:9876"];

    public void AddBrokerVersion(string brokerName, string brokerAddr, int version)
    {
    }

    public int FindBrokerVersion(string brokerName, string brokerAddr) => 0;

    public TopicRouteData? GetTopicRouteData(string topic) => Route();

    public IReadOnlyList<BrokerData> GetBrokerDataList() => Route().BrokerDataList;

    public Task<bool> CheckTopicRouteHasTopic(string topic, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public ValueTask DisposeAsync() => default;
}
