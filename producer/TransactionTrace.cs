using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// The EndTransaction trace record of a traced transaction producer (Java: EndTransactionTraceHookImpl; Go traces no
/// transaction ends): written before END_TRANSACTION goes out, after the local transaction ran and after each
/// check-back answer, so the console shows how and when every transaction ended.
/// </summary>
internal static class TransactionTrace
{
    /// <summary>Java's MixAll.DEFAULT_TRACE_REGION_ID, for a message that carries no MSG_REGION.</summary>
    public const string DefaultRegion = "DefaultRegion";

    /// <summary>Appends the record; nothing when tracing is off or the message is itself a trace.</summary>
    /// <param name="dispatcher">The producer's trace dispatcher, null when tracing is off.</param>
    /// <param name="group">The producer group.</param>
    /// <param name="clientId">This client's id.</param>
    /// <param name="msg">The transaction's message.</param>
    /// <param name="msgId">Its unique id (the send result's, or the checked message's UNIQ_KEY).</param>
    /// <param name="brokerAddr">The broker that gets the END_TRANSACTION.</param>
    /// <param name="state">How the transaction ended.</param>
    /// <param name="fromCheck">True when answering the broker's check-back.</param>
    public static void Append(ITraceDispatcher? dispatcher, string group, string clientId, Message msg, string msgId, string brokerAddr, LocalTransactionState state, bool fromCheck)
    {
        if (dispatcher is null || msg.Topic.StartsWith(dispatcher.GetTraceTopicName(), StringComparison.Ordinal))
        {
            return;
        }

        var region = msg.GetProperty(PropertyKeys.MsgRegion);
        dispatcher.Append(new TraceContext
        {
            TraceType = TraceType.EndTransaction,
            TimeStamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            RegionId = region.Length > 0 ? region : DefaultRegion,
            GroupName = group,
            IsSuccess = true,
            TraceBeans =
            [
                new TraceBean
                {
                    Topic = msg.Topic,
                    Tags = msg.GetTags(),
                    Keys = msg.GetKeys(),
                    StoreHost = brokerAddr,
                    MsgType = MessageType.TransMsgCommit,
                    ClientHost = clientId,
                    MsgId = msgId,
                    TransactionState = state,
                    TransactionId = msg.TransactionId ?? string.Empty,
                    FromTransactionCheck = fromCheck,
                },
            ],
        });
    }
}
