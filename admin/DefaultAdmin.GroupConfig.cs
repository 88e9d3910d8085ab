using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using Model = RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Group administration (Java admin: subscription group create/delete, producer connections, broker consume stats).</summary>
internal sealed partial class DefaultAdmin
{
    /// <inheritdoc />
    public async Task CreateAndUpdateSubscriptionGroupConfig(CancellationToken ctx, string brokerAddr, SubscriptionGroupConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var group = Wrap(config.GroupName);
        Validators.ValidateGroup(group);
        var body = new Model.SubscriptionGroupConfig
        {
            GroupName = group,
            ConsumeEnable = config.ConsumeEnable,
            ConsumeFromMinEnable = config.ConsumeFromMinEnable,
            ConsumeBroadcastEnable = config.ConsumeBroadcastEnable,
            RetryQueueNums = config.RetryQueueNums,
            RetryMaxTimes = config.RetryMaxTimes,
            BrokerId = config.BrokerId,
            WhichBrokerWhenConsumeSlowly = config.WhichBrokerWhenConsumeSlowly,
            NotifyConsumerIdsChangedEnable = config.NotifyConsumerIdsChangedEnable,
        };
        var request = RemotingCommand.CreateRequest(RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, null, FastJsonWriter.ToUtf8Bytes(body, static (w, b) => b.Write(w)));
        EnsureSuccess(await InvokeBroker(brokerAddr, request, $"create subscription group {group}", ctx).ConfigureAwait(false), brokerAddr);
        _logger.LogInformation("created subscription group {Group} on {Broker}", group, brokerAddr);
    }

    /// <inheritdoc />
    public async Task DeleteSubscriptionGroup(CancellationToken ctx, string brokerAddr, string group, bool removeOffset = false)
    {
        var wrapped = Wrap(group);
        Validators.ValidateGroup(wrapped);
        var request = CommandHeaders.CreateRequest(RequestCode.DELETE_SUBSCRIPTIONGROUP,
            new DeleteSubscriptionGroupRequestHeader { GroupName = wrapped, RemoveOffset = removeOffset });
        EnsureSuccess(await InvokeBroker(brokerAddr, request, $"delete subscription group {wrapped}", ctx).ConfigureAwait(false), brokerAddr);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ClientConnection>> ExamineProducerConnectionInfo(CancellationToken ctx, string group, string topic)
    {
        var wrappedGroup = Wrap(group);
        var wrappedTopic = Wrap(topic);
        var route = await Route(wrappedTopic, ctx).ConfigureAwait(false);
        var connections = new List<ClientConnection>();
        foreach (var addr in BrokerAddrs(route.BrokerDataList, masterOnly: false))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.GET_PRODUCER_CONNECTION_LIST, new GetProducerConnectionListRequestHeader { ProducerGroup = wrappedGroup });
            var response = await InvokeBroker(addr, request, $"producer connections of {wrappedGroup}", ctx).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS)
            {
                // Java's broker answers SYSTEM_ERROR "the producer group[..] not exist" when none is connected.
                continue;
            }

            foreach (var item in FastJson.ParseObject(response.Body.Span).GetArray("connectionSet") ?? [])
            {
                var c = item.AsObject();
                var connection = new ClientConnection(c.GetString("clientId") ?? "", c.GetString("clientAddr") ?? "", c.GetString("language") ?? "", c.GetInt32("version"));
                if (!connections.Exists(x => x.ClientId == connection.ClientId))
                {
                    connections.Add(connection);
                }
            }
        }

        connections.Sort(static (a, b) => string.CompareOrdinal(a.ClientId, b.ClientId));
        return connections;
    }

    /// <inheritdoc />
    public async Task<BrokerConsumeStats> FetchConsumeStatsInBroker(CancellationToken ctx, string brokerAddr, bool isOrder, TimeSpan timeout)
    {
        var request = CommandHeaders.CreateRequest(RequestCode.GET_BROKER_CONSUME_STATS, new GetConsumeStatsInBrokerHeader { IsOrder = isOrder });
        var response = await InvokeBroker(brokerAddr, request, "fetch consume stats in broker", ctx, timeout).ConfigureAwait(false);
        var body = FastJson.ParseObject(EnsureSuccess(response, brokerAddr).Body.Span);
        var groups = new List<GroupTopicStats>();
        foreach (var perGroup in body.GetArray("consumeStatsList") ?? [])
        {
            foreach (var entry in perGroup.AsObject())
            {
                foreach (var item in entry.Value.AsArray())
                {
                    var stats = ConsumeStats.Read(item.AsObject());
                    var queues = new List<QueueProgress>();
                    foreach (var (mq, offsets) in stats.OffsetTable)
                    {
                        queues.Add(new QueueProgress(mq, offsets.BrokerOffset, offsets.ConsumerOffset, offsets.LastTimestamp));
                    }

                    queues.Sort(static (a, b) => MessageQueueJson.Compare(a.Queue, b.Queue));
                    groups.Add(new GroupTopicStats(entry.Name ?? string.Empty, stats.ConsumeTps, queues));
                }
            }
        }

        return new BrokerConsumeStats(body.GetString("brokerAddr") ?? brokerAddr, body.GetInt64("totalDiff"), groups);
    }
}
