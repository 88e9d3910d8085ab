using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using Model = RocketMQ.Go.Port.Internal;

namespace RocketMQ.Go.Port.Admin;

/// <summary>
/// Consumer group operations: Go's GetAllSubscriptionGroup, and Java admin's examineConsumeStats,
/// examineConsumerConnectionInfo, getConsumerRunningInfo and resetOffsetNew, which Go never had.
/// </summary>
internal sealed partial class DefaultAdmin
{
    // Java's ResponseCode.BROADCAST_CONSUMPTION, the code its admin reports for a broadcasting group's progress.
    private const int BroadcastConsumption = 213;

    /// <inheritdoc />
    public async Task<SubscriptionGroupWrapper> GetAllSubscriptionGroup(CancellationToken ctx, string brokerAddr, TimeSpan timeout)
    {
        var response = await InvokeBroker(brokerAddr, RemotingCommand.CreateRequest(RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG), "get all subscription groups", ctx, timeout)
            .ConfigureAwait(false);
        return SubscriptionGroupWrapper.From(Model.SubscriptionGroupWrapper.Decode(EnsureSuccess(response, brokerAddr).Body.Span));
    }

    /// <inheritdoc />
    public async Task<ConsumeProgress> ConsumerProgress(CancellationToken ctx, string group, string? topic = null)
    {
        var wrappedGroup = Wrap(group);
        Validators.ValidateGroup(wrappedGroup);
        var wrappedTopic = topic is null ? null : Wrap(topic);

        // Without a topic every master is asked: the group may have offsets on brokers its retry topic is not on.
        var addrs = wrappedTopic is null
            ? await AllMasterAddrs(ctx).ConfigureAwait(false)
            : BrokerAddrs((await Route(wrappedTopic, ctx).ConfigureAwait(false)).BrokerDataList, masterOnly: false);
        var header = new GetConsumeStatsRequestHeader { ConsumerGroup = wrappedGroup, Topic = wrappedTopic };
        var asks = new List<Task<ConsumeStats>>(addrs.Count);
        foreach (var addr in addrs)
        {
            asks.Add(ConsumeStatsOf(addr, header, ctx));
        }

        var queues = new Dictionary<MessageQueue, QueueProgress>();
        double tps = 0;
        foreach (var stats in await Task.WhenAll(asks).ConfigureAwait(false))
        {
            tps += stats.ConsumeTps;
            foreach (var (mq, offsets) in stats.OffsetTable)
            {
                queues[mq] = new QueueProgress(mq, offsets.BrokerOffset, offsets.ConsumerOffset, offsets.LastTimestamp);
            }
        }

        if (queues.Count == 0)
        {
            // As Java: nothing stored for the group is only an answer when the group is online.
            var connection = await ExamineConnection(wrappedGroup, ctx).ConfigureAwait(false)
                ?? throw new ConsumerNotOnlineException(wrappedGroup, null, "no broker has offsets of it and no client of it is connected");
            if (connection.MessageModel == ConsumerData.Broadcasting)
            {
                throw new MQClientException(BroadcastConsumption, $"consumer group {wrappedGroup} consumes in broadcasting mode: its offsets are kept by its clients, not the brokers");
            }
        }

        var rows = new List<QueueProgress>(queues.Values);
        rows.Sort(static (a, b) => MessageQueueJson.Compare(a.Queue, b.Queue));
        return new ConsumeProgress(wrappedGroup, rows, tps);
    }

