using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>Message lookups (Java admin: queryMessage, viewMessage, queryMessageByUniqKey; Go lacks them).</summary>
internal sealed partial class DefaultAdmin
{
    // Java's MixAll.UNIQUE_MSG_QUERY_FLAG: the broker then matches the unique-key index entries.
    private const string UniqueKeyQueryFlag = "_UNIQUE_KEY_QUERY";

    /// <inheritdoc />
    public async Task<QueryResult> QueryMessageByKey(CancellationToken ctx, string topic, string key, int maxNum = 32, DateTimeOffset? begin = null, DateTimeOffset? end = null)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new MQClientException("query message by key: the key is empty");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxNum, 1, nameof(maxNum));
        var wrapped = Wrap(topic);
        Validators.ValidateTopic(wrapped);
        return await Query(wrapped, key, uniqueKey: false, maxNum, begin?.ToUnixTimeMilliseconds() ?? 0, end?.ToUnixTimeMilliseconds() ?? long.MaxValue, ctx)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<MessageExt> ViewMessageById(CancellationToken ctx, string msgId, string? topic = null)
    {
        if (string.IsNullOrEmpty(msgId))
        {
            throw new MQClientException("view message: the message id is empty");
        }

        var isOffsetId = MessageId.TryParse(msgId, out var id);
        var wrapped = topic is null ? null : Wrap(topic);

        // A unique (client) id also parses as an offset id, naming the producer's host instead of a broker. With a
        // topic, ids that do not name a known broker are looked up by unique key instead of dialling that host.
        if (isOffsetId && (wrapped is null || await IsBrokerAddress(id.Addr + ":" + id.Port, ctx).ConfigureAwait(false)))
        {
            return await ViewByOffset(id, msgId, ctx).ConfigureAwait(false);
        }

        if (wrapped is null)
        {
            throw new MQClientException($"view message: {msgId} is not an offset message id; give the topic to look a unique message id up");
        }

        var found = await Query(wrapped, msgId, uniqueKey: true, 32, 0, long.MaxValue, ctx).ConfigureAwait(false);
        if (found.Messages.Count > 0)
        {
            return found.Messages[0];
        }

        throw new MessageNotFoundException(msgId, $"no broker of topic {wrapped} has a message with this unique id");
    }

    private async Task<MessageExt> ViewByOffset(MessageId id, string msgId, CancellationToken ct)
    {
        var addr = id.Addr + ":" + id.Port;
        var header = new ViewMessageRequestHeader { Offset = id.Offset };
        var response = await InvokeBroker(addr, CommandHeaders.CreateRequest(RequestCode.VIEW_MESSAGE_BY_ID, header), $"view message {msgId}", ct)
            .ConfigureAwait(false);
        if (response.Code != ResponseCode.SUCCESS || response.Body.IsEmpty)
        {
            throw new MessageNotFoundException(msgId, $"broker {addr} has no message at commit-log offset {id.Offset} (code {response.Code}: {response.Remark})");
        }

        return MessageDecoder.Decode(response.Body.Span);
    }

    private async Task<bool> IsBrokerAddress(string addr, CancellationToken ct)
    {
        foreach (var broker in (await ClusterInfoBody(ct).ConfigureAwait(false)).BrokerAddrTable.Values)
        {
            if (broker.BrokerAddresses.ContainsValue(addr))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>QUERY_MESSAGE to one broker of every broker group of the topic, at the same time; results merged.</summary>
    private async Task<QueryResult> Query(string topic, string key, bool uniqueKey, int maxNum, long begin, long end, CancellationToken ct)
    {
        var route = await Route(topic, ct).ConfigureAwait(false);
        var header = new QueryMessageRequestHeader { Topic = topic, Key = key, MaxNum = maxNum, BeginTimestamp = begin, EndTimestamp = end };
        var queries = new List<Task<(long IndexTime, List<MessageExt> Messages)>>();
        foreach (var addr in BrokerAddrs(route.BrokerDataList, masterOnly: false))
        {
            var request = CommandHeaders.CreateRequest(RequestCode.QUERY_MESSAGE, header);
            if (uniqueKey)
            {
                request.SetExtField(UniqueKeyQueryFlag, "true"); // beside the header, as Java adds it
            }

            queries.Add(QueryOne(addr, request, ct));
        }

        long indexTime = 0;
        var messages = new List<MessageExt>();
        foreach (var (time, found) in await Task.WhenAll(queries).ConfigureAwait(false))
        {
            indexTime = Math.Max(indexTime, time);
            foreach (var msg in found)
            {
                // The key index is a hash index: entries of other keys may collide, so each hit is checked.
                if (uniqueKey ? msg.MsgId == key : HasKey(msg, key))
                {
                    messages.Add(msg);
                }
            }
        }

        return new QueryResult(indexTime, messages);
    }

    private async Task<(long IndexTime, List<MessageExt> Messages)> QueryOne(string addr, RemotingCommand request, CancellationToken ct)
    {
        var response = await InvokeBroker(addr, request, "query message", ct).ConfigureAwait(false);
        var indexTime = long.TryParse(response.GetExtField("indexLastUpdateTimestamp"), out var t) ? t : 0;
        return response.Code switch
        {
            ResponseCode.SUCCESS => (indexTime, MessageDecoder.DecodeMessages(response.Body.Span)),
            ResponseCode.QUERY_NOT_FOUND => (indexTime, []),
            _ => throw new MQBrokerException(response.Code, response.Remark, addr),
        };
    }

    private static bool HasKey(MessageExt msg, string key)
    {
        foreach (var k in msg.GetKeys().Split(PropertyKeys.KeySeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (k == key)
            {
                return true;
            }
        }

        return false;
    }
}
