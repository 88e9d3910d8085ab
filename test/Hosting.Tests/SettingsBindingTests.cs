using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Hosting;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Settings bound from an appsettings.json section become the producer's and consumer's Go options.</summary>
public sealed class SettingsBindingTests
{
    private const string Json = """
        {
          "RocketMQ": {
            "Producer": {
              "NameServers": [ "10.0.0.1:9876;10.0.0.2:9876" ],
              "GroupName": "orders_producer",
              "Namespace": "prod",
              "AccessKey": "ak", "SecretKey": "sk",
              "RetryTimes": 5,
              "SendMsgTimeout": "00:00:07",
              "CompressMsgBodyOverHowmuch": 1024,
              "MaxMessageSize": 65536
            },
            "Audit": { "NameServers": [ "10.0.0.3:9876" ], "GroupName": "audit_producer" },
            "Consumer": {
              "NameServers": [ "10.0.0.1:9876" ],
              "GroupName": "orders_consumer",
              "ConsumerModel": "BroadCasting",
              "ConsumeFromWhere": "ConsumeFromFirstOffset",
              "ConsumeOrderly": true,
              "ConsumeMessageBatchMaxSize": 8,
              "PullBatchSize": 16,
              "MaxReconsumeTimes": 3,
              "ConsumeTimeout": "00:02:00",
              "ConsumeGoroutineNums": 4,
              "Strategy": "circle",
              "ShutdownTimeout": "00:00:09",
              "Subscriptions": [ { "Topic": "Orders", "Expression": "TagA || TagB" }, { "Topic": "Audit", "Expression": "a > 1", "Type": "SQL92" } ]
            }
          }
        }
        """;

    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRocketMQProducer(configuration.GetSection("RocketMQ:Producer"));
        services.AddRocketMQProducer("audit", configuration.GetSection("RocketMQ:Audit"), s => s.RetryTimes = 1);
        services.AddRocketMQPushConsumer<NoHandler>(configuration.GetSection("RocketMQ:Consumer"), name: "orders");
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task ProducerSettingsBindFromJsonAndBecomeGoOptions()
    {
        await using var provider = Build();
        var settings = provider.GetRequiredService<IOptionsMonitor<RocketMQProducerSettings>>().Get(Options.DefaultName);
        settings.NameServerList.Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");
        settings.SendMsgTimeout.Should().Be(TimeSpan.FromSeconds(7));

        var producer = provider.GetRequiredKeyedService<ProducerHost>(Options.DefaultName).Producer;
        producer.Group.Should().Be("orders_producer");
        producer.Options.Namespace.Should().Be("prod");
        producer.Options.Credentials.Should().Be(new Credentials("ak", "sk"));
        producer.Options.RetryTimes.Should().Be(5);
        producer.Options.SendMsgTimeout.Should().Be(TimeSpan.FromSeconds(7));
        producer.Options.CompressMsgBodyOverHowmuch.Should().Be(1024);
        producer.Options.MaxMessageSize.Should().Be(65536);
        provider.GetRequiredService<IProducer>().Should().BeSameAs(provider.GetRequiredKeyedService<IProducer>(Options.DefaultName));
    }

    [Fact]
    public async Task NamedProducersHaveTheirOwnSettingsAndService()
    {
        await using var provider = Build();
        var audit = provider.GetRequiredKeyedService<ProducerHost>("audit").Producer;
        audit.Group.Should().Be("audit_producer");
        audit.Options.RetryTimes.Should().Be(1, "the delegate runs after binding");
        provider.GetRequiredKeyedService<IProducer>("audit").Should().NotBeSameAs(provider.GetRequiredService<IProducer>());
    }

    [Fact]
    public async Task ConsumerSettingsBindFromJsonAndBecomeGoOptions()
    {
        await using var provider = Build();
        var settings = provider.GetRequiredService<IOptionsMonitor<RocketMQPushConsumerSettings>>().Get("orders");
        settings.Subscriptions.Should().HaveCount(2);
        settings.Subscriptions[1].Type.Should().Be(ExpressionType.SQL92);

        var consumer = PushConsumer.NewPushConsumer(settings.ToOptions(null, TimeSpan.FromSeconds(30)));
        consumer.ConsumerGroup.Should().Be("orders_consumer");
        consumer.Options.ConsumerModel.Should().Be(MessageModel.BroadCasting);
        consumer.Options.FromWhere.Should().Be(ConsumeFromWhere.ConsumeFromFirstOffset);
        consumer.Options.ConsumeOrderly.Should().BeTrue();
        consumer.Options.ConsumeMessageBatchMaxSize.Should().Be(8);
        consumer.Options.PullBatchSize.Should().Be(16);
        consumer.Options.MaxReconsumeTimes.Should().Be(3);
        consumer.Options.ConsumeTimeout.Should().Be(TimeSpan.FromMinutes(2));
        consumer.Options.ConsumeGoroutineNums.Should().Be(4);
        consumer.Options.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void WithoutAShutdownTimeoutTheConsumerFinishesWithinTheHostsOwn()
    {
        var consumer = PushConsumer.NewPushConsumer(new RocketMQPushConsumerSettings { GroupName = "g" }.ToOptions(null, TimeSpan.FromSeconds(30)));
        consumer.Options.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(24));
    }

    [Fact]
    public void AnUnknownStrategyNameIsAClearError()
    {
        var act = () => new RocketMQPushConsumerSettings { Strategy = "random" }.ToOptions(null, TimeSpan.FromSeconds(30));
        act.Should().Throw<ArgumentException>().WithMessage("*unknown allocation strategy 'random'*");
    }

    private sealed class NoHandler : IRocketMQMessageHandler
    {
        public Task<ConsumeResult> HandleAsync(IReadOnlyList<MessageExt> messages, CancellationToken cancellationToken)
            => Task.FromResult(ConsumeResult.ConsumeSuccess);
    }
}
