using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Consumer group administration: configs, progress, connections, running info.</summary>
public sealed class GroupTests : AdminTestBase
{
    [Fact]
    public async Task GetAllSubscriptionGroup_returns_the_broker_group_configs()
    {
        var admin = NewAdmin();
        var group = Unique("cg");
        var body = $$"""{"groupName":"{{group}}","consumeEnable":true,"consumeBroadcastEnable":false,"retryQueueNums":1,"retryMaxTimes":5,"brokerId":0,"whichBrokerWhenConsumeSlowly":1}""";
        (await Raw(Cluster.BrokerAddresses[0], RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP, body: Encoding.UTF8.GetBytes(body))).Code.Should().Be(ResponseCode.SUCCESS);

        var wrapper = await admin.GetAllSubscriptionGroup(default, Cluster.BrokerAddresses[0], TimeSpan.FromSeconds(3));

        var config = wrapper.SubscriptionGroupTable.Should().ContainKey(group).WhoseValue;
        config.GroupName.Should().Be(group);
        config.RetryMaxTimes.Should().Be(5);
        config.ConsumeBroadcastEnable.Should().BeFalse();
        wrapper.DataVersion.Counter.Should().BeGreaterThan(0);
        (await admin.GetAllSubscriptionGroup(default, Cluster.BrokerAddresses[1], TimeSpan.FromSeconds(3))).SubscriptionGroupTable.Should().NotContainKey(group);
    }

    [Fact]
    public async Task ConsumerProgress_shows_broker_offset_consumer_offset_and_lag_per_queue()
    {
        var admin = NewAdmin();
        var topic = Unique("progress");
        var broker = Cluster.BrokerAddresses[0];
        await admin.CreateTopic(WithTopicCreate(topic), WithBrokerAddrCreate(broker), WithWriteQueueNums(2), WithReadQueueNums(2));
        await Send(topic, 10);
        var group = Unique("cg");
        await CommitOffset(broker, group, topic, 0, 5);
        await CommitOffset(broker, group, topic, 1, 2);

        var progress = await admin.ConsumerProgress(default, group, topic);

        progress.Group.Should().Be(group);
        progress.Queues.Select(q => (q.Queue.QueueId, q.BrokerOffset, q.ConsumerOffset, q.Lag)).Should().Equal((0, 5L, 5L, 0L), (1, 5L, 2L, 3L));
        progress.Queues.Should().OnlyContain(q => q.Queue.BrokerName == Cluster.BrokerNames[0] && q.Queue.Topic == topic);
        progress.Queues[0].LastTimestamp.Should().BeGreaterThan(0);
        (progress.TotalBrokerOffset, progress.TotalConsumerOffset, progress.TotalLag).Should().Be((10L, 7L, 3L));

        // Without a topic every topic the group has offsets for is listed.
        (await admin.ConsumerProgress(default, group)).Queues.Should().HaveCount(2);
    }

    [Fact]
    public async Task ConsumerProgress_of_an_unknown_offline_group_says_so()
    {
        var admin = NewAdmin();
        var group = Unique("ghost");

        var progress = () => admin.ConsumerProgress(default, group);

        var error = (await progress.Should().ThrowAsync<ConsumerNotOnlineException>()).Which;
        error.Group.Should().Be(group);
        error.Code.Should().Be(ResponseCode.CONSUMER_NOT_ONLINE);
        error.Message.Should().Contain(group).And.Contain("not online");
    }

    [Fact]
    public async Task ConsumerProgress_lag_drops_to_zero_after_consumption()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var group = Unique("cg");
        await Send(topic, 20);
        foreach (var broker in Cluster.BrokerAddresses)
        {
            await CommitOffset(broker, group, topic, 0, 0);
            await CommitOffset(broker, group, topic, 1, 0);
        }

