using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Topic inspection (Java admin: examineTopicRouteInfo, examineTopicStats, fetchTopicsByCLuster, queryTopicConsumeByWho).</summary>
internal sealed partial class DefaultAdmin
{
    /// <inheritdoc />
    public async Task<TopicRouteInfo> ExamineTopicRouteInfo(CancellationToken ctx, string topic)
    {
        var route = await Route(Wrap(topic), ctx).ConfigureAwait(false);
        var brokers = new List<BrokerInfo>(route.BrokerDataList.Count);
        foreach (var broker in route.BrokerDataList)
        {
            brokers.Add(BrokerInfo.From(broker));
        }

        var queues = new List<QueueInfo>(route.QueueDataList.Count);
        foreach (var q in route.QueueDataList)
        {
            queues.Add(new QueueInfo(q.BrokerName, q.ReadQueueNums, q.WriteQueueNums, q.Perm, q.TopicSysFlag));
        }

        return new TopicRouteInfo(brokers, queues, route.OrderTopicConf);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TopicQueueStats>> ExamineTopicStats(CancellationToken ctx, string topic)
    {
        var wrapped = Wrap(topic);
        var route = await Route(wrapped, ctx).ConfigureAwait(false);
        var asks = new List<Task<List<TopicQueueStats>>>();
        foreach (var addr in BrokerAddrs(route.BrokerDataList, masterOnly: false))
        {
            asks.Add(TopicStatsOf(addr, wrapped, ctx));
        }

        var all = new List<TopicQueueStats>();
        foreach (var stats in await Task.WhenAll(asks).ConfigureAwait(false))
        {
            all.AddRange(stats);
        }

        all.Sort(static (a, b) => MessageQueueJson.Compare(a.Queue, b.Queue));
        return all;
    }

    private async Task<List<TopicQueueStats>> TopicStatsOf(string addr, string topic, CancellationToken ct)
    {
        var request = CommandHeaders.CreateRequest(RequestCode.GET_TOPIC_STATS_INFO, new TopicRequestHeader { Topic = topic });
        var response = await InvokeBroker(addr, request, $"topic stats of {topic}", ct).ConfigureAwait(false);
        if (response.Code == ResponseCode.TOPIC_NOT_EXIST)
        {
            throw new TopicNotExistException(topic, $"broker {addr} has no such topic ({response.Remark})");
        }

        var stats = new List<TopicQueueStats>();
        if (FastJson.ParseObject(EnsureSuccess(response, addr).Body.Span).GetObject("offsetTable") is { } table)
        {
            foreach (var entry in table)
            {
                var value = entry.Value.AsObject();
                stats.Add(new TopicQueueStats(MessageQueueJson.ReadKey(entry), value.GetInt64("minOffset"), value.GetInt64("maxOffset"), value.GetInt64("lastUpdateTimestamp")));
            }
        }

        return stats;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FetchTopicsByCluster(CancellationToken ctx, string clusterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        var (response, addr) = await InvokeNameServer(
            () => CommandHeaders.CreateRequest(RequestCode.GET_TOPICS_BY_CLUSTER, new GetTopicsByClusterRequestHeader { Cluster = clusterName }), $"topics of cluster {clusterName}", ctx)
            .ConfigureAwait(false);
        return Internal.TopicList.Decode(EnsureSuccess(response, addr).Body.Span).Topics;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> QueryTopicConsumeByWho(CancellationToken ctx, string topic)
    {
        var wrapped = Wrap(topic);
        var route = await Route(wrapped, ctx).ConfigureAwait(false);
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var addr in BrokerAddrs(route.BrokerDataList, masterOnly: false))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, new TopicRequestHeader { Topic = wrapped });
            var response = await InvokeBroker(addr, request, $"groups consuming {wrapped}", ctx).ConfigureAwait(false);
            foreach (var group in BodyJson.ReadStrings(FastJson.ParseObject(EnsureSuccess(response, addr).Body.Span).GetArray("groupList")))
            {
                groups.Add(group);
            }
        }

        return [.. groups];
    }
}
