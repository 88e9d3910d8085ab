using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Every send mode and message kind against the embedded broker, read back over the wire.</summary>
public class ProducerClusterTests : ClusterTestBase
{
    [Fact]
    public async Task Sync_send_stores_the_message_with_its_id_tag_keys_and_properties()
    {
        var producer = await StartProducer();
        var msg = Msg("SyncTopic", "hello sync").WithTag("TagA").WithKeys(["k1", "k2"]).WithProperty("color", "red");
        var result = await producer.SendSync(msg);

        result.Status.Should().Be(SendStatus.SendOK);
        result.MsgID.Should().Be(MessageClientId.GetUniqId(msg));
        result.OffsetMsgID.Should().HaveLength(32);
        result.MessageQueue!.Topic.Should().Be("SyncTopic");
        result.MessageQueue.BrokerName.Should().Be("broker-a");

        var stored = (await Stored("SyncTopic")).Should().ContainSingle().Subject;
        Text(stored).Should().Be("hello sync");
        stored.GetTags().Should().Be("TagA");
        stored.GetKeys().Should().Be("k1 k2");
        stored.GetProperty("color").Should().Be("red");
        stored.MsgId.Should().Be(result.MsgID);
        stored.OffsetMsgId.Should().Be(result.OffsetMsgID);
        stored.QueueId.Should().Be(result.MessageQueue.QueueId);
        stored.QueueOffset.Should().Be(result.QueueOffset);
    }

    [Fact]
    public async Task Async_sends_in_both_forms_and_oneway_sends_are_stored()
    {
        var producer = await StartProducer();
        var callback = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await producer.SendAsync(CallContext.Background, (_, r, e) =>
        {
            if (e is null)
            {
                callback.TrySetResult(r!);
            }
            else
            {
                callback.TrySetException(e);
            }
        }, Msg("ModesTopic", "async-callback"));
        (await callback.Task.WaitAsync(Wait)).Status.Should().Be(SendStatus.SendOK);

        (await producer.SendAsync(CallContext.Background, Msg("ModesTopic", "async-await"))).Status.Should().Be(SendStatus.SendOK);
        await producer.SendOneWay(Msg("ModesTopic", "oneway"));

        var stored = await Eventually(() => Stored("ModesTopic"), s => s.Count == 3);
        stored.Select(Text).Should().BeEquivalentTo("async-callback", "async-await", "oneway");
    }

