using System.Globalization;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests.Interop;

/// <summary>
/// The embedded broker against a client nobody here wrote: the npm package ali-ons (pure JavaScript), run as a
/// child process by test/interop's scripts. ali-ons never falls back to TBW102 for an unknown topic (its route
/// query throws on TOPIC_NOT_EXIST), so topics are created first, as <c>mqadmin updateTopic</c> would.
/// </summary>
public sealed class AliOnsInteropTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private EmbeddedCluster _cluster = null!;

    private BrokerController Broker => _cluster.Brokers[0];

    public async Task InitializeAsync()
        => _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            // A retried message comes back after level 3 (the consumer asks for level 0): keep that short.
            MessageDelayLevel = "1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Ali_ons_produces_messages_with_tags_and_keys_the_broker_stores_them_and_ali_ons_consumes_them_all_back()
    {
        const string topic = "AliOnsRoundTrip";
        const int count = 12;
        await _cluster.CreateTopicAsync(topic, 4);

        var produced = await RunAsync("produce.js", "--topic", topic, "--count", Str(count), "--prefix", "rt");
        var sent = produced.Events("sent").ToList();
        sent.Should().HaveCount(count, produced.ToString());
        sent.Select(s => s.GetProperty("status").GetString()).Should().AllBe("SEND_OK");

        // What the broker stored, looked up by the offset message id ali-ons got back.
        foreach (var s in sent)
        {
            var stored = StoredByMessageId(s.GetProperty("msgId").GetString()!);
            stored.Topic.Should().Be(topic);
            stored.Tags.Should().Be(s.GetProperty("tag").GetString());
            stored.Keys.Should().Be(string.Join(' ', Strings(s.GetProperty("keys"))));
            stored.Body.Should().Be(s.GetProperty("body").GetString());
            stored.QueueId.Should().Be(s.GetProperty("queueId").GetInt32());
            stored.QueueOffset.Should().Be(s.GetProperty("queueOffset").GetInt64());

            var key = Strings(s.GetProperty("keys"))[0];
            Broker.Store.QueryMessage(topic, key, 32, 0, long.MaxValue).Should().ContainSingle("the key index finds {0}", key);
        }

        sent.Select(s => s.GetProperty("queueId").GetInt32()).Distinct().Should().HaveCountGreaterThan(1, "ali-ons spreads sends over the queues");

        var consumed = await RunAsync("consume.js", "--topic", topic, "--group", "rt_group", "--expect", Str(count));
        var received = consumed.Events("received").ToList();
        received.Should().HaveCount(count, consumed.ToString());
        received.Select(Summary).Should().BeEquivalentTo(sent.Select(Summary));
        received.Select(r => r.GetProperty("msgId").GetString()).Should().BeEquivalentTo(sent.Select(s => s.GetProperty("msgId").GetString()));

        // ali-ons committed what it consumed before it closed: the group's offset of every queue is at its end.
        for (var queueId = 0; queueId < 4; queueId++)
        {
            Broker.Offsets.QueryOffset("rt_group", topic, queueId).Should().Be(Broker.Store.GetMaxOffsetInQueue(topic, queueId), "queue {0}", queueId);
        }

        _cluster.Brokers[0].Consumers.GetGroup("rt_group")?.ClientIds().Should().BeNullOrEmpty("ali-ons unregistered on close");
    }

    [Fact]
    public async Task Ali_ons_tag_subscription_is_filtered_by_the_broker_and_a_retried_message_returns_through_the_retry_topic()
    {
        const string topic = "AliOnsTags";
        await _cluster.CreateTopicAsync(topic, 2);
        var produced = await RunAsync("produce.js", "--topic", topic, "--count", "9", "--prefix", "tag");
        produced.Events("sent").Should().HaveCount(9, produced.ToString());

        // Tag0 and Tag2 (6 of 9); every Tag2 message is first handed back with ACTION_RETRY (CONSUMER_SEND_MSG_BACK).
        var consumed = await RunAsync("consume.js", "--topic", topic, "--group", "tag_group", "--tags", "Tag0 || Tag2",
            "--retry-tag", "Tag2", "--expect", "6");

        var pulledTags = consumed.Events("pulled").Where(p => p.GetProperty("topic").GetString() == topic)
            .SelectMany(p => p.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).ToList();
        pulledTags.Should().HaveCount(6, "the broker answers the pulls with Tag0 and Tag2 only").And.NotContain("Tag1");

        var received = consumed.Events("received").ToList();
        received.Should().HaveCount(6, consumed.ToString());
        received.Select(r => r.GetProperty("tags").GetString()).Should().OnlyContain(t => t == "Tag0" || t == "Tag2");
        consumed.Events("retrying").Select(r => r.GetProperty("tags").GetString()).Should().Equal("Tag2", "Tag2", "Tag2");

        var retried = received.Where(r => r.GetProperty("tags").GetString() == "Tag2").ToList();
        retried.Should().HaveCount(3);
        foreach (var r in retried)
        {
            r.GetProperty("reconsumeTimes").GetInt32().Should().Be(1);
            r.GetProperty("msgId").GetString().Should().NotBe(r.GetProperty("id").GetString(), "the redelivery is a new message in %RETRY%tag_group");
            r.GetProperty("topic").GetString().Should().Be(topic, "ali-ons restores the original topic from RETRY_TOPIC");
            r.GetProperty("body").GetString().Should().StartWith("tag body ");
        }

        Broker.Store.GetMaxOffsetInQueue("%RETRY%tag_group", 0).Should().Be(3);
    }

    private async Task<NodeRun> RunAsync(string script, params string[] args)
    {
        var run = await NodeScript.RunAsync(script, ["--namesrv", _cluster.NameServerAddress, .. args], ScriptTimeout);
        run.ExitCode.Should().Be(0, run.ToString());
        return run;
    }

    private static string Summary(JsonElement e)
        => $"{e.GetProperty(e.TryGetProperty("tag", out _) ? "tag" : "tags").GetString()}|{string.Join(' ', Strings(e.GetProperty("keys")))}|{e.GetProperty("body").GetString()}";

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(k => k.GetString()!).ToArray();

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    private (string Topic, string? Tags, string? Keys, string Body, int QueueId, long QueueOffset) StoredByMessageId(string msgId)
    {
        msgId.Should().HaveLength(32);
        var offset = long.Parse(msgId.AsSpan(16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var record = Broker.Store.ReadRecord(offset);
        record.IsEmpty.Should().BeFalse("message {0} is stored at commit-log offset {1}", msgId, offset);
        var view = StoredMessage.Read(record.Span, out _);
        var properties = view.Properties;
        return (Encoding.UTF8.GetString(view.Topic),
            PropertyScanner.TryFind(properties, "TAGS"u8, out var tags) ? Encoding.UTF8.GetString(tags) : null,
            PropertyScanner.TryFind(properties, "KEYS"u8, out var keys) ? Encoding.UTF8.GetString(keys) : null,
            Encoding.UTF8.GetString(view.Body), view.QueueId, view.QueueOffset);
    }
}
