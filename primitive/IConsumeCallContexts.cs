namespace RocketMQ.Go.Port.Primitive;

/// <summary>Makes a push consumer call's contexts when a reader first asks for them (see <see cref="CallContext.ForConsume"/>).</summary>
internal interface IConsumeCallContexts
{
    /// <summary>The call's message context.</summary>
    ConsumeMessageContext CreateConsumerCtx();

    /// <summary>The call's concurrently context.</summary>
    ConsumeConcurrentlyContext CreateConcurrentlyCtx();
}
