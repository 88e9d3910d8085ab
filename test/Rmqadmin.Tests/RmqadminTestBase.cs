using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An embedded cluster of two brokers per test, and rmqadmin run in-process against it.</summary>
public abstract class RmqadminTestBase : EmbeddedClusterTestBase
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 2 };

    /// <summary>Runs rmqadmin with <paramref name="args"/> and -n of the cluster (unless given).</summary>
    protected async Task<RunResult> Run(params string[] args)
    {
        var full = args.Contains("-n") || args is ["help", ..] ? args : [.. args, "-n", Cluster.NameServerAddress];
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = await RmqadminApp.RunAsync(full, stdout, stderr, _ => null).WaitAsync(TimeSpan.FromMinutes(1));
        return new RunResult(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the command, expects exit 0, and returns its output lines.</summary>
    protected async Task<List<string>> Lines(params string[] args)
    {
        var result = await Run(args);
        result.Exit.Should().Be(0, "rmqadmin {0} failed: {1}", string.Join(' ', args), result.Stderr);
        return result.Stdout.Length == 0 ? [] : result.Stdout.Split('\n').SkipLast(result.Stdout.EndsWith('\n') ? 1 : 0).ToList();
    }

    /// <summary>Runs the command with --json, expects exit 0 and one JSON document, and returns it.</summary>
    protected async Task<JsonElement> Json(params string[] args)
    {
        var result = await Run([.. args, "--json"]);
        result.Exit.Should().Be(0, "rmqadmin {0} --json failed: {1}", string.Join(' ', args), result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.Clone();
    }

    /// <summary>Every line matches <paramref name="pattern"/> (the same pattern is checked against the capture).</summary>
    protected static void AllMatch(IEnumerable<string> lines, string pattern, string because)
    {
        var regex = new Regex(pattern);
        foreach (var line in lines)
        {
            regex.IsMatch(line).Should().BeTrue("line '{0}' should match {1} ({2})", line, pattern, because);
        }
    }

    /// <summary>
    /// The table's header equals the capture's, and every data row of both the capture and ours matches
    /// <paramref name="rowPattern"/>: the same columns, widths and number formats.
    /// </summary>
    protected static void SameTable(string captureName, IReadOnlyList<string> ours, string rowPattern, int headerLines = 1, Func<string, bool>? isRow = null)
    {
        var capture = MqadminCapture.Load(captureName);
        ours.Take(headerLines).Should().Equal(capture.Output.Take(headerLines), "the header of {0} is mqadmin's", captureName);
        var captureRows = capture.Output.Skip(headerLines).Where(isRow ?? (_ => true)).ToList();
        var ourRows = ours.Skip(headerLines).Where(isRow ?? (_ => true)).ToList();
        captureRows.Should().NotBeEmpty("the capture has rows to compare with");
        ourRows.Should().NotBeEmpty("rmqadmin printed rows");
        AllMatch(captureRows, rowPattern, "the pattern describes mqadmin's rows");
        AllMatch(ourRows, rowPattern, "rmqadmin prints mqadmin's row layout");
    }

    /// <summary>Sends <paramref name="count"/> messages with keys key-N and tag TagA; returns the results.</summary>
    private protected async Task<List<SendResult>> Send(DefaultProducer producer, string topic, int count)
    {
        var results = new List<SendResult>();
        for (var i = 0; i < count; i++)
        {
            var msg = new Message(topic, Encoding.UTF8.GetBytes($"body {i}")).WithTag("TagA").WithKeys(["key-" + i]);
            msg.WithProperty("a", i.ToString());
            var result = await producer.SendSync(CallContext.Background, msg);
            result.Status.Should().Be(SendStatus.SendOK);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Waits until the group has committed <paramref name="messages"/> messages and has nothing left to consume.</summary>
    protected async Task Committed(string group, long messages)
        => await Until(async () =>
        {
            var progress = await Json("consumerProgress", "-g", group);
            return progress.GetProperty("diffTotal").GetInt64() == 0
                && progress.GetProperty("queues").EnumerateArray().Where(q => !q.GetProperty("topic").GetString()!.StartsWith("%RETRY%")).Sum(q => q.GetProperty("consumerOffset").GetInt64()) == messages;
        }, Wait, $"group {group} commits {messages} messages");

    private protected async Task<PushConsumer> StartConsumer(string group, string topic, ConcurrentQueue<MessageExt> received)
    {
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress),
            ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithInstance(Unique("ci")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset),
            new(o => o.Client.Intervals = new ClientIntervals
            {
                PullNameServer = TimeSpan.FromSeconds(1),
                PersistOffset = TimeSpan.FromMilliseconds(200),
                PersistOffsetDelay = TimeSpan.FromMilliseconds(200),
            }));
        Own(consumer);
        consumer.Subscribe(topic, MessageSelector.All, (CallContext _, IReadOnlyList<MessageExt> msgs) =>
        {
            foreach (var msg in msgs)
            {
                received.Enqueue(msg);
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        return consumer;
    }
}

public sealed record RunResult(int Exit, string Stdout, string Stderr);