    [Fact]
    public async Task Many_concurrent_async_sends_all_arrive()
    {
        var producer = await StartProducer();
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => producer.SendAsync(CallContext.Background, Msg("Concurrent", "m" + i))));
        results.Should().OnlyContain(r => r.Status == SendStatus.SendOK);
        results.Select(r => r.MsgID).Should().OnlyHaveUniqueItems();
        (await Stored("Concurrent")).Select(Text).Should().BeEquivalentTo(Enumerable.Range(0, 300).Select(i => "m" + i));
    }

    [Fact]
    public async Task Concurrent_sync_senders_each_get_the_result_of_their_own_message()
    {
        // Requests, responses and their futures are pooled and reused: no send may see another's outcome.
        var producer = await StartProducer();
        var sent = new System.Collections.Concurrent.ConcurrentBag<(string Body, SendResult Result, string UniqId)>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var body = $"w{worker}-{i}";
                var msg = Msg("PooledTopic", body).WithTag("w" + worker);
                var result = await producer.SendSync(msg);
                sent.Add((body, result, MessageClientId.GetUniqId(msg)));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        var stored = (await Stored("PooledTopic")).ToDictionary(m => (m.QueueId, m.QueueOffset));
        stored.Should().HaveCount(800);
        foreach (var (body, result, uniqId) in sent)
        {
            result.Status.Should().Be(SendStatus.SendOK);
            result.MsgID.Should().Be(uniqId);
            var at = stored[(result.MessageQueue!.QueueId, result.QueueOffset)];
            Text(at).Should().Be(body, "the result names where this very message was stored");
            at.MsgId.Should().Be(uniqId);
            at.OffsetMsgId.Should().Be(result.OffsetMsgID);
            at.GetTags().Should().Be(body[..body.IndexOf('-')]);
        }
    }

    [Fact]
    public async Task A_batch_is_stored_as_consecutive_messages_of_one_queue_each_with_its_id()
    {
        var producer = await StartProducer();
        var msgs = Enumerable.Range(0, 3).Select(i => Msg("BatchTopic", "b" + i).WithTag("TagB").WithKeys(["bkey-" + i]).WithProperty("idx", i.ToString())).ToArray();
        var result = await producer.SendSync(msgs);

        result.Status.Should().Be(SendStatus.SendOK);
        result.MsgID.Split(',').Should().HaveCount(3).And.OnlyHaveUniqueItems();
        var stored = await Stored("BatchTopic");
        stored.Select(Text).Should().Equal("b0", "b1", "b2");
        stored.Select(m => m.QueueId).Distinct().Should().ContainSingle().Which.Should().Be(result.MessageQueue!.QueueId);
        stored.Select(m => m.QueueOffset).Should().Equal(result.QueueOffset, result.QueueOffset + 1, result.QueueOffset + 2);
        stored.Select(m => m.MsgId).Should().Equal(result.MsgID.Split(','));
        stored.Select(m => m.GetProperty("idx")).Should().Equal("0", "1", "2");
    }

    [Fact]
    public async Task Orderly_sends_put_every_message_of_a_sharding_key_in_one_queue_in_order()
    {
        var producer = await StartProducer(ProducerOptions.WithQueueSelector(QueueSelectors.NewHashQueueSelector()));
        var keys = Enumerable.Range(0, 6).Select(k => "order-" + k).ToArray();
        for (var step = 0; step < 10; step++)
        {
            foreach (var key in keys)
            {
                await producer.SendSync(Msg("OrderTopic", $"{key}:{step}").WithShardingKey(key));
            }
        }

        var stored = await Stored("OrderTopic");
        stored.Should().HaveCount(60);
        foreach (var key in keys)
        {
            var ofKey = stored.Where(m => m.GetShardingKey() == key).ToList();
            ofKey.Select(m => (m.BrokerName(), m.QueueId)).Distinct().Should().ContainSingle();
            ofKey.OrderBy(m => m.QueueOffset).Select(Text).Should().Equal(Enumerable.Range(0, 10).Select(s => $"{key}:{s}"));
        }

        stored.Select(m => m.QueueId).Distinct().Count().Should().BeGreaterThan(1, "keys spread over queues");
    }

    [Fact]
    public async Task A_delayed_message_is_not_delivered_before_its_level()
    {
        var producer = await StartProducer();
        var sent = DateTimeOffset.UtcNow;
        var result = await producer.SendSync(Msg("DelayTopic", "later").WithDelayTimeLevel(1));
        result.Status.Should().Be(SendStatus.SendOK);
        (await Stored("DelayTopic")).Should().BeEmpty("level 1 waits 1 s in SCHEDULE_TOPIC_XXXX");

        var stored = await Eventually(() => Stored("DelayTopic"), s => s.Count == 1);
        var delivered = DateTimeOffset.UtcNow;
        stored.Should().ContainSingle();
        Text(stored[0]).Should().Be("later");
        (stored[0].StoreTimestamp - stored[0].BornTimestamp).Should().BeGreaterThanOrEqualTo(950, "stored in the topic only after the 1 s level");
        (delivered - sent).Should().BeGreaterThan(TimeSpan.FromMilliseconds(950));
    }

    [Fact]
    public async Task Bodies_over_the_threshold_are_stored_compressed_and_read_back_intact()
    {
        var producer = await StartProducer(ProducerOptions.WithCompressMsgBodyOverHowmuch(1024), ProducerOptions.WithCompressLevel(9));
        var body = string.Concat(Enumerable.Range(0, 800).Select(i => "line " + i + "\n"));
        await producer.SendSync(Msg("ZipTopic", body));
        await producer.SendSync(Msg("ZipTopic", "tiny"));

        var stored = await Stored("ZipTopic");
        Text(stored[0]).Should().Be(body);
        (stored[0].SysFlag & MessageSysFlag.Compressed).Should().Be(MessageSysFlag.Compressed);
        stored[0].StoreSize.Should().BeLessThan(body.Length / 2);
        (stored[1].SysFlag & MessageSysFlag.Compressed).Should().Be(0);
        Text(stored[1]).Should().Be("tiny");
    }

    [Fact]
    public async Task A_namespace_prefixes_the_stored_topic_but_not_what_the_caller_sees()
    {
        var producer = await StartProducer(ProducerOptions.WithNamespace("tenant1"));
        var msg = Msg("NsTopic", "ns");
        var result = await producer.SendSync(msg);
        result.MessageQueue!.Topic.Should().Be("NsTopic");
        (await Stored("tenant1%NsTopic")).Select(Text).Should().Equal("ns");
        (await Stored("NsTopic")).Should().BeEmpty();

        // Sending the same message object again does not wrap twice (Go does).
        await producer.SendSync(msg);
        (await Stored("tenant1%NsTopic")).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_delivery_timestamp_travels_as_TIMER_DELIVER_MS_which_a_4x_broker_stores_as_is()
    {
        var producer = await StartProducer();
        var at = DateTimeOffset.UtcNow.AddMinutes(5);
        await producer.SendSync(Msg("PropTopic", "p").WithTag("TagX").WithDeliverTimestamp(at));
        var stored = (await Stored("PropTopic")).Should().ContainSingle().Subject;
        stored.GetProperty(PropertyKeys.TimerDeliverMs).Should().Be(at.ToUnixTimeMilliseconds().ToString());
        stored.GetTags().Should().Be("TagX");
    }
}

