using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Where a queue starts and the broker offset queries behind it (Go: consumer.go <c>computePullFromWhere</c>,
/// <c>queryMaxOffset</c>, <c>searchOffsetByTimestamp</c>, <c>queryOffset</c>).
/// </summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>
    /// Where a newly owned queue starts (Go: <c>computePullFromWhereWithException</c>; Java RebalancePushImpl): the
    /// stored offset; with none, the queue's end (last), 0 (first, and retry topics), or the offset at the consume
    /// timestamp. Throws when the store cannot be read, so the queue is retried by the next rebalance instead of
    /// starting from a guess.
    /// </summary>
    public async Task<long> ComputePullFromWhereWithException(MessageQueue mq, CancellationToken cancellationToken)
    {
        var lastOffset = await Storage.ReadWithException(mq, ReadType.ReadFromStore, cancellationToken).ConfigureAwait(false);
        if (lastOffset >= 0)
        {
            return lastOffset;
        }

        switch (Options.FromWhere)
        {
            case ConsumeFromWhere.ConsumeFromFirstOffset:
                return 0;
            case ConsumeFromWhere.ConsumeFromTimestamp:
                if (mq.Topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal))
                {
                    return await QueryMaxOffset(mq, cancellationToken).ConfigureAwait(false);
                }

                var timestamp = ConsumerOptions.ParseConsumeTimestamp(Options.ConsumeTimestamp);
                return await SearchOffsetByTimestamp(mq, timestamp.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            default:
                if (mq.Topic.StartsWith(Constants.RetryGroupTopicPrefix, StringComparison.Ordinal))
                {
                    return 0;
                }

                return await QueryMaxOffset(mq, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET_MAX_OFFSET (Go: <c>queryMaxOffset</c>).</summary>
    public async Task<long> QueryMaxOffset(MessageQueue mq, CancellationToken cancellationToken)
    {
        var header = new GetMaxOffsetRequestHeader { Topic = mq.Topic, QueueId = mq.QueueId, BrokerName = mq.BrokerName };
        return await QueryOffsetValue(mq, CommandHeaders.CreateRequest(RequestCode.GET_MAX_OFFSET, header), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SEARCH_OFFSET_BY_TIMESTAMP (Go: <c>searchOffsetByTimestamp</c>).</summary>
    public async Task<long> SearchOffsetByTimestamp(MessageQueue mq, long timestampMs, CancellationToken cancellationToken)
    {
        var header = new SearchOffsetRequestHeader { Topic = mq.Topic, QueueId = mq.QueueId, Timestamp = timestampMs, BrokerName = mq.BrokerName };
        return await QueryOffsetValue(mq, CommandHeaders.CreateRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, header), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The in-memory offset, else the stored one (Go: <c>queryOffset</c>).</summary>
    public Task<long> QueryOffset(MessageQueue mq, CancellationToken cancellationToken = default)
        => Storage.ReadWithException(mq, ReadType.ReadMemoryThenStore, cancellationToken);

    /// <summary>The master address of <paramref name="brokerName"/>, refreshing the route of <paramref name="topic"/> once.</summary>
    public async Task<string?> FindBrokerAddrByName(string brokerName, string topic, CancellationToken cancellationToken)
    {
        var namesrv = Client.GetNameSrv();
        var addr = namesrv.FindBrokerAddrByName(brokerName);
        if (addr is null)
        {
            await namesrv.UpdateTopicRouteInfo(topic, cancellationToken).ConfigureAwait(false);
            addr = namesrv.FindBrokerAddrByName(brokerName);
        }

        return addr;
    }

    private async Task<long> QueryOffsetValue(MessageQueue mq, RemotingCommand request, CancellationToken cancellationToken)
    {
        var addr = await FindBrokerAddrByName(mq.BrokerName, mq.Topic, cancellationToken).ConfigureAwait(false)
            ?? throw new MQClientException(ClientErrors.ErrBrokerNotFound, $"the broker [{mq.BrokerName}] does not exist");
        var response = await Client.InvokeSync(Client.ForVipCall(addr), request, BrokerQueryTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Code != ResponseCode.SUCCESS)
        {
            throw new MQBrokerException(response.Code, response.Remark, addr);
        }

        var text = response.GetExtField("offset");
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new MQBrokerException(response.Code, $"bad offset '{text}'", addr);
    }
}
