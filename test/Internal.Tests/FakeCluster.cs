using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Counts a server's channels so a test can await "every connection closed" without polling.</summary>
internal sealed class ChannelTracker
{
    private readonly object _lock = new();
    private int _open;
    private int _seen;
    private TaskCompletionSource _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ChannelTracker(RemotingServer server)
    {
        server.ChannelOpened += _ =>
        {
            lock (_lock)
            {
                if (_open++ == 0 && _allClosed.Task.IsCompleted)
                {
                    _allClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                _seen++;
            }
        };
        server.ChannelClosed += _ =>
        {
            lock (_lock)
            {
                if (--_open == 0)
                {
                    _allClosed.TrySetResult();
                }
            }
        };
    }

    /// <summary>Completes when at least one channel was opened and none is open now.</summary>
    public Task AllClosed
    {
        get
        {
            lock (_lock)
            {
                return _seen > 0 && _open == 0 ? Task.CompletedTask : _allClosed.Task;
            }
        }
    }
}

/// <summary>A name server answering GET_ROUTEINFO_BY_TOPIC from a settable table, on 127.0.0.1.</summary>
internal sealed class FakeNameServer : IAsyncDisposable
{
    private readonly RemotingServer _server = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentDictionary<string, TopicRouteData> _routes = new(StringComparer.Ordinal);
    private readonly ChannelTracker _tracker;
    private int _queries;
    private TaskCompletionSource? _hold;

    public FakeNameServer()
    {
        _tracker = new ChannelTracker(_server);
        _server.RegisterProcessor(RequestCode.GET_ROUTEINFO_BY_TOPIC, async (request, _) =>
        {
            Interlocked.Increment(ref _queries);
            if (Volatile.Read(ref _hold) is { } hold)
            {
                await hold.Task.ConfigureAwait(false);
            }

            LastRouteRequest = request;
            var topic = request.GetExtField("topic") ?? string.Empty;
            RemotingCommand response;
            if (_routes.TryGetValue(topic, out var route))
            {
                response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
                response.Body = route.Encode();
            }
            else
            {
                response = RemotingCommand.CreateResponse(request, ResponseCode.TOPIC_NOT_EXIST, $"No topic route info in name server for the topic: {topic}");
            }

            return response;
        });
        _server.Start();
    }

    public string Address => _server.Address;

    public int Queries => Volatile.Read(ref _queries);

    public Task AllChannelsClosed => _tracker.AllClosed;

    public RemotingCommand? LastRouteRequest { get; private set; }

    public void SetRoute(string topic, TopicRouteData route) => _routes[topic] = route;

    public void RemoveRoute(string topic) => _routes.TryRemove(topic, out _);

    /// <summary>Holds route answers until the returned source is completed.</summary>
    public TaskCompletionSource HoldRouteAnswers()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, hold);
        return hold;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A route with one broker group per (name, address), each holding <paramref name="queues"/> read/write queues.</summary>
    public static TopicRouteData Route(int queues, params (string Name, string MasterAddr)[] brokers)
    {
        var route = new TopicRouteData();
        foreach (var (name, addr) in brokers)
        {
            route.BrokerDataList.Add(new BrokerData { Cluster = "DefaultCluster", BrokerName = name, BrokerAddresses = new() { [0] = addr } });
            route.QueueDataList.Add(new QueueData { BrokerName = name, ReadQueueNums = queues, WriteQueueNums = queues, Perm = Perm.Read | Perm.Write });
        }

        return route;
    }

    /// <summary>An address where nothing listens (connection refused at once).</summary>
    public static string DeadAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}

/// <summary>A broker recording heartbeats and unregisters, answering pulls from a settable function.</summary>
internal sealed class FakeBroker : IAsyncDisposable
{
    private readonly RemotingServer _server;
    private readonly ChannelTracker _tracker;