internal static class MessageExtTestExtensions
{
    public static string BrokerName(this MessageExt m) => m.Queue?.BrokerName ?? string.Empty;
}

/// <summary>ACL against a broker with an account.</summary>
public class ProducerAclTests : ClusterTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { AclAccessKey = "rocketmq2", AclSecretKey = "12345678" };

    protected override Credentials? ReaderCredentials => new("rocketmq2", "12345678");

    [Fact]
    public async Task The_right_keys_are_accepted_and_wrong_ones_refused()
    {
        var good = await StartProducer(ProducerOptions.WithCredentials(new Credentials("rocketmq2", "12345678")));
        (await good.SendSync(Msg("AclTopic", "ok"))).Status.Should().Be(SendStatus.SendOK);

        var bad = await StartProducer(ProducerOptions.WithCredentials(new Credentials("rocketmq2", "wrong-secret")), ProducerOptions.WithRetry(0));
        (await FluentActions.Awaiting(() => bad.SendSync(Msg("AclTopic", "no"))).Should().ThrowAsync<MQBrokerException>())
            .Which.ResponseCode.Should().Be(ResponseCode.NO_PERMISSION);

        var none = await StartProducer(ProducerOptions.WithRetry(0));
        await FluentActions.Awaiting(() => none.SendSync(Msg("AclTopic", "no"))).Should().ThrowAsync<MQBrokerException>();

        (await Stored("AclTopic")).Select(Text).Should().Equal("ok");
    }
}

/// <summary>Message trace (Go: WithTrace) against the embedded broker.</summary>
public class ProducerTraceTests : ClusterTestBase
{
    [Fact]
    public async Task Each_answered_send_is_traced_to_the_trace_topic_after_the_user_interceptors_see_it()
    {
        var seen = new List<string>();
        Interceptor user = async (ctx, req, reply, next) =>
        {
            seen.Add("user");
            await next(ctx, req, reply);
        };
        // As on a real cluster, the trace topic must exist (Java brokers create it with traceTopicEnable).
        await Cluster.CreateTopicAsync("RMQ_SYS_TRACE_TOPIC", 1);
        var producer = await StartProducer(
            ProducerOptions.WithTrace(new TraceConfig { NamesrvAddrs = [Cluster.NameServerAddress] }),
            ProducerOptions.WithInterceptor(user));
        var sync = await producer.SendSync(Msg("TracedTopic", "t1").WithTag("TagT").WithKeys(["kt"]));
        var async = await producer.SendAsync(CallContext.Background, Msg("TracedTopic", "t2"));
        await producer.SendOneWay(Msg("TracedTopic", "t3"));
        seen.Should().HaveCount(3);

        var traces = await Eventually(() => Stored("RMQ_SYS_TRACE_TOPIC"), t => string.Concat(t.Select(Text)).Contains(async.MsgID));
        var text = string.Concat(traces.Select(Text));
        text.Should().Contain("Pub\u0001").And.Contain(sync.MsgID).And.Contain(sync.OffsetMsgID).And.Contain("TracedTopic").And.Contain("TagT");
        text.Should().Contain(async.MsgID, "asynchronous sends are traced too");
        traces.SelectMany(t => t.GetKeys().Split(' ')).Should().Contain(sync.MsgID, "trace messages are keyed by the traced ids");

    }
}