    private async Task<ConsumeStats> ConsumeStatsOf(string addr, GetConsumeStatsRequestHeader header, CancellationToken ct)
    {
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.GET_CONSUME_STATS, header), $"consumer progress of {header.ConsumerGroup}", ct)
            .ConfigureAwait(false);
        return ConsumeStats.Decode(EnsureSuccess(response, addr).Body.Span);
    }

    /// <inheritdoc />
    public async Task<ConsumerConnectionInfo> ExamineConsumerConnectionInfo(CancellationToken ctx, string group)
    {
        var wrappedGroup = Wrap(group);
        Validators.ValidateGroup(wrappedGroup);
        var connection = await ExamineConnection(wrappedGroup, ctx).ConfigureAwait(false)
            ?? throw new ConsumerNotOnlineException(wrappedGroup, null, "no broker has a connection of it");
        return ConsumerConnectionInfo.From(connection);
    }

    /// <summary>
    /// GET_CONSUMER_CONNECTION_LIST to every master at once, merged (Java asks one broker, missing clients that
    /// only talk to others); null when the group is online nowhere.
    /// </summary>
    private async Task<ConsumerConnection?> ExamineConnection(string group, CancellationToken ct)
    {
        var addrs = await AllMasterAddrs(ct).ConfigureAwait(false);
        var asks = new List<Task<ConsumerConnection?>>(addrs.Count);
        foreach (var addr in addrs)
        {
            asks.Add(ConnectionOf(addr, group, ct));
        }

        ConsumerConnection? merged = null;
        foreach (var connection in await Task.WhenAll(asks).ConfigureAwait(false))
        {
            if (connection is null)
            {
                continue;
            }

            if (merged is null)
            {
                merged = connection;
                continue;
            }

            foreach (var c in connection.ConnectionSet)
            {
                if (!merged.ConnectionSet.Exists(m => m.ClientId == c.ClientId))
                {
                    merged.ConnectionSet.Add(c);
                }
            }

            foreach (var (topic, sub) in connection.SubscriptionTable)
            {
                merged.SubscriptionTable.TryAdd(topic, sub);
            }
        }

        return merged;
    }

    private async Task<ConsumerConnection?> ConnectionOf(string addr, string group, CancellationToken ct)
    {
        var header = new GetConsumerConnectionListRequestHeader { ConsumerGroup = group };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.GET_CONSUMER_CONNECTION_LIST, header), $"connections of group {group}", ct)
            .ConfigureAwait(false);
        return response.Code == ResponseCode.CONSUMER_NOT_ONLINE ? null : ConsumerConnection.Decode(EnsureSuccess(response, addr).Body.Span);
    }

    /// <inheritdoc />
    public async Task<ConsumerRunningInfo> ConsumerRunningInfo(CancellationToken ctx, string group, string clientId, bool jstack = false)
    {
        var wrappedGroup = Wrap(group);
        Validators.ValidateGroup(wrappedGroup);
        if (string.IsNullOrEmpty(clientId))
        {
            throw new MQClientException("consumer running info: the client id is empty");
        }

        var header = new GetConsumerRunningInfoHeader { ConsumerGroup = wrappedGroup, ClientID = clientId, JstackEnable = jstack };
        string? lastRemark = null;
        foreach (var addr in await AllMasterAddrs(ctx).ConfigureAwait(false))
        {
            // The broker relays to the client and waits for it, so allow for both legs.
            var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.GET_CONSUMER_RUNNING_INFO, header), $"running info of {clientId}", ctx,
                _options.RequestTimeout + _options.RequestTimeout).ConfigureAwait(false);
            if (response.Code == ResponseCode.SUCCESS && !response.Body.IsEmpty)
            {
                return Admin.ConsumerRunningInfo.From(Model.ConsumerRunningInfo.Decode(response.Body.Span));
            }

            lastRemark = $"{addr}: {response.Remark ?? "code " + response.Code}";
        }

        throw new ConsumerNotOnlineException(wrappedGroup, clientId, lastRemark ?? "no master broker is registered with the name servers");
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<MessageQueue, long>> ResetOffsetByTimestamp(CancellationToken ctx, string topic, string group, DateTimeOffset timestamp, bool isForce = true)
        => ResetOffsets(ctx, topic, group, timestamp.ToUnixTimeMilliseconds(), isForce);

    /// <summary>Java's resetOffsetNew for a store time in ms, or -1 for the end of every queue.</summary>
    private async Task<IReadOnlyDictionary<MessageQueue, long>> ResetOffsets(CancellationToken ctx, string topic, string group, long millis, bool isForce)
    {
        var wrappedTopic = Wrap(topic);
        var wrappedGroup = Wrap(group);
        Validators.ValidateTopic(wrappedTopic);
        Validators.ValidateGroup(wrappedGroup);
        var route = await Route(wrappedTopic, ctx).ConfigureAwait(false);
        var resets = new List<Task<Dictionary<MessageQueue, long>>>();
        foreach (var broker in route.BrokerDataList)
        {
            if (broker.MasterAddress is { } addr)
            {
                var queueData = route.QueueDataList.Find(q => q.BrokerName == broker.BrokerName);
                resets.Add(ResetOn(addr, broker.BrokerName, queueData?.ReadQueueNums ?? 0, wrappedTopic, wrappedGroup, millis, isForce, ctx));
            }
        }

        var all = new Dictionary<MessageQueue, long>();
        foreach (var table in await Task.WhenAll(resets).ConfigureAwait(false))
        {
            foreach (var (mq, offset) in table)
            {
                all[mq] = offset;
            }
        }

        _logger.LogInformation("reset offsets of group {Group} on topic {Topic} to {Timestamp}: {Count} queues", wrappedGroup, wrappedTopic,
            millis == EndOfQueue ? "the end" : DateTimeOffset.FromUnixTimeMilliseconds(millis).ToString("O", System.Globalization.CultureInfo.InvariantCulture), all.Count);
        return all;
    }

    /// <summary>
    /// INVOKE_BROKER_TO_RESET_OFFSET: the broker computes the offsets and tells the group's clients. When the group
    /// has no client on that broker, the offsets are written there directly (Java: resetOffsetNew falling back to
    /// resetOffsetByTimestampOld), so the group starts from them.
    /// </summary>
    private async Task<Dictionary<MessageQueue, long>> ResetOn(string addr, string brokerName, int queueNums, string topic, string group, long millis, bool isForce, CancellationToken ct)
    {
        var header = new ResetOffsetHeader { Topic = topic, Group = group, Timestamp = millis, IsForce = isForce };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, header), $"reset offsets of {group}", ct)
            .ConfigureAwait(false);
        if (response.Code == ResponseCode.SUCCESS)
        {
            return response.Body.IsEmpty ? [] : ResetOffsetBody.Decode(response.Body.Span).OffsetTable;
        }

        if (response.Code != ResponseCode.CONSUMER_NOT_ONLINE)
        {
            throw new MQBrokerException(response.Code, response.Remark, addr);
        }

        var table = new Dictionary<MessageQueue, long>(queueNums);
        foreach (var stats in await RollbackOn(addr, brokerName, queueNums, topic, group, millis, isForce, ct).ConfigureAwait(false))
        {
            table[stats.Queue] = stats.RollbackOffset;
        }

        return table;
    }
}
