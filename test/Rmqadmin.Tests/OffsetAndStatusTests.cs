using System.Collections.Concurrent;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Offset writes (reset, skip, clone), consumer status and statsAll: mqadmin's layout and the effect a second command shows.</summary>
public sealed class OffsetAndStatusTests : RmqadminTestBase
{
    [Fact]
    public async Task ResetOffsetByTime_makes_a_running_consumer_reconsume()
    {
        var topic = await NewTopic(2);
        var group = Unique("g");
        var producer = await StartProducer();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeMilliseconds();
        await Send(producer, topic, 4);
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 4, Wait, "the consumer gets the messages");
        await Committed(group, 4);

        var lines = await Lines("resetOffsetByTime", "-g", group, "-t", topic, "-s", before.ToString());
        lines[0].Should().Be($"rollback consumer offset by specified group[{group}], topic[{topic}], force[true], timestamp(string)[{before}], timestamp(long)[{before}]");
        lines[1].Should().Be($"{"#brokerName",-40}  {"#queueId",-40}  {"#offset",-40}");
        AllMatch(lines.Skip(2), @"^broker-\w {32}  \d {39}  0 {39}$", "Java's '%-40s  %-40d  %-40d', every queue back to 0");
        lines.Should().HaveCount(2 + 4);

        await Until(() => received.Count >= 8, Wait, "the running consumer reconsumes the 4 messages");
        received.Select(m => Text(m)).Should().Contain(["body 0", "body 1", "body 2", "body 3"]).And.HaveCountGreaterThanOrEqualTo(8);
    }

