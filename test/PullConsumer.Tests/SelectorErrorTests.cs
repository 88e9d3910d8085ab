using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A lite pull consumer with a SQL92 selector the broker cannot compile fails Start with the broker's parse error.</summary>
public sealed class PullSelectorErrorTests : PullClusterTestBase
{
    [Fact]
    public async Task Start_fails_with_the_brokers_parse_error()
    {
        var topic = await NewTopic(2);
        var group = Unique("pbadsql");
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.BySql("a >> 1"));

        var refused = (await ((Func<Task>)consumer.Start).Should().ThrowAsync<MQClientException>()).Which;

        refused.Message.Should().Be(
            $"CODE: 23  DESC: broker {Cluster.BrokerAddresses[0]} refused the SQL92 selector \"a >> 1\" of group {group} on topic {topic}: unexpected '>' at position 3");
        Cluster.Brokers[0].Consumers.GetGroup(group).Should().BeNull("no heartbeat carried the refused selector");
    }
}
