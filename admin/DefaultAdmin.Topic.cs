using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Topic operations (Go: admin.go CreateTopic, DeleteTopic, FetchAllTopicList, FetchPublishMessageQueues, FetchClusterList).</summary>
internal sealed partial class DefaultAdmin
{
    /// <inheritdoc />
    public async Task CreateTopic(CancellationToken ctx, params OptionCreate[] opts)
    {
        var cfg = new TopicConfigCreate();
        foreach (var apply in opts ?? [])
        {
            apply?.Invoke(cfg);
        }

        var topic = Wrap(cfg.Topic ?? string.Empty);
        Validators.ValidateTopic(topic);
        Validators.ValidateNotSystemTopic(topic);
        if (cfg.ReadQueueNums < 1 || cfg.WriteQueueNums < 1)
        {
            throw new MQClientException($"topic {topic} needs at least one read and one write queue, asked for {cfg.ReadQueueNums} read and {cfg.WriteQueueNums} write");
        }

        var header = new CreateTopicRequestHeader
        {
            Topic = topic,
            DefaultTopic = cfg.DefaultTopic,
            ReadQueueNums = cfg.ReadQueueNums,
            WriteQueueNums = cfg.WriteQueueNums,
            Perm = cfg.Perm,
            TopicFilterType = cfg.TopicFilterType,
            TopicSysFlag = cfg.TopicSysFlag,
            Order = cfg.Order,
        };
        var targets = string.IsNullOrEmpty(cfg.BrokerAddr) ? await AllMasterAddrs(ctx).ConfigureAwait(false) : [cfg.BrokerAddr];
        if (targets.Count == 0)
        {
            throw ClientErrors.Create(ClientErrors.ErrBrokerNotFound, $"create topic {topic}: no master broker is registered with the name servers");
        }

        var creations = new List<Task>(targets.Count);
        foreach (var addr in targets)
        {
            creations.Add(CreateTopicOn(addr, header, ctx));
        }

        await Task.WhenAll(creations).ConfigureAwait(false);
        _logger.LogInformation("create topic {Topic} success on {Brokers}", topic, string.Join(',', targets));
    }

    private async Task CreateTopicOn(string addr, CreateTopicRequestHeader header, CancellationToken ct)
    {
        try
        {
            var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, header), $"create topic {header.Topic}", ct)
                .ConfigureAwait(false);
            EnsureSuccess(response, addr);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError("create topic {Topic} on {Broker} failed: {Reason}", header.Topic, addr, e.Message);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DeleteTopic(CancellationToken ctx, params OptionDelete[] opts)
    {
        var cfg = new TopicConfigDelete();
        foreach (var apply in opts ?? [])
        {
            apply?.Invoke(cfg);
        }

        var topic = Wrap(cfg.Topic ?? string.Empty);
        Validators.ValidateTopic(topic);
        var brokers = string.IsNullOrEmpty(cfg.BrokerAddr)
            ? BrokerAddrs((await Route(topic, ctx).ConfigureAwait(false)).BrokerDataList, masterOnly: true, cfg.ClusterName)
            : [cfg.BrokerAddr];
        foreach (var addr in brokers)
        {
            var header = new DeleteTopicRequestHeader { Topic = topic };
            var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.DELETE_TOPIC_IN_BROKER, header), $"delete topic {topic} in broker", ctx)
                .ConfigureAwait(false);
            EnsureSuccess(response, addr);
        }

        var nameServers = cfg.NameSrvAddr is { Count: > 0 } given ? given : await NameServerAddresses(ctx).ConfigureAwait(false);
        foreach (var addr in nameServers)
        {
            var header = new DeleteTopicFromNamesrvRequestHeader { Topic = topic, ClusterName = string.IsNullOrEmpty(cfg.ClusterName) ? null : cfg.ClusterName };
            var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.DELETE_TOPIC_IN_NAMESRV, header), $"delete topic {topic} in name server", ctx)
                .ConfigureAwait(false);
            EnsureSuccess(response, addr);
        }

        _logger.LogInformation("delete topic {Topic} success in brokers [{Brokers}] and name servers [{NameServers}]", topic, string.Join(',', brokers), string.Join(',', nameServers));
    }

    /// <inheritdoc />
    public async Task<TopicList> FetchAllTopicList(CancellationToken ctx)
    {
        var (response, addr) = await InvokeNameServer(static () => RemotingCommand.CreateRequest(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER), "fetch all topic list", ctx)
            .ConfigureAwait(false);
        return TopicList.From(Internal.TopicList.Decode(EnsureSuccess(response, addr).Body.Span));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageQueue>> FetchPublishMessageQueues(CancellationToken ctx, string topic)
    {
        var wrapped = Wrap(topic);
        return TopicPublishInfo.FromRouteData(wrapped, await Route(wrapped, ctx).ConfigureAwait(false)).MqList;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FetchClusterList(string topic, CancellationToken ctx = default)
    {
        var route = await Route(Wrap(topic), ctx).ConfigureAwait(false);
        var clusters = new List<string>();
        foreach (var broker in route.BrokerDataList)
        {
            if (!clusters.Contains(broker.Cluster))
            {
                clusters.Add(broker.Cluster);
            }
        }

        return clusters;
    }

    /// <inheritdoc />
    public async Task<BrokerClusterInfo> GetBrokerClusterInfo(CancellationToken ctx)
        => BrokerClusterInfo.From(await ClusterInfoBody(ctx).ConfigureAwait(false));
}