    [Fact]
    public async Task ResetOffsetByTime_of_an_offline_group_writes_the_offsets_and_prints_javas_rollback_table()
    {
        var topic = await NewTopic(2);
        await Send(await StartProducer(), topic, 6);
        var group = Unique("g");
        var lines = await Lines("resetOffsetByTime", "-g", group, "-t", topic, "-s", "0");
        var capture = MqadminCapture.Load("resetOffsetByTime").Output;
        lines[0].Should().Be(capture[0].Replace("cap_group", group).Replace("CapTopic", topic));
        lines[1].Should().Be(capture[1], "Java's rollback table header");
        const string row = @"^broker-\w {12}  \d {19}  \d+ +\d+ +\d+ +\d+ +$";
        AllMatch(capture.Skip(2), row, "the pattern describes mqadmin's rows");
        AllMatch(lines.Skip(2), row, "Java's '%-20s  %-20d  %-20d  %-20d  %-20d  %-20d'");
        lines.Should().HaveCount(2 + 4);
        var progress = await Json("consumerProgress", "-g", group);
        progress.GetProperty("queues").EnumerateArray().Should().HaveCount(4).And.OnlyContain(q => q.GetProperty("consumerOffset").GetInt64() == 0);
        progress.GetProperty("diffTotal").GetInt64().Should().Be(6, "the group is back at the start of every queue");

        var skipped = await Lines("skipAccumulatedMessage", "-g", group, "-t", topic);
        skipped[0].Should().Be(capture[1], "an offline group gets Java's rollback table");
        (await Json("consumerProgress", "-g", group)).GetProperty("diffTotal").GetInt64().Should().Be(0, "the backlog is skipped");
        (await Json("resetOffsetByTime", "-g", group, "-t", topic, "-s", "0")).GetProperty("queues").GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task SkipAccumulatedMessage_moves_a_running_consumer_past_its_backlog()
    {
        var topic = await NewTopic(1);
        var group = Unique("g");
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        var producer = await StartProducer();
        await Send(producer, topic, 2);
        await Until(() => received.Count >= 2, Wait, "the consumer is running");
        var lines = await Lines("skipAccumulatedMessage", "-g", group, "-t", topic);
        lines[0].Should().Be($"{"#brokerName",-40}  {"#queueId",-40}  {"#offset",-40}");
        AllMatch(lines.Skip(1), @"^broker-\w {32}  0 {39}  1 {39}$", "each queue's end");
        (await Json("skipAccumulatedMessage", "-g", group, "-t", topic)).GetProperty("queues").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task CloneGroupOffset_gives_the_destination_group_the_source_offsets()
    {
        var topic = await NewTopic(2);
        await Send(await StartProducer(), topic, 6);
        var (src, dest) = (Unique("src"), Unique("dest"));
        await Lines("resetOffsetByTime", "-g", src, "-t", topic, "-s", "now");
        (await Json("consumerProgress", "-g", src)).GetProperty("diffTotal").GetInt64().Should().Be(0);

        (await Lines("cloneGroupOffset", "-s", src, "-d", dest, "-t", topic, "-o", "true"))
            .Should().Equal($"clone group offset success. srcGroup[{src}], destGroup=[{dest}], topic[{topic}]");
        var cloned = await Json("consumerProgress", "-g", dest);
        cloned.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("consumerOffset").GetInt64()).Sum().Should().Be(6);
        cloned.GetProperty("diffTotal").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task ConsumerStatus_lists_each_client_saves_its_running_info_and_checks_the_subscriptions()
    {
        var topic = await NewTopic(2);
        var group = Unique("g");
        await StartConsumer(group, topic, new ConcurrentQueue<MessageExt>());
        await StartConsumer(group, topic, new ConcurrentQueue<MessageExt>());
        await Until(async () => (await Json("consumerConnection", "-g", group)).GetProperty("connections").GetArrayLength() == 2, Wait, "both clients are connected");

        var lines = await Lines("consumerStatus", "-g", group);
        var capture = MqadminCapture.Load("consumerStatus").Output;
        lines[0].Should().Be(capture[0]);
        AllMatch(capture.Skip(1).Take(1), @"^1 {10}\S+ +V4_9_8 {15}\S+$", "the pattern describes mqadmin's row");
        AllMatch(lines.Skip(1).Take(2), @"^[12] {10}\S+ +V4_9_8 {15}\S+$", "Java's '%-10d %-40s %-20s %s'");
        lines.Skip(3).Should().Equal(capture.Skip(2));
        var file = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var saved = File.ReadAllText(file);
        saved.Should().StartWith("#Consumer Properties#\n").And.Contain("\n\n#Consumer Subscription#\n001 Topic: ").And.Contain("#Consumer RT&TPS#");

        var clientId = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var one = await Run("consumerStatus", "-g", group, "-i", clientId);
        one.Exit.Should().Be(0);
        one.Stdout.Should().StartWith("#Consumer Properties#\n").And.Contain(topic);
        (await Json("consumerStatus", "-g", group)).GetProperty("clients").GetArrayLength().Should().Be(2);
        (await Run("consumerStatus", "-g", Unique("nobody"))).Exit.Should().Be(1, "a group without clients is not online");
    }

    [Fact]
    public async Task StatsAll_prints_each_topic_and_group_with_the_messages_put_and_got()
    {
        var topic = await NewTopic(2);
        var group = Unique("g");
        await Send(await StartProducer(), topic, 5);
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 5, Wait, "the consumer gets the messages");
        await Committed(group, 5);

        const string row = @"^\S.{63}  \S.{63} +\d+ +\d+\.\d{2} +\d+\.\d{2} +\d+ +\d+$";
        const string noConsumer = @"^\S.{63}  {64} +0 +\d+\.\d{2} {12} +\d+ +NO_CONSUMER$";
        var lines = await Lines("statsAll");
        SameTable("statsAll", lines, $"({row})|({noConsumer})");
        var ours = lines.Single(l => l.StartsWith(topic));
        ours.Should().MatchRegex(row);
        var fields = ours.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        fields[1].Should().Be(group);
        fields[2].Should().Be("0", "nothing is left to consume");
        fields[5].Should().Be("5", "5 messages were put today");
        fields[6].Should().Be("5", "the group got 5 today");
        lines.Should().Contain(l => l.StartsWith("TBW102 ") && l.EndsWith("NO_CONSUMER"));

        var only = await Lines("statsAll", "-t", topic);
        only.Should().HaveCount(2);
        (await Lines("statsAll", "-a")).Should().Contain(l => l.StartsWith(topic)).And.NotContain(l => l.StartsWith("TBW102 "), "-a leaves out topics without traffic today");
        (await Json("statsAll", "-t", topic)).GetProperty("rows")[0].GetProperty("inMsg24Hour").GetInt64().Should().Be(5);
    }
}
