using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

public class SelectorTests
{
    private static readonly MessageQueue[] Queues =
    [
        new("T", "broker-a", 0), new("T", "broker-a", 1), new("T", "broker-b", 0), new("T", "broker-b", 1),
    ];

    [Fact]
    public void RoundRobin_visits_every_queue_once_per_cycle()
    {
        var selector = QueueSelectors.NewRoundRobinQueueSelector();
        var msg = new Message("T", [1]);
        var picked = Enumerable.Range(0, 8).Select(_ => selector.Select(msg, Queues, string.Empty)!).ToList();
        picked.Take(4).Should().OnlyHaveUniqueItems().And.HaveCount(4);
        picked.Skip(4).Should().Equal(picked.Take(4));
    }

    [Fact]
    public void RoundRobin_keeps_one_counter_per_topic()
    {
        var selector = QueueSelectors.NewRoundRobinQueueSelector();
        var first = selector.Select(new Message("T", [1]), Queues, string.Empty);
        selector.Select(new Message("Other", [1]), Queues, string.Empty);
        selector.Select(new Message("Other", [1]), Queues, string.Empty);
        var second = selector.Select(new Message("T", [1]), Queues, string.Empty);
        Array.IndexOf(Queues, second).Should().Be((Array.IndexOf(Queues, first) + 1) % Queues.Length);
    }

    [Fact]
    public void RoundRobin_avoids_the_last_broker_when_another_exists()
    {
        var selector = QueueSelectors.NewRoundRobinQueueSelector();
        for (var i = 0; i < 20; i++)
        {
            selector.Select(new Message("T", [1]), Queues, "broker-a")!.BrokerName.Should().Be("broker-b");
        }

        // Only broker-a left: it is used anyway rather than failing.
        var onlyA = Queues.Where(q => q.BrokerName == "broker-a").ToArray();
        selector.Select(new Message("T", [1]), onlyA, "broker-a")!.BrokerName.Should().Be("broker-a");
    }

    [Theory]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    [InlineData("", 0x811c9dc5u)]
    public void Hash_is_fnv1a32_of_the_utf8_key_as_in_go(string key, uint expected)
        => HashQueueSelector.Fnv1a32(key).Should().Be(expected);

    [Fact]
    public void Hash_puts_every_message_of_a_sharding_key_in_one_queue_and_spreads_keys()
    {
        var selector = QueueSelectors.NewHashQueueSelector();
        var used = new HashSet<MessageQueue>();
        for (var k = 0; k < 40; k++)
        {
            var key = "order-" + k;
            var queue = selector.Select(new Message("T", [1]).WithShardingKey(key), Queues, string.Empty)!;
            for (var i = 0; i < 5; i++)
            {
                selector.Select(new Message("T", [(byte)i]).WithShardingKey(key), Queues, "broker-a").Should().Be(queue);
            }

            queue.Should().Be(Queues[HashQueueSelector.Fnv1a32(key) % Queues.Length]);
            used.Add(queue);
        }

        used.Should().HaveCount(Queues.Length);
    }

    [Fact]
    public void Hash_without_key_and_random_stay_within_the_queues_and_reach_all()
    {
        foreach (var selector in new[] { QueueSelectors.NewHashQueueSelector(), QueueSelectors.NewRandomQueueSelector() })
        {
            var seen = Enumerable.Range(0, 400).Select(_ => selector.Select(new Message("T", [1]), Queues, string.Empty)).ToHashSet();
            seen.Should().BeEquivalentTo(Queues);
        }
    }

    [Fact]
    public void Manual_returns_the_queue_set_on_the_message()
    {
        var queue = new MessageQueue("T", "broker-b", 1);
        QueueSelectors.NewManualQueueSelector().Select(new Message("T", [1]) { Queue = queue }, Queues, string.Empty).Should().Be(queue);
        QueueSelectors.NewManualQueueSelector().Select(new Message("T", [1]), Queues, string.Empty).Should().BeNull();
    }
}