    /// <summary>A broker on <paramref name="port"/> (0: any free port).</summary>
    public FakeBroker(int port = 0)
    {
        _server = new(new IPEndPoint(IPAddress.Loopback, port));
        _tracker = new ChannelTracker(_server);
        _server.RegisterProcessor(RequestCode.HEART_BEAT, (request, _) =>
        {
            LastHeartbeatRequest = request;
            Heartbeats.Writer.TryWrite(HeartbeatData.Decode(request.Body.Span));
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS));
        });
        _server.RegisterProcessor(RequestCode.UNREGISTER_CLIENT, (request, _) =>
        {
            Unregisters.Enqueue(UnregisterClientRequestHeader.Decode(request.ExtFields));
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS));
        });
        _server.RegisterProcessor(RequestCode.SEND_MESSAGE, (request, _) =>
        {
            Sent.Writer.TryWrite(request);
            var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
            response.ExtFields = new SendMessageResponse { MsgId = "OFFSET", QueueId = int.Parse(request.GetExtField("queueId")!), QueueOffset = 1 }.Encode();
            return ValueTask.FromResult<RemotingCommand?>(response);
        });
        _server.RegisterProcessor(RequestCode.PULL_MESSAGE, (request, _) => ValueTask.FromResult<RemotingCommand?>(Pull(request)));
        _server.Start();
    }

    public string Address => _server.Address;

    public RemotingServer Server => _server;

    public Task AllChannelsClosed => _tracker.AllClosed;

    public Channel<HeartbeatData> Heartbeats { get; } = Channel.CreateUnbounded<HeartbeatData>();

    public ConcurrentQueue<UnregisterClientRequestHeader> Unregisters { get; } = new();

    public Channel<RemotingCommand> Sent { get; } = Channel.CreateUnbounded<RemotingCommand>();

    public RemotingCommand? LastHeartbeatRequest { get; private set; }

    public Func<RemotingCommand, RemotingCommand> Pull { get; set; } = r => RemotingCommand.CreateResponse(r, ResponseCode.PULL_NOT_FOUND);

    /// <summary>Sends a request to the (first) connected client and waits for its answer.</summary>
    public Task<RemotingCommand> AskClient(RemotingCommand request)
        => _server.Channels.First().InvokeSync(request, TimeSpan.FromSeconds(5));

    /// <summary>Sends a request the client does not answer (oneway).</summary>
    public Task TellClient(RemotingCommand request) => _server.Channels.First().InvokeOneWay(request);

    public async Task<HeartbeatData> NextHeartbeat() => await Heartbeats.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>Test client options: unique instance, loopback IP, short loop periods.</summary>
internal static class TestOptions
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static ClientOptions For(params string[] nameServers) => new()
    {
        ClientIP = "127.0.0.1",
        InstanceName = "test-" + Guid.NewGuid().ToString("N"),
        NameServerAddrs = nameServers,
        Intervals = new ClientIntervals
        {
            PullNameServer = TimeSpan.FromMilliseconds(100),
            PullNameServerDelay = TimeSpan.Zero,
            HeartbeatBroker = TimeSpan.FromMilliseconds(100),
            HeartbeatBrokerDelay = TimeSpan.Zero,
            PersistOffset = TimeSpan.FromMilliseconds(100),
            PersistOffsetDelay = TimeSpan.Zero,
            Rebalance = TimeSpan.FromMinutes(10),
            RebalanceDelay = TimeSpan.FromMinutes(10),
            NameServerRequestTimeout = TimeSpan.FromSeconds(3),
        },
    };
}

/// <summary>An inner producer recording what the client hands it.</summary>
internal sealed class FakeProducer(params string[] topics) : IInnerProducer
{
    public ConcurrentDictionary<string, TopicPublishInfo> PublishInfo { get; } = new(StringComparer.Ordinal);

    public Channel<(string Addr, MessageExt Msg, CheckTransactionStateRequestHeader Header)> Checks { get; } =
        Channel.CreateUnbounded<(string, MessageExt, CheckTransactionStateRequestHeader)>();

    public Channel<string> Updates { get; } = Channel.CreateUnbounded<string>();

    public Func<IReadOnlyList<string>>? OnPublishTopicList { get; set; }

    public IReadOnlyList<string> PublishTopicList() => OnPublishTopicList?.Invoke() ?? topics;

