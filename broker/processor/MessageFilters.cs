using System.Text;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// Java's ExpressionMessageFilter: TAG subscriptions match on the consume-queue tag code ("*" matches all);
/// SQL92 subscriptions match on the stored message's properties.
/// </summary>
internal sealed class ExpressionMessageFilter(SubscriptionData subscription) : IMessageFilter
{
    public bool IsMatchedByConsumeQueue(long tagsCode)
    {
        if (subscription.ClassFilterMode || !subscription.IsTagType || subscription.SubString == SubscriptionData.SubAll)
        {
            return true;
        }

        return subscription.CodeSet.Contains((int)tagsCode);
    }

    public bool IsMatchedByCommitLog(ReadOnlySpan<byte> record)
    {
        if (subscription.IsTagType || subscription.Sql is not { } sql)
        {
            return true;
        }

        var properties = new PropertyMap().Parse(Encoding.UTF8.GetString(StoredMessage.Read(record, out _).Properties));
        return sql.Matches(properties.Get);
    }
}
