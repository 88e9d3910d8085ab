using System.Runtime.CompilerServices;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port;

/// <summary>.NET forms of the lite pull consumer's Poll/ACK loop.</summary>
public static class PullConsumerExtensions
{
    /// <summary>How long one Poll waits before the loop polls again (the loop itself runs until cancelled).</summary>
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Every message of the subscribed or assigned queues, as they arrive: <c>await foreach (var msg in
    /// consumer.ConsumeAsync(ct))</c>, Go's Poll/ACK loop in one statement. A polled batch is ACKed as consumed once the
    /// loop asks for the message after its last one; a batch left in the middle (break, an exception in the loop body,
    /// cancellation) is ACKed with <see cref="ConsumeResult.ConsumeRetryLater"/>, so its messages come again (at least
    /// once, never lost). Runs until <paramref name="cancellationToken"/> is cancelled (then throws
    /// <see cref="OperationCanceledException"/>) or the consumer shuts down.
    /// </summary>
    /// <param name="consumer">A started lite pull consumer.</param>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    public static async IAsyncEnumerable<MessageExt> ConsumeAsync(this IPullConsumer consumer, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = await consumer.Poll(PollWait, cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                continue;
            }

            var consumed = false;
            try
            {
                foreach (var msg in request.MsgList)
                {
                    yield return msg;
                }

                consumed = true;
            }
            finally
            {
                await consumer.ACK(request, consumed ? ConsumeResult.ConsumeSuccess : ConsumeResult.ConsumeRetryLater, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