    public void UpdateTopicPublishInfo(string topic, TopicPublishInfo info)
    {
        PublishInfo[topic] = info;
        Updates.Writer.TryWrite(topic);
    }

    public bool IsPublishTopicNeedUpdate(string topic) => !PublishInfo.ContainsKey(topic);

    public bool IsUnitMode() => false;

    public void CheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
        => Checks.Writer.TryWrite((brokerAddr, msg, header));
}

/// <summary>An inner consumer recording what the client asks of it.</summary>
internal sealed class FakeConsumer(string group, params string[] topics) : IInnerConsumer
{
    private int _rebalances;
    private int _persists;

    public string Group => group;

    public ConcurrentDictionary<string, IReadOnlyList<MessageQueue>> SubscribeInfo { get; } = new(StringComparer.Ordinal);

    public Channel<int> Rebalances { get; } = Channel.CreateUnbounded<int>();

    public Channel<int> Persists { get; } = Channel.CreateUnbounded<int>();

    public Channel<(string Topic, IReadOnlyDictionary<MessageQueue, long> Table)> Resets { get; } =
        Channel.CreateUnbounded<(string, IReadOnlyDictionary<MessageQueue, long>)>();

    public Func<Task>? OnPersist { get; set; }

    public int PersistCount => Volatile.Read(ref _persists);

    public Task PersistConsumerOffset(CancellationToken cancellationToken = default)
    {
        Persists.Writer.TryWrite(Interlocked.Increment(ref _persists));
        return OnPersist?.Invoke() ?? Task.CompletedTask;
    }

    public void UpdateTopicSubscribeInfo(string topic, IReadOnlyList<MessageQueue> mqs) => SubscribeInfo[topic] = mqs;

    public bool IsSubscribeTopicNeedUpdate(string topic) => !SubscribeInfo.ContainsKey(topic);

    public IReadOnlyList<SubscriptionData> SubscriptionDataList()
    {
        var list = new List<SubscriptionData>();
        foreach (var topic in topics)
        {
            list.Add(SubscriptionData.Build(topic, "TagA || TagB", subVersion: 1));
        }

        list.Add(SubscriptionData.Build(Constants.GetRetryTopic(group), "*", subVersion: 1));
        return list;
    }

    public Task Rebalance(CancellationToken cancellationToken = default) => RebalanceIfNotPaused(cancellationToken);

    public Task RebalanceIfNotPaused(CancellationToken cancellationToken = default)
    {
        Rebalances.Writer.TryWrite(Interlocked.Increment(ref _rebalances));
        return Task.CompletedTask;
    }

    public bool IsUnitMode() => false;

    public ConsumerRunningInfo? GetConsumerRunningInfo(bool stack)
    {
        var info = new ConsumerRunningInfo();
        info.Properties[ConsumerRunningInfo.PropConsumeOrderly] = "false";
        info.SubscriptionSet.AddRange(SubscriptionDataList());
        info.MQTable[new MessageQueue(topics[0], "broker-a", 0)] = new ProcessQueueInfo { CommitOffset = 42 };
        return info;
    }

    public Task<ConsumeMessageDirectlyResult?> ConsumeMessageDirectly(MessageExt msg, string brokerName)
        => Task.FromResult<ConsumeMessageDirectlyResult?>(new ConsumeMessageDirectlyResult
        {
            ConsumeResult = ConsumeMessageDirectlyResult.CrSuccess,
            Remark = System.Text.Encoding.UTF8.GetString(msg.Body) + "@" + brokerName,
        });

    public string GetCType() => ConsumerData.ConsumePassively;

    public string GetModel() => "Clustering";

    public string GetWhere() => ConsumerData.ConsumeFromFirstOffset;

    public Task ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table)
    {
        Resets.Writer.TryWrite((topic, table));
        return Task.CompletedTask;
    }

    public GetConsumerStatusBody? GetConsumerStatus(string topic)
        => new() { MessageQueueTable = new() { [new MessageQueue(topic, "broker-a", 1)] = 7 } };
}
