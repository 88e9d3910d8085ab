using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Clustering offsets, kept on the brokers (Go: offset_store.go <c>remoteBrokerOffsetStore</c>; Java:
/// RemoteBrokerOffsetStore). <b>Difference:</b> <c>Persist</c> sends UPDATE_CONSUMER_OFFSET as requests that
/// wait for the broker's answer, all queues in parallel; Go sends them one-way, so offsets written just before a
/// shutdown are lost with the closing socket.
/// </summary>
public sealed class RemoteBrokerOffsetStore : IOffsetStore
{
    /// <summary>How long one offset request may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private readonly string _group;
    private readonly IRMQClient _client;
    private readonly INamesrvs _namesrv;
    private readonly ILogger _logger;
    private readonly OffsetTable _table = new();

    /// <summary>Go: <c>NewRemoteOffsetStore</c>.</summary>
    internal RemoteBrokerOffsetStore(string group, IRMQClient client, INamesrvs namesrv, ILogger logger)
    {
        _group = group;
        _client = client;
        _namesrv = namesrv;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task Persist(IReadOnlyCollection<MessageQueue> mqs, CancellationToken cancellationToken = default)
    {
        if (mqs.Count == 0)
        {
            return;
        }

        var used = mqs as ISet<MessageQueue> ?? new HashSet<MessageQueue>(mqs);
        var writes = new List<Task>(mqs.Count);
        foreach (var (mq, offset) in _table.Snapshot())
        {
            if (!used.Contains(mq))
            {
                _table.Remove(mq);
                continue;
            }

            writes.Add(UpdateWithLog(mq, offset, cancellationToken));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task Persist(MessageQueue mq, CancellationToken cancellationToken = default)
    {
        var offset = _table.Read(mq);
        return offset < 0 ? Task.CompletedTask : UpdateWithLog(mq, offset, cancellationToken);
    }

    /// <inheritdoc />
    public void Remove(MessageQueue mq) => _table.Remove(mq);

    /// <inheritdoc />
    public long ReadFromMemory(MessageQueue mq) => _table.Read(mq);

    /// <inheritdoc />
    public async Task<long> ReadWithException(MessageQueue mq, ReadType type, CancellationToken cancellationToken = default)
    {
        if (type != ReadType.ReadFromStore)
        {
            var memory = _table.Read(mq);
            if (memory >= 0 || type == ReadType.ReadFromMemory)
            {
                return memory;
            }
        }

        var offset = await FetchConsumeOffsetFromBroker(mq, cancellationToken).ConfigureAwait(false);
        if (offset >= 0)
        {
            _table.Update(mq, offset, increaseOnly: true);
        }

        return offset;
    }

    /// <inheritdoc />
    public void Update(MessageQueue mq, long offset, bool increaseOnly) => _table.Update(mq, offset, increaseOnly);

    /// <inheritdoc />
    public Dictionary<MessageQueue, long> GetMQOffsetMap(string topic) => _table.Snapshot(topic);

    /// <summary>QUERY_CONSUMER_OFFSET; -1 when the broker has none (Go: <c>fetchConsumeOffsetFromBroker</c>).</summary>
    internal async Task<long> FetchConsumeOffsetFromBroker(MessageQueue mq, CancellationToken cancellationToken)
    {
        var broker = await FindBroker(mq, cancellationToken).ConfigureAwait(false);
        var header = new QueryConsumerOffsetRequestHeader { ConsumerGroup = _group, Topic = mq.Topic, QueueId = mq.QueueId, BrokerName = mq.BrokerName };
        var response = await _client.InvokeSync(_client.ForVipCall(broker), CommandHeaders.CreateRequest(RequestCode.QUERY_CONSUMER_OFFSET, header), RequestTimeout, cancellationToken).ConfigureAwait(false);
        switch (response.Code)
        {
            case ResponseCode.QUERY_NOT_FOUND:
                return -1;
            case ResponseCode.SUCCESS:
                var text = response.GetExtField("offset");
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset)
                    ? offset
                    : throw new MQBrokerException(response.Code, $"QUERY_CONSUMER_OFFSET answered a bad offset '{text}'", broker);
            default:
                throw new MQBrokerException(response.Code, response.Remark ?? string.Empty, broker);
        }
    }

    /// <summary>UPDATE_CONSUMER_OFFSET, waiting for the answer (Go: <c>updateConsumeOffsetToBroker</c>, one-way there).</summary>
    internal async Task UpdateConsumeOffsetToBroker(MessageQueue mq, long offset, CancellationToken cancellationToken)
    {
        var broker = await FindBroker(mq, cancellationToken).ConfigureAwait(false);
        var header = new UpdateConsumerOffsetRequestHeader { ConsumerGroup = _group, Topic = mq.Topic, QueueId = mq.QueueId, CommitOffset = offset, BrokerName = mq.BrokerName };
        var response = await _client.InvokeSync(_client.ForVipCall(broker), CommandHeaders.CreateRequest(RequestCode.UPDATE_CONSUMER_OFFSET, header), RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.Code != ResponseCode.SUCCESS)
        {
            throw new MQBrokerException(response.Code, response.Remark ?? string.Empty, broker);
        }
    }

    private async Task UpdateWithLog(MessageQueue mq, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateConsumeOffsetToBroker(mq, offset, cancellationToken).ConfigureAwait(false);
            _logger.LogDebug("update offset to broker success: group={Group} mq={MessageQueue} offset={Offset}", _group, mq, offset);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "update offset to broker error: group={Group} mq={MessageQueue} offset={Offset}", _group, mq, offset);
        }
    }

    private async Task<string> FindBroker(MessageQueue mq, CancellationToken cancellationToken)
    {
        var broker = _namesrv.FindBrokerAddrByName(mq.BrokerName);
        if (broker is null)
        {
            await _namesrv.UpdateTopicRouteInfo(mq.Topic, cancellationToken).ConfigureAwait(false);
            broker = _namesrv.FindBrokerAddrByName(mq.BrokerName);
        }

        return broker ?? throw new MQClientException(ClientErrors.ErrBrokerNotFound, $"broker: {mq.BrokerName} address not found");
    }
}
