using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Producer.ProducerOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Code shapes users write that must compile (this file is the test: an ambiguity fails the build): a handler that
/// only throws, for both Subscribe forms, and the documented option spelling with `using static` of one options
/// class and the other qualified (Go's producer.WithX / consumer.WithX).
/// </summary>
public sealed class ApiShapeTests
{
    [Fact]
    public async Task AHandlerThatOnlyThrowsSubscribesThroughTheAsyncOverload()
    {
        await using var consumer = PushConsumer.NewPushConsumer(ConsumerOptions.WithGroupName("shape_group"), ConsumerOptions.WithNameServer("127.0.0.1:9"));
        consumer.Subscribe("ShapeTopic", MessageSelector.All, (_, _) => throw new InvalidOperationException("not implemented yet"));

        await using var facade = Rocketmq.NewPushConsumer(ConsumerOptions.WithGroupName("shape_group2"), ConsumerOptions.WithNameServer("127.0.0.1:9"));
        facade.Subscribe("ShapeTopic", MessageSelector.All, (_, _) => throw new InvalidOperationException("not implemented yet"));
        facade.Subscribe("ShapeTopic2", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        facade.Subscribe("ShapeTopic3", MessageSelector.All, async (_, _) =>
        {
            await Task.Yield();
            return ConsumeResult.ConsumeSuccess;
        });
    }

    [Fact]
    public async Task ProducerOptionsUnqualifiedBesideQualifiedConsumerOptions()
    {
        await using var producer = Rocketmq.NewProducer(WithNameServer("127.0.0.1:9"), WithGroupName("shape_producer"), WithRetry(1));
        await using var consumer = Rocketmq.NewPushConsumer(ConsumerOptions.WithNameServer("127.0.0.1:9"), ConsumerOptions.WithGroupName("shape_consumer"));
        producer.ToString().Should().Contain("shape_producer");
    }
}
