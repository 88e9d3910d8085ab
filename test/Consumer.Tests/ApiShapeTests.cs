using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using static RocketMQ.Go.Port.CommonOptions;
using static RocketMQ.Go.Port.Consumer.ConsumerOptions;
using static RocketMQ.Go.Port.Producer.ProducerOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Code shapes users write that must compile (this file is the test: an ambiguity fails the build): a handler that
/// only throws, for both Subscribe forms, and the option spellings: `using static` of ProducerOptions,
/// ConsumerOptions and CommonOptions together (every name declared once, so nothing is ambiguous, CS0121), and the
/// qualified Go-like ProducerOptions.WithX / ConsumerOptions.WithX.
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
    public async Task ProducerAndConsumerOptionsImportedTogetherAreUnambiguous()
    {
        // WithNameServer, WithGroupName, WithRetry and WithTls are shared (CommonOptions); WithSendMsgTimeout is the
        // producer's, WithConsumerModel and WithInstance the consumer's.
        await using var producer = Rocketmq.NewProducer(WithNameServer("127.0.0.1:9"), WithGroupName("shape_producer"), WithRetry(1),
            WithSendMsgTimeout(TimeSpan.FromSeconds(5)), WithTls(false));
        await using var consumer = Rocketmq.NewPushConsumer(WithNameServer("127.0.0.1:9"), WithGroupName("shape_consumer"),
            WithConsumerModel(MessageModel.Clustering), WithInstance("shape_instance"), WithTls(false));
        producer.ToString().Should().Contain("shape_producer");

        ProducerOption[] producerOptions = [WithNameServer("127.0.0.1:9"), WithGroupName("shape_producer2"), WithSendMsgTimeout(TimeSpan.FromSeconds(7))];
        var built = ProducerOptions.Build(producerOptions);
        built.GroupName.Should().Be("shape_producer2", "a shared option applies to a producer");
        built.SendMsgTimeout.Should().Be(TimeSpan.FromSeconds(7));
        var consumerBuilt = ConsumerOptions.Build([WithGroupName("shape_consumer2"), WithRetry(5), WithInstance("i2")]);
        consumerBuilt.GroupName.Should().Be("shape_consumer2", "the same shared option applies to a consumer");
        consumerBuilt.RetryTimes.Should().Be(5);
    }

    [Fact]
    public async Task QualifiedOptionsReadAsGosPackageFunctions()
    {
        await using var producer = Rocketmq.NewProducer(ProducerOptions.WithNameServer("127.0.0.1:9"), ProducerOptions.WithGroupName("shape_producer3"), ProducerOptions.WithRetry(1));
        await using var consumer = Rocketmq.NewPushConsumer(ConsumerOptions.WithNameServer("127.0.0.1:9"), ConsumerOptions.WithGroupName("shape_consumer3"));
        producer.ToString().Should().Contain("shape_producer3");
    }
}
