using System.Text.Json;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The read-only cluster and topic commands print mqadmin's layout and parseable --json.</summary>
public sealed class ClusterAndTopicTests : RmqadminTestBase
{
    [Fact]
    public async Task ClusterList_prints_every_broker_in_mqadmins_columns()
    {
        var lines = await Lines("clusterList");
        SameTable("clusterList", lines,
            @"^DefaultCluster {4}broker-\w {16}0 {5}127\.0\.0\.1:\d+ +V4_9_8 {10} +\d+\.\d{2}\(\d+,\d+ms\) +\d+\.\d{2}\(\d+,\d+ms\) +\d+ +\d+\.\d{2} +-?\d\.\d{4}$");
        lines.Should().HaveCount(3, "a header and the two brokers");
        lines[1].Should().Contain(Cluster.BrokerAddresses[0]);

        var json = await Json("clusterList");
        json.GetProperty("brokers").GetArrayLength().Should().Be(2);
        json.GetProperty("brokers")[0].GetProperty("version").GetString().Should().Be("V4_9_8");
    }

    [Fact]
    public async Task ClusterList_more_stats_counts_the_messages_put_today()
    {
        var topic = await NewTopic(4);
        await Send(await StartProducer(), topic, 3);
        var lines = await Lines("clusterList", "-m");
        lines[0].Should().Be("#Cluster Name     #Broker Name                       #InTotalYest  #OutTotalYest  #InTotalToday #OutTotalToday");
        AllMatch(lines.Skip(1), @"^DefaultCluster {4}broker-\w {31} +\d+ +\d+ +\d+ +\d+$", "mqadmin's -m layout");
        var today = (await Json("clusterList", "-m")).GetProperty("brokers").EnumerateArray().Sum(b => b.GetProperty("inTotalToday").GetInt64());
        today.Should().BeGreaterThanOrEqualTo(3, "three messages were put");
    }

    [Fact]
    public async Task TopicList_lists_topics_and_with_c_their_cluster_and_groups()
    {
        var topic = await NewTopic(4);
        (await Lines("topicList")).Should().Contain([topic, "TBW102"]);
        (await Json("topicList")).GetProperty("topics").EnumerateArray().Select(t => t.GetString()).Should().Contain(topic);

        var group = Unique("g");
        await Send(await StartProducer(), topic, 2);
        var received = new System.Collections.Concurrent.ConcurrentQueue<Primitive.MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 2, Wait, "the consumer gets the messages");

        var lines = await Lines("topicList", "-c");
        SameTable("topicList-c", lines, @"^DefaultCluster {8}\S.{63}  .{64}$");
        lines.Should().Contain(l => l.StartsWith("DefaultCluster        " + topic) && l.Contains(group));
        (await Json("topicList", "-c")).GetProperty("rows").EnumerateArray().Should().Contain(r => r.GetProperty("consumerGroup").GetString() == group);
    }

    [Fact]
    public async Task TopicRoute_prints_fastjsons_pretty_route_and_a_list()
    {
        var topic = await NewTopic(4);
        var lines = await Lines("topicRoute", "-t", topic);
        var capture = MqadminCapture.Load("topicRoute").Output;

        // Two brokers repeat the capture's broker and queue blocks; the lines differ only in values.
        string Shape(string line) => System.Text.RegularExpressions.Regex.Replace(line, "\"[^\"]*\"(?=[,\\n]|$)|\\d+", "V");
        var ourShape = lines.Select(Shape).Distinct().ToList();
        var captureShape = capture.Select(Shape).Distinct().ToList();
        ourShape.Should().Contain(captureShape, "every line of mqadmin's route");
        ourShape.Except(captureShape).Should().Equal(["\t\t},"], "and only the separator of a second broker block besides");
        lines.Should().Contain($"\t\t\t\"brokerAddrs\":{{0:\"{Cluster.BrokerAddresses[0]}\"");

        var list = await Lines("topicRoute", "-t", topic, "-l");
        list[0].Should().Be("#ClusterName                                  #BrokerName                      #BrokerAddrs                                       #ReadQueue #WriteQueue #Perm");
        list[1].Should().MatchRegex(@"^DefaultCluster {32}broker-a {25}\{0=127\.0\.0\.1:\d+\} +4 {10}4 {11}6 {4}$");
        list[^1].Should().MatchRegex(@"^Total: {40}2 {83}8 {10}8 {16}$");

        var json = await Json("topicRoute", "-t", topic);
        json.GetProperty("queues").GetArrayLength().Should().Be(2);
        json.GetProperty("brokers")[0].GetProperty("brokerAddrs").GetProperty("0").GetString().Should().Be(Cluster.BrokerAddresses[0]);
    }

    [Fact]
    public async Task TopicRoute_of_an_unknown_topic_fails_with_one_line_naming_it()
    {
        var result = await Run("topicRoute", "-t", "NoSuchTopic");
        result.Exit.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("NoSuchTopic").And.Contain("does not exist");
        result.Stderr.TrimEnd('\n').Should().NotContain("\n", "the cause is one line");
    }

    [Fact]
    public async Task An_unreachable_name_server_fails_with_one_line_naming_it()
    {
        var result = await Run("clusterList", "-n", "127.0.0.1:1");
        result.Exit.Should().Be(1);
        result.Stderr.Should().Contain("127.0.0.1:1").And.Contain("not reachable");
        result.Stderr.TrimEnd('\n').Should().NotContain("\n");
    }

    [Fact]
    public async Task TopicStatus_prints_min_max_and_last_update_per_queue()
    {
        var topic = await NewTopic(4);
        await Send(await StartProducer(), topic, 5);
        var lines = await Lines("topicStatus", "-t", topic);
        SameTable("topicStatus", lines, @"^broker-\w {26}\d {5}\d+ +\d+ +(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})?$");
        lines.Should().HaveCount(9, "a header and 4 queues on each of 2 brokers");
        var json = await Json("topicStatus", "-t", topic);
        json.GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("maxOffset").GetInt64()).Should().Be(5);
    }

    [Fact]
    public async Task TopicClusterList_prints_the_topics_cluster()
    {
        var topic = await NewTopic(4);
        var lines = await Lines("topicClusterList", "-t", topic);
        lines.Should().Equal(MqadminCapture.Load("topicClusterList").Output);
        (await Json("topicClusterList", "-t", topic)).GetProperty("clusters")[0].GetString().Should().Be("DefaultCluster");
    }

    [Fact]
    public async Task AllocateMQ_splits_the_queues_averagely_in_mqadmins_json()
    {
        var topic = await NewTopic(4);
        var lines = await Lines("allocateMQ", "-t", topic, "-i", "10.0.0.1@1,10.0.0.2@2");
        lines.Should().ContainSingle();
        using var ours = JsonDocument.Parse(lines[0]);
        using var theirs = JsonDocument.Parse(MqadminCapture.Load("allocateMQ").Output[0]);
        var queue = ours.RootElement.GetProperty("result").GetProperty("10.0.0.1@1")[0];
        queue.EnumerateObject().Select(p => p.Name).Should().Equal(
            theirs.RootElement.GetProperty("result").GetProperty("10.0.0.1@1")[0].EnumerateObject().Select(p => p.Name));
        ours.RootElement.GetProperty("result").EnumerateObject().Sum(c => c.Value.GetArrayLength()).Should().Be(8, "every queue of both brokers is allocated once");
        ours.RootElement.GetProperty("result").GetProperty("10.0.0.1@1").GetArrayLength().Should().Be(4);
    }
}
