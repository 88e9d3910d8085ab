using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// Handles the batches of a hosted push consumer (Go: the <c>Subscribe</c> callback). Resolved from a new DI scope for
/// every batch, so it may take scoped services (a DbContext, a unit of work) in its constructor.
/// </summary>
public interface IRocketMQMessageHandler
{
    /// <summary>
    /// Handles one batch (<see cref="RocketMQPushConsumerSettings.ConsumeMessageBatchMaxSize"/> messages at most).
    /// Return <see cref="ConsumeResult.ConsumeSuccess"/> to move the offset on; <see cref="ConsumeResult.ConsumeRetryLater"/>
    /// or an exception sends the batch back for redelivery.
    /// </summary>
    /// <param name="messages">The batch.</param>
    /// <param name="cancellationToken">Cancelled when the consumer stops and the shutdown timeout ran out.</param>
    Task<ConsumeResult> HandleAsync(IReadOnlyList<MessageExt> messages, CancellationToken cancellationToken);
}
