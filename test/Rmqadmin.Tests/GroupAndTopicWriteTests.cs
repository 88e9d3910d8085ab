using System.Collections.Concurrent;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Topic and group writes, and the consumer/producer views: mqadmin's text, and the effect a second command shows.</summary>
public sealed class GroupAndTopicWriteTests : RmqadminTestBase
{
    [Fact]
    public async Task UpdateTopic_creates_what_topicRoute_shows_and_deleteTopic_removes_it()
    {
        var topic = Unique("T");
        var lines = await Lines("updateTopic", "-c", "DefaultCluster", "-t", topic, "-r", "8", "-w", "8");
        lines.Should().HaveCount(3);
        lines[0].Should().MatchRegex(@"^create topic to 127\.0\.0\.1:\d+ success\.$");
        lines[^1].Should().Be($"TopicConfig [topicName={topic}, readQueueNums=8, writeQueueNums=8, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false]");
        MqadminCapture.Load("updateTopic").Output[^1].Should().MatchRegex(@"^TopicConfig \[topicName=\w+, readQueueNums=8, writeQueueNums=8, perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false\]$");
        var route = await Json("topicRoute", "-t", topic);
        route.GetProperty("queues").EnumerateArray().Should().HaveCount(2).And.OnlyContain(q => q.GetProperty("writeQueueNums").GetInt32() == 8);

        var perm = await Lines("updateTopicPerm", "-c", "DefaultCluster", "-t", topic, "-p", "4");
        perm.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("update topic perm from 6 to 4 in 127.0.0.1:"));
        (await Json("topicRoute", "-t", topic)).GetProperty("queues").EnumerateArray().Should().OnlyContain(q => q.GetProperty("perm").GetInt32() == 4);

        (await Lines("deleteTopic", "-c", "DefaultCluster", "-t", topic)).Should().Equal(
            $"delete topic [{topic}] from cluster [DefaultCluster] success.", $"delete topic [{topic}] from NameServer success.");
        (await Run("topicRoute", "-t", topic)).Exit.Should().Be(1, "the topic is gone");
    }

    [Fact]
    public async Task UpdateSubGroup_creates_what_getConsumerConfig_shows_and_deleteSubGroup_removes_it()
    {
        var group = Unique("g");
        var lines = await Lines("updateSubGroup", "-c", "DefaultCluster", "-g", group, "-r", "5");
        lines[^1].Should().Be($"SubscriptionGroupConfig [groupName={group}, consumeEnable=true, consumeFromMinEnable=false, consumeBroadcastEnable=false, retryQueueNums=1, retryMaxTimes=5, brokerId=0, whichBrokerWhenConsumeSlowly=1, notifyConsumerIdsChangedEnable=true]");
        var config = await Lines("getConsumerConfig", "-g", group);
        var capture = MqadminCapture.Load("getConsumerConfig").Output;
        config.Where(l => !l.StartsWith('=')).Select(l => l[..40]).Distinct().Should().Equal(capture.Skip(1).Select(l => l[..40]), "mqadmin's fields in its order");
        config.Should().Contain("=============================DefaultCluster:broker-a=============================");
        config.Should().Contain("retryMaxTimes                           =  5");

        var deleted = await Lines("deleteSubGroup", "-c", "DefaultCluster", "-g", group);
        deleted.Take(2).Should().OnlyContain(l => l.StartsWith($"delete subscription group [{group}] from broker [127.0.0.1:"));
        deleted.Skip(2).Should().Equal(MqadminCapture.Load("deleteSubGroup").Output.Skip(1).Select(l => l.Replace("cap_new_group", group)));
        (await Lines("getConsumerConfig", "-g", group)).Should().BeEmpty();
    }

    [Fact]
    public async Task ConsumerProgress_connection_and_broker_consume_stats_show_a_running_consumer()
    {
        var topic = await NewTopic(4);
        var group = Unique("g");
        // Heartbeats every 200 ms: a producer registers with a broker by heartbeat only, and under load the first one
        // (1 s after start) can go out before the producer knows any broker, leaving the next one 30 s away.
        var producer = await StartProducer(new RocketMQ.Go.Port.Producer.ProducerOption(o => o.Client.Intervals = new ClientIntervals { HeartbeatBroker = TimeSpan.FromMilliseconds(200), HeartbeatBrokerDelay = TimeSpan.FromMilliseconds(200) }));
        await Send(producer, topic, 6);
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 6, Wait, "the consumer gets the messages");
        await Until(async () => (await Json("consumerProgress", "-g", group)).GetProperty("diffTotal").GetInt64() == 0 &&
            (await Json("consumerProgress", "-g", group)).GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("consumerOffset").GetInt64()) == 6,
            Wait, "the consumer commits its offsets");

        var progress = await Lines("consumerProgress", "-g", group);
        SameTable("consumerProgress", progress, @"^\S.{63}  broker-\w {26}\d {5}\d+ +\d+ +-?\d+ +(N/A|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$", isRow: l => !l.StartsWith("Consume TPS") && !l.StartsWith("Diff Total") && l.Length > 0);
        progress[^2].Should().MatchRegex(@"^Consume TPS: \d+\.\d{2}$");
        progress[^1].Should().Be("Diff Total: 0");

        var all = await Lines("consumerProgress");
        SameTable("consumerProgress-all", all, @"^\S.{63}  \d+ +  \S+ +\S* +\S* +\d+ +\d+$");
        all.Should().Contain(l => l.StartsWith(group) && l.Contains("PUSH") && l.Contains("CLUSTERING"));

        var connection = await Lines("consumerConnection", "-g", group);
        var capture = MqadminCapture.Load("consumerConnection").Output;
        connection[0].Should().Be(capture[0]);
        connection[1].Should().MatchRegex(@"^\S+ +127\.0\.0\.1:\d+ +DOTNET +V4_9_8$");
        connection.Skip(2).Where(l => !l.StartsWith(topic) && !l.StartsWith("%RETRY%")).Should().Equal(capture.Skip(2).Where(l => !l.StartsWith("CapTopic") && !l.StartsWith("%RETRY%")));

        var stats = await Lines("brokerConsumeStats", "-b", Cluster.BrokerAddresses[0]);
        SameTable("brokerConsumeStats", stats, @"^\S.{63}  \S.{63}  broker-\w {26}\d {5}\d+ +\d+ +-?\d+ +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", isRow: l => l.Length > 0 && !l.StartsWith("Diff Total"));
        stats.Should().Contain(l => l.StartsWith(topic) && l.Contains(group));
        stats[^1].Should().MatchRegex(@"^Diff Total: -?\d+$");

        await Until(async () => (await Json("producerConnection", "-g", producer.Options.Client.GroupName, "-t", topic)).GetProperty("connections").GetArrayLength() == 1,
            Wait, "the producer's heartbeat registers it");
        var producers = await Lines("producerConnection", "-g", producer.Options.Client.GroupName, "-t", topic);
        producers.Should().ContainSingle().Which.Should().MatchRegex(@"^0001  \S+ +127\.0\.0\.1:\d+ +DOTNET +V4_9_8$");
        (await Json("producerConnection", "-g", "nobody", "-t", topic)).GetProperty("connections").GetArrayLength().Should().Be(0);
    }
}
