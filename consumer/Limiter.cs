namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Waits before a batch of <paramref name="topic"/> is handed to the handler, to cap the consume rate (Go:
/// <c>consumer.Limiter</c>, a blocking <c>func(topic string)</c>). Must honour <paramref name="cancellationToken"/>,
/// which is cancelled at shutdown.
/// </summary>
/// <param name="topic">The topic, without namespace.</param>
/// <param name="cancellationToken">Cancelled when the consumer shuts down.</param>
public delegate ValueTask Limiter(string topic, CancellationToken cancellationToken);
