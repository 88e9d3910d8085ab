using System.Collections.Concurrent;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The message commands: lookups by key, id and offset, reading queues, sending; mqadmin's layout and the effect a second command shows.</summary>
public sealed class MessageCommandTests : RmqadminTestBase
{
    // A message in printMsg / consumeMessage: "MSGID: id " + Java's MessageExt.toString + " BODY: text".
    private const string MessageLine = @"^MSGID: [0-9A-F]{32,} MessageExt \[brokerName=broker-\w, queueId=\d+, storeSize=\d+, queueOffset=\d+, sysFlag=\d+, "
        + @"bornTimestamp=(\d+|<millis>), bornHost=/[\d.]+:\d+, storeTimestamp=(\d+|<millis>), storeHost=/[\d.]+:\d+, msgId=[0-9A-F]{32}, commitLogOffset=\d+, "
        + @"bodyCRC=\d+, reconsumeTimes=\d+, preparedTransactionOffset=\d+, toString\(\)=Message\{topic='\S+', flag=\d+, properties=\{.*MIN_OFFSET=\d+.*\}, "
        + @"body=\[[-\d, ]*\], transactionId='\S+'\}\] BODY: .*$";

    [Fact]
    public async Task QueryMsgByKey_lists_every_message_with_the_key_in_mqadmins_columns()
    {
        var topic = await NewTopic(4);
        var sent = await Send(await StartProducer(), topic, 6);
        var lines = await Lines("queryMsgByKey", "-t", topic, "-k", "key-3");
        SameTable("queryMsgByKey", lines, @"^[0-9A-F]{32,} +\d+ +\d+$");
        lines.Skip(1).Should().ContainSingle().Which.Should().Be($"{sent[3].MsgID,-50} {sent[3].MessageQueue!.QueueId,4} {sent[3].QueueOffset,40}",
            "Java's '%-50s %4d %40d'");
        (await Json("queryMsgByKey", "-t", topic, "-k", "key-3")).GetProperty("messages")[0].GetProperty("msgId").GetString().Should().Be(sent[3].MsgID);
        (await Lines("queryMsgByKey", "-t", topic, "-k", "no-such-key")).Should().HaveCount(1, "only the header");
    }

    [Fact]
    public async Task QueryMsgById_ByUniqueKey_and_ByOffset_print_mqadmins_fields_and_the_tracks_of_each_group()
    {
        var topic = await NewTopic(2);
        var group = Unique("g");
        var sent = await Send(await StartProducer(), topic, 4);
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 4, Wait, "the consumer gets the messages");
        await Committed(group, 4);

        var byId = await Lines("queryMsgById", "-i", sent[1].OffsetMsgID);
        SameFields("queryMsgByOffset", byId);
        byId[0].Should().Be($"{"OffsetID:",-20} {sent[1].OffsetMsgID}");
        byId.Should().Contain($"{"Keys:",-20} [key-1]").And.Contain($"{"Tags:",-20} [TagA]");
        var bodyPath = byId.Single(l => l.StartsWith("Message Body Path:"))[21..];
        File.ReadAllText(bodyPath).Should().Be("body 1", "the body is saved where the path says");
        byId[^1].Should().Be($"MessageTrack [consumerGroup={group}, trackType=CONSUMED, exceptionDesc=null]");

        var byKey = await Lines("queryMsgByUniqueKey", "-t", topic, "-i", sent[2].MsgID);
        SameFields("queryMsgByUniqueKey", byKey);
        byKey[0].Should().Be($"{"Topic:",-20} {topic}");
        (await Json("queryMsgByUniqueKey", "-t", topic, "-i", sent[2].MsgID)).GetProperty("messages")[0].GetProperty("queueOffset").GetInt64().Should().Be(sent[2].QueueOffset);

