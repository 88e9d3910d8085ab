using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Processor;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// Request dispatch: the processor for each request code, ACL checks, stalled answers for reliability tests, and
/// the per-connection state that a closed connection releases.
/// </summary>
internal sealed partial class BrokerController
{
    /// <summary>Holds every answer until <see cref="ResumeAnswers"/> (a stalled broker for reliability tests).</summary>
    public void StallAnswers() => Interlocked.CompareExchange(ref _stall, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Releases answers held by <see cref="StallAnswers"/>.</summary>
    public void ResumeAnswers() => Interlocked.Exchange(ref _stall, null)?.TrySetResult();

    /// <summary>Drops the connections of a client id (or remote address); returns how many were dropped.</summary>
    public int DropClient(string clientIdOrAddress)
    {
        var dropped = 0;
        foreach (var channel in _channels.Values)
        {
            var match = channel.RemoteAddress == clientIdOrAddress;
            foreach (var group in Consumers.Groups)
            {
                match |= group.Channels.TryGetValue(channel, out var info) && info.ClientId == clientIdOrAddress;
            }

            foreach (var channels in Producers.Groups.Values)
            {
                match |= channels.TryGetValue(channel, out var info) && info.ClientId == clientIdOrAddress;
            }

            if (match)
            {
                channel.Close();
                dropped++;
            }
        }

        return dropped;
    }

    private void RegisterProcessors(RemotingServer server)
    {
        var clients = new ClientManageProcessor(this);
        var consumers = new ConsumerManageProcessor(this);
        var query = new QueryMessageProcessor(this);
        var admin = new AdminBrokerProcessor(this);
        var endTransaction = new EndTransactionProcessor(this);
        // Sends keep nothing of the request once answered: remote hands each request's frame back to its pool then.
        Register(server, RequestCode.SEND_MESSAGE, _send.ProcessAsync, doneOnReturn: true);
        Register(server, RequestCode.SEND_MESSAGE_V2, _send.ProcessAsync, doneOnReturn: true);
        Register(server, RequestCode.SEND_BATCH_MESSAGE, _send.ProcessAsync, doneOnReturn: true);
        var reply = new ReplyMessageProcessor(this);
        Register(server, RequestCode.SEND_REPLY_MESSAGE, reply.ProcessAsync);
        Register(server, RequestCode.SEND_REPLY_MESSAGE_V2, reply.ProcessAsync);
        Register(server, RequestCode.CONSUMER_SEND_MSG_BACK, _send.SendBack);
        Register(server, RequestCode.PULL_MESSAGE, _pull.ProcessAsync);
        Register(server, RequestCode.HEART_BEAT, clients.HeartBeat);
        Register(server, RequestCode.UNREGISTER_CLIENT, clients.Unregister);
        Register(server, RequestCode.CHECK_CLIENT_CONFIG, clients.CheckClientConfig);
        Register(server, RequestCode.GET_CONSUMER_LIST_BY_GROUP, consumers.ConsumerList);
        Register(server, RequestCode.QUERY_CONSUMER_OFFSET, consumers.QueryOffset);
        Register(server, RequestCode.UPDATE_CONSUMER_OFFSET, consumers.UpdateOffset);
        Register(server, RequestCode.QUERY_MESSAGE, query.Query);
        Register(server, RequestCode.VIEW_MESSAGE_BY_ID, query.ViewById);
        Register(server, RequestCode.END_TRANSACTION, endTransaction.Process);
        Register(server, RequestCode.UPDATE_AND_CREATE_TOPIC, admin.UpdateAndCreateTopic);
        Register(server, RequestCode.DELETE_TOPIC_IN_BROKER, admin.DeleteTopic);
        Register(server, RequestCode.GET_ALL_TOPIC_CONFIG, admin.AllTopicConfig);
        Register(server, RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, admin.SearchOffsetByTimestamp);
        Register(server, RequestCode.GET_MAX_OFFSET, admin.MaxOffset);
        Register(server, RequestCode.GET_MIN_OFFSET, admin.MinOffset);
        Register(server, RequestCode.GET_EARLIEST_MSG_STORETIME, admin.EarliestMsgStoreTime);
        Register(server, RequestCode.LOCK_BATCH_MQ, admin.LockBatch);
        Register(server, RequestCode.UNLOCK_BATCH_MQ, admin.UnlockBatch);
        Register(server, RequestCode.GET_CONSUMER_CONNECTION_LIST, admin.ConsumerConnectionList);
        Register(server, RequestCode.GET_CONSUME_STATS, admin.ConsumeStats);
        Register(server, RequestCode.GET_CONSUMER_RUNNING_INFO, admin.ConsumerRunningInfo);
        Register(server, RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG, admin.AllSubscriptionGroups);
        Register(server, RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, admin.UpdateAndCreateSubscriptionGroup);
        Register(server, RequestCode.DELETE_SUBSCRIPTIONGROUP, admin.DeleteSubscriptionGroup);
        Register(server, RequestCode.GET_ALL_DELAY_OFFSET, admin.AllDelayOffset);
        Register(server, RequestCode.GET_TOPIC_STATS_INFO, admin.TopicStats);
        Register(server, RequestCode.INVOKE_BROKER_TO_RESET_OFFSET, new ResetOffsetProcessor(this).Process);
        var runtime = new BrokerRuntimeProcessor(this);
        Register(server, RequestCode.GET_BROKER_RUNTIME_INFO, runtime.RuntimeInfo);
        Register(server, RequestCode.GET_BROKER_CONFIG, runtime.GetConfig);
        Register(server, RequestCode.UPDATE_BROKER_CONFIG, runtime.UpdateConfig);
        var tools = new ToolQueryProcessor(this);
        Register(server, RequestCode.QUERY_TOPIC_CONSUME_BY_WHO, tools.TopicConsumeByWho);
        Register(server, RequestCode.GET_PRODUCER_CONNECTION_LIST, tools.ProducerConnectionList);
        Register(server, RequestCode.GET_BROKER_CONSUME_STATS, tools.BrokerConsumeStats);
        Register(server, RequestCode.CLONE_GROUP_OFFSET, tools.CloneGroupOffset);
        var inspect = new QueueInspectProcessor(this);
        Register(server, RequestCode.QUERY_CONSUME_QUEUE, inspect.QueryConsumeQueue);
        Register(server, RequestCode.VIEW_BROKER_STATS_DATA, inspect.ViewBrokerStatsData);
    }

    private void Register(RemotingServer server, int code, Func<RemotingCommand, ServerChannel, RemotingCommand?> handler)
        => Register(server, code, (request, channel) => ValueTask.FromResult(handler(request, channel)));

    private void Register(RemotingServer server, int code, Func<RemotingCommand, ServerChannel, ValueTask<RemotingCommand?>> handler, bool doneOnReturn = false)
        => server.RegisterProcessor(code, (request, channel) =>
        {
            var serverChannel = _channels.GetOrAdd(channel, static c => new ServerChannel(c));
            if (_acl.Enabled && _acl.Validate(request) is { } refusal)
            {
                _logger.LogWarning("ACL refused request code {Code} from {Remote}: {Reason}", request.Code, channel.RemoteAddress, refusal);
                return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.NO_PERMISSION, refusal));
            }

            var stall = Volatile.Read(ref _stall);
            if (stall is not null)
            {
                return StalledAsync(stall.Task, request, serverChannel, handler);
            }

            try
            {
                var pending = handler(request, serverChannel);
                return pending.IsCompletedSuccessfully ? pending : Guard(pending, request);
            }
            catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
            {
                return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message));
            }
        }, doneOnReturn);

    private static async ValueTask<RemotingCommand?> Guard(ValueTask<RemotingCommand?> pending, RemotingCommand request)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message);
        }
    }

    private async ValueTask<RemotingCommand?> StalledAsync(Task stall, RemotingCommand request, ServerChannel channel,
        Func<RemotingCommand, ServerChannel, ValueTask<RemotingCommand?>> handler)
    {
        await stall.ConfigureAwait(false);
        if (!channel.IsActive)
        {
            return null;
        }

        try
        {
            return await handler(request, channel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BadRequestException or FormatException or OverflowException or Primitive.RemotingProtocolException)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, e.Message);
        }
    }

    private void OnChannelClosed(RemotingChannel channel)
    {
        if (_channels.TryRemove(channel, out var serverChannel))
        {
            Consumers.ChannelClosed(serverChannel);
            Producers.ChannelClosed(serverChannel);
            HoldService.ReleaseAll(serverChannel);
        }
    }
}
