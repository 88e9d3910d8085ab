using System.Globalization;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>What every consumer does with a pull answer (Go: consumer.go <c>processPullResult</c>).</summary>
internal sealed partial class DefaultConsumer
{
    /// <summary>
    /// Records the suggested broker, then for FOUND filters the messages by tag again (the broker filters by tag hash
    /// only), runs the filter hooks and stamps each message with its queue, transaction id and the queue's
    /// MIN_OFFSET / MAX_OFFSET (Go: <c>processPullResult</c>).
    /// </summary>
    public void ProcessPullResult(MessageQueue mq, PullResult result, SubscriptionData data)
    {
        UpdatePullFromWhichNode(mq, result.SuggestWhichBrokerId);
        if (result.Status != PullStatus.PullFound)
        {
            return;
        }

        var msgs = result.GetMessageExts();
        if (data.Tags.Count > 0 && !data.ClassFilterMode)
        {
            var kept = new List<MessageExt>(msgs.Count);
            foreach (var msg in msgs)
            {
                if (data.Tags.Contains(msg.GetTags()))
                {
                    kept.Add(msg);
                }
            }

            msgs = kept;
        }

        if (Options.FilterMessageHooks.Count > 0)
        {
            msgs = RunFilterHooks(mq, msgs);
        }

        var minOffset = result.MinOffset.ToString(CultureInfo.InvariantCulture);
        var maxOffset = result.MaxOffset.ToString(CultureInfo.InvariantCulture);
        foreach (var msg in msgs)
        {
            msg.Queue = mq;
            if (msg.GetProperty(PropertyKeys.TransactionPrepared) == "true")
            {
                msg.TransactionId = msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
            }

            msg.WithProperty(PropertyKeys.MinOffset, minOffset);
            msg.WithProperty(PropertyKeys.MaxOffset, maxOffset);
        }

        result.SetMessageExts(msgs);
    }

    private List<MessageExt> RunFilterHooks(MessageQueue mq, List<MessageExt> msgs)
    {
        IReadOnlyList<MessageExt> current = msgs;
        foreach (var hook in Options.FilterMessageHooks)
        {
            try
            {
                current = hook(new FilterMessageContext { ConsumerGroup = ConsumerGroup, Msg = current, MQ = mq, UnitMode = Options.Client.UnitMode }) ?? [];
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "filter message hook failed, keeping its input: group={Group} mq={MessageQueue}", ConsumerGroup, mq);
            }
        }

        return current as List<MessageExt> ?? [.. current];
    }
}
