using System.Collections.Concurrent;
using System.Text.Json;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Every command of the registry runs against the embedded broker with --json and prints one JSON document.</summary>
public sealed class JsonEveryCommandTests : RmqadminTestBase
{
    [Fact]
    public async Task Every_command_prints_one_json_document()
    {
        var topic = await NewTopic(2);
        var group = Unique("g");
        var producer = await StartProducer();
        var sent = await Send(producer, topic, 4);
        var received = new ConcurrentQueue<MessageExt>();
        await StartConsumer(group, topic, received);
        await Until(() => received.Count >= 4, Wait, "the consumer gets the messages");
        await Committed(group, 4);

        var (addr, other, scratch) = (Cluster.BrokerAddresses[0], Unique("t"), Unique("g"));
        var q = sent[0].MessageQueue!;
        string[][] runs =
        [
            ["clusterList"], ["clusterList", "-m"], ["topicList"], ["topicList", "-c"],
            ["topicRoute", "-t", topic], ["topicStatus", "-t", topic], ["topicClusterList", "-t", topic],
            ["updateTopic", "-c", "DefaultCluster", "-t", other], ["updateTopicPerm", "-c", "DefaultCluster", "-t", other, "-p", "6"],
            ["deleteTopic", "-c", "DefaultCluster", "-t", other],
            ["updateSubGroup", "-c", "DefaultCluster", "-g", scratch], ["getConsumerConfig", "-g", scratch],
            ["deleteSubGroup", "-c", "DefaultCluster", "-g", scratch],
            ["brokerStatus", "-b", addr], ["brokerConsumeStats", "-b", addr],
            ["getBrokerConfig", "-b", addr], ["updateBrokerConfig", "-b", addr, "-k", "maxMessageSize", "-v", "4194304"],
            ["getNamesrvConfig"], ["updateNamesrvConfig", "-k", "orderMessageEnable", "-v", "false"],
            ["consumerProgress"], ["consumerProgress", "-g", group], ["consumerConnection", "-g", group], ["consumerStatus", "-g", group],
            ["producerConnection", "-g", producer.Options.Client.GroupName, "-t", topic],
            ["queryMsgById", "-i", sent[0].OffsetMsgID], ["queryMsgByKey", "-t", topic, "-k", "key-0"],
            ["queryMsgByUniqueKey", "-t", topic, "-i", sent[0].MsgID],
            ["queryMsgByOffset", "-t", topic, "-b", q.BrokerName, "-i", q.QueueId.ToString(), "-o", sent[0].QueueOffset.ToString()],
            ["printMsg", "-t", topic], ["sendMessage", "-t", topic, "-p", "json"], ["consumeMessage", "-t", topic, "-c", "2"],
            ["queryCq", "-t", topic, "-q", "0", "-i", "0", "-c", "1"],
            ["resetOffsetByTime", "-g", group, "-t", topic, "-s", "now"], ["skipAccumulatedMessage", "-g", group, "-t", topic],
            ["cloneGroupOffset", "-s", group, "-d", scratch, "-t", topic],
            ["allocateMQ", "-t", topic, "-i", "10.0.0.1@1,10.0.0.2@2"], ["statsAll", "-t", topic],
            ["checkMsgSendRT", "-t", topic, "-a", "2", "-s", "16"],
            ["wipeWritePerm", "-b", "broker-b"], ["addWritePerm", "-b", "broker-b"],
            ["updateKvConfig", "-s", "rmqadmin", "-k", "k", "-v", "v"], ["deleteKvConfig", "-s", "rmqadmin", "-k", "k"],
            ["updateOrderConf", "-t", topic, "-m", "get"],
        ];

        var failures = new List<string>();
        foreach (var args in runs)
        {
            var result = await Run([.. args, "--json"]);
            if (result.Exit != 0 || !IsOneJsonDocument(result.Stdout))
            {
                failures.Add($"{string.Join(' ', args)}: exit {result.Exit}, stdout '{result.Stdout}', stderr '{result.Stderr}'");
            }
        }

        using var clusterRt = await FirstRound(["clusterRT", "-a", "1", "-s", "16", "-i", "1", "--json"]);
        clusterRt.RootElement.GetProperty("brokers").GetArrayLength().Should().Be(2, "clusterRT prints one document per round");

        failures.Should().BeEmpty();
        runs.Select(a => a[0]).Append("clusterRT").Distinct().Should().BeEquivalentTo(CommandRegistry.All.Select(c => c.Name), "every command is run here");
    }

    private static bool IsOneJsonDocument(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Runs a looping command until its first (indented) document is out, stops it, and returns that document.</summary>
    private async Task<JsonDocument> FirstRound(string[] args)
    {
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter { NewLine = "\n" };
        var synced = TextWriter.Synchronized(stdout);
        var stderr = new StringWriter();
        var run = Cmd.Rmqadmin.Cli.RmqadminApp.RunAsync([.. args, "-n", Cluster.NameServerAddress], synced, stderr, _ => null, stop.Token);
        string Text()
        {
            lock (synced)
            {
                return stdout.ToString();
            }
        }

        await Until(() => Text().Contains("\n}\n") || run.IsCompleted, Wait, $"{args[0]} prints its first round");
        run.IsCompleted.Should().BeFalse("{0} runs until stopped, but ended: {1}", args[0], stderr);
        stop.Cancel();
        (await run.WaitAsync(Wait)).Should().Be(0, "stopping a looping command is its normal end");
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(Text()), new JsonReaderOptions { AllowMultipleValues = true });
        return JsonDocument.ParseValue(ref reader);
    }
}
