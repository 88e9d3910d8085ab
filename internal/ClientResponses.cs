using System.Buffers;
using System.Globalization;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using System.Runtime.CompilerServices;

namespace RocketMQ.Go.Port.Internal;

/// <summary>Reading send and pull responses (Go: client.go <c>ProcessSendResponse</c>, <c>PullMessage</c>, <c>processPullResponse</c>).</summary>
internal sealed partial class RMQClient
{
    private const string TraceOn = "true";
    private const string TraceOff = "false";

    /// <inheritdoc />
    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ProcessSendResponse(string brokerName, RemotingCommand response, SendResult result, IReadOnlyList<Message> msgs, MessageQueue? selected)
    {
        var status = response.Code switch
        {
            ResponseCode.SUCCESS => SendStatus.SendOK,
            ResponseCode.FLUSH_DISK_TIMEOUT => SendStatus.SendFlushDiskTimeout,
            ResponseCode.FLUSH_SLAVE_TIMEOUT => SendStatus.SendFlushSlaveTimeout,
            ResponseCode.SLAVE_NOT_AVAILABLE => SendStatus.SendSlaveNotAvailable,
            _ => throw new MQBrokerException(response.Code, response.Remark, brokerName),
        };

        string msgId;
        if (msgs.Count == 1)
        {
            msgId = msgs[0].GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
        }
        else
        {
            // One exact-size string for the batch's ids (a StringBuilder grows through several buffers).
            var ids = ArrayPool<string>.Shared.Rent(Math.Max(msgs.Count, 1));
            for (var i = 0; i < msgs.Count; i++)
            {
                ids[i] = msgs[i].GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
            }

            msgId = string.Join(',', ids, 0, msgs.Count);
            ArrayPool<string>.Shared.Return(ids, clearArray: true);
        }

        // The broker's usual region and switch come back as the constants, not as new strings.
        var region = response.GetExtField(PropertyKeys.MsgRegion, [Constants.DefaultTraceRegionId]);
        var trace = response.GetExtField(PropertyKeys.TraceSwitch, [TraceOn, TraceOff]);
        var topic = Namespace.WithoutNamespace(msgs.Count > 0 ? msgs[0].Topic : string.Empty, _options.Namespace);
        result.Status = status;
        result.MsgID = msgId;
        if (!response.TryGetRawExtField("msgId", out var offsetMsgId) || !result.TrySetOffsetMsgIDHex(offsetMsgId))
        {
            result.OffsetMsgID = response.GetExtField("msgId") ?? string.Empty;
        }

        // Numbers straight from the frame: no string per field.
        var queueId = response.TryGetExtField("queueId", out var id) && id is >= int.MinValue and <= int.MaxValue ? (int)id : 0;
        result.MessageQueue = selected is not null && selected.QueueId == queueId
            && string.Equals(selected.Topic, topic, StringComparison.Ordinal) && string.Equals(selected.BrokerName, brokerName, StringComparison.Ordinal)
            ? selected // immutable, so the result can share the queue the producer picked
            : new MessageQueue(topic, brokerName, queueId);
        result.QueueOffset = response.TryGetExtField("queueOffset", out var offset) ? offset : 0;
        result.TransactionID = response.GetExtField("transactionId");
        result.RegionID = string.IsNullOrEmpty(region) ? Constants.DefaultTraceRegionId : region;
        result.TraceOn = !string.IsNullOrEmpty(trace) && trace != TraceOff;
    }

    /// <inheritdoc />
    public async Task<PullResult> PullMessage(string brokerAddr, PullMessageRequestHeader header, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var request = CommandHeaders.CreateRequest(RequestCode.PULL_MESSAGE, header);

        // The messages are decoded (copied) while the transport lends the response; then its frame goes back.
        return await InvokeAsync(brokerAddr, request, timeout, static (response, s) => ProcessPullResponse(response, s.BrokerAddr, s.Header),
            (BrokerAddr: brokerAddr, Header: header), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Maps a pull response to a result, decoding the messages of a FOUND body (Go: <c>processPullResponse</c>).
    /// Everything is copied out of the response: its frame goes back to the pool once this returns.
    /// </summary>
    internal static PullResult ProcessPullResponse(RemotingCommand response, string brokerAddr, PullMessageRequestHeader header)
    {
        var status = response.Code switch
        {
            ResponseCode.SUCCESS => PullStatus.PullFound,
            ResponseCode.PULL_NOT_FOUND => PullStatus.PullNoNewMsg,
            ResponseCode.PULL_RETRY_IMMEDIATELY => PullStatus.PullNoMsgMatched,
            ResponseCode.PULL_OFFSET_MOVED => PullStatus.PullOffsetIllegal,
            _ => throw new MQBrokerException(response.Code, response.Remark, brokerAddr),
        };

        var result = new PullResult
        {
            Status = status,
            // Numbers straight from the frame: no string per field.
            MaxOffset = ReadInt64(response, "maxOffset"),
            MinOffset = ReadInt64(response, "minOffset"),
            NextBeginOffset = ReadInt64(response, "nextBeginOffset"),
            SuggestWhichBrokerId = ReadInt64(response, "suggestWhichBrokerId"),
        };
        if (status == PullStatus.PullFound && !response.Body.IsEmpty)
        {
            var queue = header.BrokerName is { Length: > 0 } brokerName ? new MessageQueue(header.Topic, brokerName, header.QueueId) : null;
            result.SetMessageExts(MessageDecoder.DecodeMessages(response.Body.Span, queue));
        }

        return result;
    }

    private static long ReadInt64(RemotingCommand response, string key)
        => response.TryGetExtField(key, out var value) ? value : 0;
}