        (await admin.ConsumerProgress(default, group, topic)).TotalLag.Should().Be(20);

        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 20, "the consumer did not get the 20 messages");

        var progress = await Eventually(() => admin.ConsumerProgress(default, group, topic), p => p.TotalLag == 0);
        progress.TotalLag.Should().Be(0);
        progress.TotalConsumerOffset.Should().Be(20);
        progress.Queues.Should().HaveCount(4).And.OnlyContain(q => q.Lag == 0);
    }

    [Fact]
    public async Task Connections_and_running_info_of_a_live_consumer()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var group = Unique("cg");
        var consumer = await StartConsumer(group, topic, new ConcurrentQueue<MessageExt>());

        var connection = await Eventually(() => admin.ExamineConsumerConnectionInfo(default, group).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null),
            c => c is not null);
        connection.Should().NotBeNull();
        var client = connection!.Connections.Should().ContainSingle().Subject;
        client.Language.Should().Be("DOTNET");
        connection.Subscriptions.Should().ContainKey(topic).WhoseValue.Should().Be("*");
        connection.ConsumeType.Should().Be("CONSUME_PASSIVELY");
        connection.MessageModel.Should().Be("CLUSTERING");

        var info = await Eventually(() => admin.ConsumerRunningInfo(default, group, client.ClientId), i => i.Queues.Keys.Count(q => q.Topic == topic) == 4);
        info.ConsumeType.Should().Be("CONSUME_PASSIVELY");
        info.Subscriptions.Should().ContainKeys(topic, "%RETRY%" + group);
        info.Queues.Keys.Where(q => q.Topic == topic).Should().HaveCount(4);
        info.Queues.Keys.Should().OnlyContain(q => q.Topic == topic || q.Topic == "%RETRY%" + group);

        var offline = () => admin.ConsumerRunningInfo(default, group, "10.0.0.1@nobody");
        (await offline.Should().ThrowAsync<ConsumerNotOnlineException>()).Which.ClientId.Should().Be("10.0.0.1@nobody");
        await FluentActions.Awaiting(() => admin.ExamineConsumerConnectionInfo(default, Unique("ghost"))).Should().ThrowAsync<ConsumerNotOnlineException>();
        GC.KeepAlive(consumer);
    }

    [Fact]
    public async Task Reset_by_timestamp_makes_a_running_push_consumer_reconsume()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var group = Unique("cg");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var bodies = (await Send(topic, 8, "r")).Count;
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= bodies, "first consumption did not finish");
        await Eventually(() => admin.ConsumerProgress(default, group, topic), p => p.TotalLag == 0 && p.TotalConsumerOffset == bodies);

        var offsets = await admin.ResetOffsetByTimestamp(default, topic, group, before);

        offsets.Should().HaveCount(4).And.OnlyContain(kv => kv.Value == 0);
        await Until(() => received.Count >= 2 * bodies, $"after the reset the consumer got {received.Count - bodies} of {bodies} messages again");
        received.GroupBy(m => Encoding.UTF8.GetString(m.Body)).Should().HaveCount(bodies).And.OnlyContain(g => g.Count() == 2);
    }

    [Fact]
    public async Task Reset_by_timestamp_of_an_offline_group_writes_the_offsets_on_the_brokers()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var group = Unique("cg");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Send(topic, 8);
        foreach (var broker in Cluster.BrokerAddresses)
        {
            await CommitOffset(broker, group, topic, 0, 0);
            await CommitOffset(broker, group, topic, 1, 0);
        }

        // The group consumed everything.
        var stored = (await admin.ConsumerProgress(default, group, topic)).Queues.ToDictionary(q => q.Queue, q => q.BrokerOffset);
        foreach (var (queue, max) in stored)
        {
            await CommitOffset(Cluster.BrokerAddresses[Cluster.BrokerNames.ToList().IndexOf(queue.BrokerName)], group, topic, queue.QueueId, max);
        }

        // Not forced, a move forwards of a consumed queue keeps its offset.
        var kept = await admin.ResetOffsetByTimestamp(default, topic, group, DateTimeOffset.UtcNow.AddHours(1), isForce: false);
        kept.Should().BeEquivalentTo(stored);

        var offsets = await admin.ResetOffsetByTimestamp(default, topic, group, before);

        offsets.Should().HaveCount(4).And.OnlyContain(kv => kv.Value == 0);
        var progress = await admin.ConsumerProgress(default, group, topic);
        progress.TotalConsumerOffset.Should().Be(0);
        progress.TotalLag.Should().Be(8);
    }

    [Fact]
    public async Task Reset_of_an_unknown_topic_names_it()
    {
        var admin = NewAdmin();
        var topic = Unique("none");

        var reset = () => admin.ResetOffsetByTimestamp(default, topic, Unique("cg"), DateTimeOffset.UtcNow);

        (await reset.Should().ThrowAsync<TopicNotExistException>()).Which.Topic.Should().Be(topic);
    }
}
