using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Producer.Latency;

namespace RocketMQ.Go.Port.Tests;

public class FaultStrategyTests
{
    private static readonly MessageQueue[] Queues =
    [
        new("T", "broker-a", 0), new("T", "broker-a", 1), new("T", "broker-b", 0), new("T", "broker-b", 1),
    ];

    private long _now = 1_000_000;

    private MQFaultStrategy Strategy(bool enabled = true) => new(enabled, NullLogger.Instance, () => _now);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(549, 0)]
    [InlineData(550, 2000)]
    [InlineData(1800, 5000)]
    [InlineData(3000, 6000)]
    [InlineData(5000, 10000)]
    [InlineData(10000, 10000)]
    [InlineData(15000, 30000)]
    public void Backoff_follows_javas_latency_table(long latency, long backoff)
        => MQFaultStrategy.ComputeNotAvailableDuration(latency).Should().Be(backoff);

    [Fact]
    public void A_failed_broker_is_skipped_for_ten_seconds_then_used_again()
    {
        var strategy = Strategy();
        var selector = new RoundRobinQueueSelector();
        strategy.UpdateFaultItem("broker-a", 3, isolation: true, reachable: true);

        for (var i = 0; i < 16; i++)
        {
            strategy.SelectOneMessageQueue(selector, new Message("T", [1]), Queues, string.Empty)!.BrokerName.Should().Be("broker-b");
        }

        _now += 9_999;
        strategy.Tolerance.IsAvailable("broker-a").Should().BeFalse();
        _now += 1;
        var brokers = Enumerable.Range(0, 8).Select(_ => strategy.SelectOneMessageQueue(selector, new Message("T", [1]), Queues, string.Empty)!.BrokerName);
        brokers.Should().Contain("broker-a");
    }

    [Fact]
    public void A_slow_answer_backs_off_by_its_latency_and_a_fast_one_does_not()
    {
        var strategy = Strategy();
        strategy.UpdateFaultItem("broker-a", 600, isolation: false, reachable: true);
        strategy.Tolerance.IsAvailable("broker-a").Should().BeFalse();
        _now += 2000;
        strategy.Tolerance.IsAvailable("broker-a").Should().BeTrue();

        strategy.UpdateFaultItem("broker-b", 20, isolation: false, reachable: true);
        strategy.Tolerance.IsAvailable("broker-b").Should().BeTrue();
    }

    [Fact]
    public void A_shorter_backoff_never_cuts_a_longer_one()
    {
        var strategy = Strategy();
        strategy.UpdateFaultItem("broker-a", 0, isolation: true, reachable: true);
        strategy.UpdateFaultItem("broker-a", 600, isolation: false, reachable: true);
        _now += 5000;
        strategy.Tolerance.IsAvailable("broker-a").Should().BeFalse();
    }

    [Fact]
    public void When_every_broker_is_in_backoff_a_reachable_one_is_still_chosen()
    {
        var strategy = Strategy();
        var selector = new RoundRobinQueueSelector();
        strategy.UpdateFaultItem("broker-a", 0, isolation: true, reachable: false);
        strategy.UpdateFaultItem("broker-b", 0, isolation: true, reachable: true);
        for (var i = 0; i < 8; i++)
        {
            strategy.SelectOneMessageQueue(selector, new Message("T", [1]), Queues, string.Empty)!.BrokerName.Should().Be("broker-b");
        }

        strategy.UpdateFaultItem("broker-b", 0, isolation: true, reachable: false);
        strategy.SelectOneMessageQueue(selector, new Message("T", [1]), Queues, string.Empty).Should().NotBeNull("a send is attempted anyway");
    }

    [Fact]
    public void Disabled_strategy_and_ordering_selectors_are_not_steered()
    {
        var disabled = Strategy(enabled: false);
        disabled.UpdateFaultItem("broker-a", 0, isolation: true, reachable: false);
        disabled.Tolerance.Count.Should().Be(0);

        var strategy = Strategy();
        strategy.UpdateFaultItem("broker-a", 0, isolation: true, reachable: false);
        var hash = new HashQueueSelector();
        var key = Enumerable.Range(0, 100).Select(i => "k" + i).First(k => Queues[HashQueueSelector.Fnv1a32(k) % 4].BrokerName == "broker-a");
        strategy.SelectOneMessageQueue(hash, new Message("T", [1]).WithShardingKey(key), Queues, string.Empty)!.BrokerName
            .Should().Be("broker-a", "orderly sends must keep their queue");
    }

    [Fact]
    public void Random_selector_is_steered_too()
    {
        var strategy = Strategy();
        strategy.UpdateFaultItem("broker-b", 0, isolation: true, reachable: true);
        var random = new RandomQueueSelector();
        for (var i = 0; i < 50; i++)
        {
            strategy.SelectOneMessageQueue(random, new Message("T", [1]), Queues, string.Empty)!.BrokerName.Should().Be("broker-a");
        }
    }
}
