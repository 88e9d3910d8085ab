using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests.Interop;

/// <summary>
/// The project's C# producer and consumer against ali-ons through the embedded broker: each reads what the other
/// wrote, with tags, keys and bodies intact.
/// </summary>
public sealed class AliOnsCrossClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private EmbeddedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Ali_ons_consumes_what_the_csharp_producer_sent()
    {
        const string topic = "CrossCSharpToAliOns";
        const int count = 8;
        await _cluster.CreateTopicAsync(topic, 4);
        var producer = DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(_cluster.NameServerAddress), ProducerOptions.WithGroupName("cross_cs_producer"));
        await producer.Start();
        var sent = new List<(string Tag, string Keys, string Body, SendResult Result)>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var body = $"csharp body {i} \u00e9\u4e2d";
                var message = new Message(topic, Encoding.UTF8.GetBytes(body)).WithTag($"Tag{i % 2}").WithKeys([$"cs-key-{i}", $"cs-order-{i}"]);
                var result = await producer.SendSync(message);
                result.Status.Should().Be(SendStatus.SendOK);
                sent.Add(($"Tag{i % 2}", $"cs-key-{i} cs-order-{i}", body, result));
            }
        }
        finally
        {
            await producer.Shutdown();
        }

        var run = await NodeScript.RunAsync("consume.js", ["--namesrv", _cluster.NameServerAddress, "--topic", topic, "--group", "cross_ali_consumer",
            "--expect", count.ToString(CultureInfo.InvariantCulture)], Wait);

        run.ExitCode.Should().Be(0, run.ToString());
        var received = run.Events("received").ToList();
        received.Select(r => $"{r.GetProperty("tags").GetString()}|{string.Join(' ', r.GetProperty("keys").EnumerateArray().Select(k => k.GetString()))}|{r.GetProperty("body").GetString()}")
            .Should().BeEquivalentTo(sent.Select(s => $"{s.Tag}|{s.Keys}|{s.Body}"));
        received.Select(r => r.GetProperty("msgId").GetString()).Should().BeEquivalentTo(sent.Select(s => s.Result.OffsetMsgID),
            "ali-ons names a message by its offset id, which the broker returned to the C# producer");
    }

    [Fact]
    public async Task The_csharp_consumer_consumes_what_ali_ons_sent()
    {
        const string topic = "CrossAliOnsToCSharp";
        const int count = 8;
        await _cluster.CreateTopicAsync(topic, 4);
        var produced = await NodeScript.RunAsync("produce.js", ["--namesrv", _cluster.NameServerAddress, "--topic", topic, "--count",
            count.ToString(CultureInfo.InvariantCulture), "--prefix", "cross"], Wait);
        produced.ExitCode.Should().Be(0, produced.ToString());
        var sent = produced.Events("sent").ToList();
        sent.Should().HaveCount(count);

        var received = new ConcurrentDictionary<string, MessageExt>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(_cluster.NameServerAddress), ConsumerOptions.WithGroupName("cross_cs_consumer"),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset));
        consumer.Subscribe(topic, MessageSelector.All, (_, messages) =>
        {
            foreach (var message in messages)
            {
                received.TryAdd(message.MsgId, message);
            }

            if (received.Count >= count)
            {
                all.TrySetResult();
            }

            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        try
        {
            await all.Task.WaitAsync(Wait);
        }
        finally
        {
            await consumer.Shutdown();
        }

        received.Should().HaveCount(count);
        foreach (var s in sent)
        {
            var msgId = s.GetProperty("msgId").GetString()!;
            received.Should().ContainKey(msgId, "ali-ons sends no UNIQ_KEY, so the C# consumer names the message by its offset id");
            var message = received[msgId];
            message.Topic.Should().Be(topic);
            message.GetTags().Should().Be(s.GetProperty("tag").GetString());
            message.GetKeys().Should().Be(string.Join(' ', s.GetProperty("keys").EnumerateArray().Select(k => k.GetString())));
            Encoding.UTF8.GetString(message.Body).Should().Be(s.GetProperty("body").GetString());
            message.QueueOffset.Should().Be(s.GetProperty("queueOffset").GetInt64());
        }
    }
}
