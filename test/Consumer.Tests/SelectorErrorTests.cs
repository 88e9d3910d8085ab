using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A SQL92 selector the broker cannot compile reaches the user with the broker's parse error.</summary>
public sealed class SelectorErrorTests : ConsumerClusterTestBase
{
    [Fact]
    public async Task Start_fails_with_the_brokers_parse_error_and_announces_nothing()
    {
        var topic = await NewTopic(2);
        var group = Unique("badsql");
        var consumer = NewConsumer(group);
        consumer.Subscribe(topic, MessageSelector.BySql("a >> 1"), (_, _) => ConsumeResult.ConsumeSuccess);

        var refused = (await ((Func<Task>)consumer.Start).Should().ThrowAsync<MQClientException>()).Which;

        refused.Code.Should().Be(Internal.ResponseCode.SUBSCRIPTION_PARSE_FAILED);
        refused.Message.Should().Match(
            $"CODE: 23  DESC: broker 127.0.0.1:* refused the SQL92 selector \"a >> 1\" of group {group} on topic {topic}: unexpected '>' at position 3");
        refused.InnerException.Should().BeOfType<MQBrokerException>().Which.Remark.Should().Be("unexpected '>' at position 3");
        Cluster.Brokers.Should().OnlyContain(b => b.Consumers.GetGroup(group) == null, "no heartbeat carried the refused selector");
        await FluentActions.Awaiting(consumer.Start).Should().ThrowAsync<MQClientException>("the failed consumer is closed");
    }

    [Fact]
    public async Task A_bad_selector_subscribed_while_running_is_logged_once_and_its_pulls_stay_quiet()
    {
        var good = await NewTopic(2);
        var bad = await NewTopic(2);
        var logs = new RecordingLoggerFactory();
        var consumer = NewConsumer(Unique("latesql"), ConsumerOptions.WithLoggerFactory(logs));
        var collector = new Collector();
        consumer.Subscribe(good, MessageSelector.All, collector.Handler("c"));
        await consumer.Start();

        consumer.Subscribe(bad, MessageSelector.BySql("a >> 1"), collector.Handler("c"));
        var error = await logs.WaitFor(e => e.Level == LogLevel.Error).WaitAsync(Wait);
        error.Message.Should().Match($"broker 127.0.0.1:* refused the SQL92 selector \"a >> 1\" of group * on topic {bad}: unexpected '>' at position 3; no message of topic {bad} is delivered until the selector is fixed: group=*");

        // The broker refuses the topic's pulls (FILTER_DATA_NOT_EXIST); two refusals of one queue, 3 s apart, logged at Debug.
        await Until(() => logs.Entries.Count(e => e.Level == LogLevel.Debug && e.Message.StartsWith("pull message from broker error", StringComparison.Ordinal)
            && e.Message.Contains(bad, StringComparison.Ordinal)) >= 4, Wait, "pulls of the refused topic fail");
        await Send(good, 5);
        await collector.WaitFor(5);
        logs.Entries.Where(e => e.Level >= LogLevel.Warning).Should().ContainSingle("only the one error surfaces").Which.Should().Be(error);
    }
}