        var q = sent[3].MessageQueue!;
        var byOffset = await Lines("queryMsgByOffset", "-t", topic, "-b", q.BrokerName, "-i", q.QueueId.ToString(), "-o", sent[3].QueueOffset.ToString());
        SameFields("queryMsgByOffset", byOffset);
        byOffset.Should().Contain($"{"Keys:",-20} [key-3]");
        byOffset.Single(l => l.StartsWith("Properties:")).Should().Contain("MIN_OFFSET=").And.Contain("MAX_OFFSET=").And.Contain("a=3");

        var offline = await Lines("queryMsgById", "-i", sent[0].OffsetMsgID);
        offline[^1].Should().Contain($"consumerGroup={group}");
        var beyond = await Run("queryMsgByOffset", "-t", topic, "-b", q.BrokerName, "-i", q.QueueId.ToString(), "-o", "999");
        beyond.Exit.Should().Be(1);
        beyond.Stderr.Should().Contain(topic).And.Contain("999");
    }

    [Fact]
    public async Task A_group_that_is_not_online_is_tracked_NOT_ONLINE_as_java()
    {
        var topic = await NewTopic(1);
        var sent = await Send(await StartProducer(), topic, 1);
        var group = Unique("g");
        await Lines("updateSubGroup", "-c", "DefaultCluster", "-g", group);
        await Lines("resetOffsetByTime", "-g", group, "-t", topic, "-s", "0");
        var lines = await Lines("queryMsgById", "-i", sent[0].OffsetMsgID);
        lines[^1].Should().Be($"MessageTrack [consumerGroup={group}, trackType=NOT_ONLINE, exceptionDesc=CODE:206 DESC:the consumer group[{group}] not online]");
        MqadminCapture.Load("queryMsgByOffset").Output[^1].Should().StartWith("MessageTrack [consumerGroup=cap_group, trackType=NOT_ONLINE, exceptionDesc=CODE:206 DESC:the consumer group[cap_group] not online]");
    }

    [Fact]
    public async Task PrintMsg_prints_every_queue_with_java_message_lines_and_filters_by_tag()
    {
        var topic = await NewTopic(2);
        await Send(await StartProducer(), topic, 5);
        var lines = await Lines("printMsg", "-t", topic);
        var capture = MqadminCapture.Load("printMsg").Output;
        AllMatch(capture.Where(l => l.StartsWith("MSGID")), MessageLine, "the pattern describes mqadmin's lines");
        AllMatch(lines.Where(l => l.StartsWith("MSGID")), MessageLine, "rmqadmin prints Java's MessageExt.toString");
        lines.Count(l => l.StartsWith("MSGID")).Should().Be(5);
        var headers = lines.Where(l => l.StartsWith("minOffset=")).ToList();
        headers.Should().HaveCount(4, "two brokers with two queues each");
        AllMatch(headers, $@"^minOffset=0, maxOffset=\d+, MessageQueue \[topic={topic}, brokerName=broker-\w, queueId=\d\]$", "Java's 'minOffset=%s, maxOffset=%s, %s'");
        lines.Count(l => l == "--------------------------------------------------------").Should().Be(4);
        capture[0].Should().MatchRegex(@"^minOffset=\d+, maxOffset=\d+, MessageQueue \[topic=\w+, brokerName=broker-\w, queueId=\d+\]$");
        lines.Should().Contain(l => l.StartsWith("MSGID") && l.EndsWith(" BODY: body 2"));

        (await Lines("printMsg", "-t", topic, "-s", "TagB")).Should().NotContain(l => l.StartsWith("MSGID"), "no message has tag TagB");
        (await Lines("printMsg", "-t", topic, "-d", "false")).Where(l => l.StartsWith("MSGID")).Should().OnlyContain(l => l.EndsWith(" BODY: NOT PRINT BODY"));
        var future = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds().ToString();
        (await Lines("printMsg", "-t", topic, "-b", future)).Should().NotContain(l => l.StartsWith("MSGID"), "nothing was stored after the begin time");
        (await Json("printMsg", "-t", topic)).GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("messages").GetArrayLength()).Should().Be(5);
    }

    [Fact]
    public async Task ConsumeMessage_reads_count_messages_from_an_offset_as_mqadmin()
    {
        var topic = await NewTopic(1);
        await Send(await StartProducer(), topic, 10);
        var lines = await Lines("consumeMessage", "-t", topic, "-b", "broker-a", "-i", "0", "-o", "1", "-c", "2");
        var capture = MqadminCapture.Load("consumeMessage").Output;
        lines.Take(2).Should().Equal(capture.Take(2), "mqadmin's two lines before the messages");
        lines.Skip(2).Should().HaveCount(2);
        AllMatch(capture.Skip(2), MessageLine, "the pattern describes mqadmin's lines");
        AllMatch(lines.Skip(2), MessageLine, "rmqadmin prints Java's MessageExt.toString");
        lines[2].Should().Contain("brokerName=broker-a, queueId=0,").And.Contain("queueOffset=1,");

        // 5 messages on each broker's queue: all of broker-a's, then 2 of broker-b's.
        var all = await Lines("consumeMessage", "-t", topic, "-c", "7");
        all.Count(l => l.StartsWith("MSGID")).Should().Be(7);
        all.Should().Contain($"MessageQueue [topic={topic}, brokerName=broker-a, queueId=0] print msg finished. status=NO_NEW_MSG, offset=5")
            .And.Contain("The older 2 message of the 0 queue will be provided");
        (await Run("consumeMessage", "-t", topic, "-i", "0")).Exit.Should().Be(2, "a queue id needs the broker name");
    }

    [Fact]
    public async Task QueryCq_prints_the_consume_queue_entries_as_mqadmin()
    {
        var topic = await NewTopic(1);
        await Send(await StartProducer(), topic, 8);
        var lines = await Lines("queryCq", "-t", topic, "-q", "0", "-i", "1", "-c", "2");
        var capture = MqadminCapture.Load("queryCq").Output;
        lines[0].Should().Be(capture[0]).And.Be("Queue data: ");
        lines[1].Should().Be("max: 4, min: 0");
        lines.Should().HaveCount(3 + 2 * 3);
        const string entry = @"^ConsumeQueueData\{physicOffset=\d+, physicSize=\d+, tagsCode=-?\d+, extendDataJson='null', bitMap='null', eval=false, msg='null'\}$";
        AllMatch(capture.Where(l => l.StartsWith("ConsumeQueueData")), entry, "the pattern describes mqadmin's entries");
        lines[3].Should().Be("idx: 1");
        lines[4].Should().MatchRegex(entry);
        lines[4].Should().Contain($"tagsCode={JavaHash("TagA")},", "a TAG message's tags code is its tag's Java hash code");
        lines[6].Should().Be("idx: 2");

        var group = Unique("g");
        var withGroup = await Lines("queryCq", "-t", topic, "-q", "0", "-i", "0", "-g", group);
        withGroup.Should().StartWith(["Filter data: ", $"{group}@{topic} is not online!", "======================================"]);
        var beyond = await Run("queryCq", "-t", topic, "-q", "0", "-i", "9");
        beyond.Exit.Should().Be(1);
        beyond.Stderr.Should().Contain("Index 9 of 0@" + topic + " is not exist!");
    }

    [Fact]
    public async Task SendMessage_sends_what_queryMsgByKey_then_finds_and_to_a_chosen_queue()
    {
        var topic = await NewTopic(2);
        var lines = await Lines("sendMessage", "-t", topic, "-p", "hello from rmqadmin", "-k", "k1", "-c", "TagZ");
        SameTable("sendMessage", lines, @"^broker-\w {24}  \d {3}  SEND_OK {13}    [0-9A-F]{32,}$");
        var msgId = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        (await Lines("queryMsgByKey", "-t", topic, "-k", "k1")).Skip(1).Should().ContainSingle().Which.Should().StartWith(msgId);

        var chosen = await Lines("sendMessage", "-t", topic, "-p", "x", "-b", "broker-b", "-i", "1");
        chosen[1].Should().StartWith("broker-b                          1     SEND_OK");
        (await Json("sendMessage", "-t", topic, "-p", "y")).GetProperty("sendResult").GetString().Should().Be("SEND_OK");
        (await Run("sendMessage", "-t", topic, "-p", "x", "-i", "1")).Exit.Should().Be(2, "a queue needs its broker");
    }

    [Fact]
    public async Task CheckMsgSendRT_times_each_send_round_the_queues()
    {
        var topic = await NewTopic(2);
        var lines = await Lines("checkMsgSendRT", "-t", topic, "-a", "5", "-s", "64");
        SameTable("checkMsgSendRT", lines, @"^broker-\w {24}  \d {3}  true {16}    \d+$", isRow: l => !l.StartsWith("Avg RT"));
        lines.Should().HaveCount(7);
        lines[^1].Should().MatchRegex(@"^Avg RT: \d+\.\d{2}$");
        MqadminCapture.Load("checkMsgSendRT").Output[^1].Should().MatchRegex(@"^Avg RT: \d+\.\d{2}$");
        lines.Skip(1).Take(4).Select(l => l[..38]).Should().OnlyHaveUniqueItems("the sends go round the 4 queues");
        (await Json("topicStatus", "-t", topic)).GetProperty("queues").EnumerateArray().Sum(q => q.GetProperty("maxOffset").GetInt64()).Should().Be(5);
    }

    [Fact]
    public async Task ClusterRT_prints_a_row_per_broker_every_interval_until_stopped()
    {
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter { NewLine = "\n" };
        var synced = TextWriter.Synchronized(stdout);
        var run = Cmd.Rmqadmin.Cli.RmqadminApp.RunAsync(["clusterRT", "-a", "3", "-s", "16", "-i", "1", "-n", Cluster.NameServerAddress], synced, new StringWriter(), _ => null, stop.Token);
        string Text()
        {
            lock (synced)
            {
                return stdout.ToString();
            }
        }

        await Until(() => Text().Split('\n').Count(l => l.StartsWith("DefaultCluster")) >= 4, Wait, "two rounds of two brokers");
        stop.Cancel();
        (await run.WaitAsync(Wait)).Should().Be(0, "stopping a looping command is its normal end");
        var lines = Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be($"{"#Cluster Name",-24}  {"#Broker Name",-24}  {"#RT",-4}  {"#successCount",-8}  {"#failCount",-8}", "Java's header format");
        AllMatch(lines.Skip(1), @"^DefaultCluster {10}  broker-\w {16}  \d+\.\d{2} *  3 {15}  0 {15}$", "Java's '%-24s  %-24s  %-8s  %-16s  %-16s'");
    }

    /// <summary>The detail's field names, in order, are the capture's ("%-20s %s" rows, then the tracks).</summary>
    private static void SameFields(string captureName, List<string> ours)
    {
        static List<string> Labels(IEnumerable<string> lines) => lines.TakeWhile(l => l.Length > 0).Select(l => l[..20].TrimEnd()).ToList();
        var capture = MqadminCapture.Load(captureName).Output;
        Labels(ours).Should().Equal(Labels(capture), "{0} prints mqadmin's fields", captureName);
        ours.Skip(Labels(ours).Count).Take(2).Should().Equal("", "");
        capture.Skip(Labels(capture).Count).Take(2).Should().Equal("", "");
        AllMatch(ours.TakeWhile(l => l.Length > 0), @"^.{20} \S.*$", "Java's '%-20s %s'");
    }

    /// <summary>Java's String.hashCode, the tags code of a TAG message.</summary>
    private static int JavaHash(string text)
    {
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }
}
