namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The push consumer's side of the shared pull engine (<see cref="DefaultConsumer.PullDispatcher"/>; Go:
/// push_consumer.go <c>pullMessage</c>'s hand-over to <c>submitToConsume</c>): pulled messages become consume
/// requests for the workers.
/// </summary>
internal sealed partial class PushConsumer
{
    /// <summary>
    /// Concurrent: every batch goes to the channel, cut to <see cref="ConsumerOptions.ConsumeMessageBatchMaxSize"/>.
    /// Orderly: the queue goes once, when it had nothing to consume.
    /// </summary>
    protected override async ValueTask DeliverPulled(PullRequest request, List<MessageExt> msgs, bool dispatchToConsume, CancellationToken loopToken)
    {
        var mq = request.MessageQueue;
        var pq = request.ProcessQueue;
        var writer = _consumeRequests.Writer;
        if (Options.ConsumeOrderly)
        {
            if (dispatchToConsume)
            {
                await writer.WriteAsync(ConsumeBatch.Orderly(mq, pq, ConsumerGroup), loopToken).ConfigureAwait(false);
            }

            return;
        }

        var batch = Options.ConsumeMessageBatchMaxSize;
        if (msgs.Count <= batch)
        {
            await writer.WriteAsync(ConsumeBatch.Of(mq, pq, msgs, ConsumerGroup), loopToken).ConfigureAwait(false);
            return;
        }

        for (var start = 0; start < msgs.Count; start += batch)
        {
            var count = Math.Min(batch, msgs.Count - start);
            var part = count == 1 ? ConsumeBatch.Single(mq, pq, msgs[start], ConsumerGroup) : ConsumeBatch.Of(mq, pq, msgs.GetRange(start, count), ConsumerGroup);
            await writer.WriteAsync(part, loopToken).ConfigureAwait(false);
        }
    }
}
