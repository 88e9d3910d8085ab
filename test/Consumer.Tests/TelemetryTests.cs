using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Telemetry tests listen process-wide, so they run alone (no other test's spans or measurements mix in).</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// The ActivitySource and Meter named RocketMQ.Go.Port: a send span whose W3C context travels in the message and
/// becomes the parent and link of the consumer's process span; the lite pull consumer's receive span; requests and
/// transaction half messages in send spans; sent, failed, consumed and duration metrics (pulls of both consumers
/// included); the process-queue and lag gauges; and nothing written into messages while nobody listens.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : EmbeddedClusterTestBase
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheProcessSpanIsLinkedToTheSendSpanThroughTheMessage()
    {
        var topic = await NewTopic(1);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans, topic);
        var producer = await StartProducer();
        var sent = await producer.SendSync(new Message(topic, "traced"u8.ToArray()).WithTag("TagA").WithKeys(["k1", "k2"]));

        var handled = new TaskCompletionSource<Activity?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = Own(PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("tg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset)));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            handled.TrySetResult(Activity.Current);
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        var current = await handled.Task.WaitAsync(Bound);

        var send = spans.Single(s => s.Kind == ActivityKind.Producer);
        send.DisplayName.Should().Be($"send {topic}");
        send.GetTagItem("messaging.system").Should().Be("rocketmq");
        send.GetTagItem("messaging.operation.type").Should().Be("send");
        send.GetTagItem("messaging.destination.name").Should().Be(topic);
        send.GetTagItem("messaging.rocketmq.client_group").Should().Be(producer.Group);
        send.GetTagItem("messaging.rocketmq.message.tag").Should().Be("TagA");
        send.GetTagItem("messaging.rocketmq.message.keys").Should().BeEquivalentTo(new[] { "k1", "k2" });
        send.GetTagItem("messaging.message.id").Should().Be(sent.MsgID);

        await Until(() => spans.Any(s => s.Kind == ActivityKind.Consumer), Bound, "the process span ended");
        var process = spans.Single(s => s.Kind == ActivityKind.Consumer);
        current.Should().BeSameAs(process, "the handler runs inside the process span");
        process.DisplayName.Should().Be($"process {topic}");
        process.GetTagItem("messaging.operation.type").Should().Be("process");
        process.GetTagItem("messaging.consumer.group.name").Should().Be(consumer.ConsumerGroup);
        process.GetTagItem("messaging.message.id").Should().Be(sent.MsgID);
        process.TraceId.Should().Be(send.TraceId, "a one-message batch continues the sender's trace");
        process.ParentSpanId.Should().Be(send.SpanId);
        process.Links.Should().ContainSingle().Which.Context.SpanId.Should().Be(send.SpanId);
    }

    [Fact]
    public async Task ABatchProcessSpanLinksEveryMessagesSendSpan()
    {
        var topic = await NewTopic(1);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans, topic);
        var producer = await StartProducer();
        for (var i = 0; i < 3; i++)
        {
            await producer.SendSync(new Message(topic, [(byte)i]));
        }

        var consumer = Own(PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("tg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), ConsumerOptions.WithConsumeMessageBatchMaxSize(10)));
        var seen = 0;
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            Interlocked.Add(ref seen, msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Until(() => Volatile.Read(ref seen) >= 3 && spans.Count(s => s.Kind == ActivityKind.Consumer) > 0, Bound, "all three consumed");
        await Until(() => spans.Where(s => s.Kind == ActivityKind.Consumer).Sum(s => s.Links.Count()) >= 3, Bound, "every process span ended");

        var sends = spans.Where(s => s.Kind == ActivityKind.Producer).Select(s => s.SpanId).ToList();
        sends.Should().HaveCount(3);
        spans.Where(s => s.Kind == ActivityKind.Consumer).SelectMany(s => s.Links).Select(l => l.Context.SpanId)
            .Should().BeEquivalentTo(sends, "each message links its own send span");
    }

    [Fact]
    public async Task MetricsCountSentFailedAndConsumedMessagesAndTimeThem()
    {
        var topic = await NewTopic(1);
        var measurements = new ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var meter = ListenToMeter(measurements);
        var producer = await StartProducer();
        await producer.SendSync(new Message(topic, "a"u8.ToArray()));
        await producer.SendAsync(CallContext.Background, new Message(topic, "b"u8.ToArray()), new Message(topic, "c"u8.ToArray()));
        var missing = Unique("missing");
        var act = () => producer.SendSync(new Message(missing, new byte[ProducerOptions.DefaultMaxMessageSize + 1]));
        await act.Should().ThrowAsync<ArgumentException>("the body is over the largest message size");

        var consumer = Own(PushConsumer.NewPushConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("tg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset)));
        var seen = 0;
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            Interlocked.Add(ref seen, msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        await consumer.Start();
        await Until(() => Volatile.Read(ref seen) >= 3, Bound, "the consumer got the three messages");
        await Until(() => Sum(measurements, "messaging.client.consumed.messages", topic) >= 3, Bound, "consumed messages counted");
        meter.RecordObservableInstruments();

        Sum(measurements, "messaging.client.sent.messages", topic, failed: false).Should().Be(3);
        Sum(measurements, "messaging.client.sent.messages", missing, failed: true).Should().Be(1, "the failed send is counted with error.type");
        measurements.Count(m => m.Name == "messaging.client.operation.duration" && Equals(m.Tags["messaging.operation.name"], "send") && Equals(m.Tags["messaging.destination.name"], topic))
            .Should().Be(2, "one duration per send call");
        measurements.Should().Contain(m => m.Name == "messaging.client.operation.duration" && Equals(m.Tags["messaging.operation.name"], "pull") && Equals(m.Tags["messaging.destination.name"], topic));
        measurements.Should().Contain(m => m.Name == "messaging.process.duration" && Equals(m.Tags["messaging.consumer.group.name"], consumer.ConsumerGroup));
        measurements.Should().Contain(m => m.Name == "rocketmq.consumer.lag" && Equals(m.Tags["messaging.consumer.group.name"], consumer.ConsumerGroup));
        measurements.Should().Contain(m => m.Name == "rocketmq.consumer.process_queue.messages" && Equals(m.Tags["messaging.consumer.group.name"], consumer.ConsumerGroup));
    }

    [Fact]
    public async Task TheLitePullConsumerReceivesInAReceiveSpanLinkedToTheSendSpanAndTimesItsPulls()
    {
        var topic = await NewTopic(1);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans, topic);
        var measurements = new ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var meter = ListenToMeter(measurements);
        var producer = await StartProducer();
        var sent = await producer.SendSync(new Message(topic, "polled"u8.ToArray()).WithTag("TagP"));

        var consumer = Own(PullConsumer.NewPullConsumer(
            ConsumerOptions.WithNameServer(Cluster.NameServerAddress), ConsumerOptions.WithGroupName(Unique("tpg")),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset)));
        consumer.Subscribe(topic, MessageSelector.All);
        await consumer.Start();
        ConsumeRequest? polled = null;
        await Until(async () => (polled = await consumer.Poll(TimeSpan.FromSeconds(2))) is not null, Bound, "the lite pull consumer polled the message");
        await consumer.ACK(polled!, ConsumeResult.ConsumeSuccess);

        var send = spans.Single(s => s.Kind == ActivityKind.Producer);
        var receive = spans.Single(s => s.Kind == ActivityKind.Consumer);
        receive.DisplayName.Should().Be($"receive {topic}");
        receive.GetTagItem("messaging.system").Should().Be("rocketmq");
        receive.GetTagItem("messaging.operation.type").Should().Be("receive");
        receive.GetTagItem("messaging.consumer.group.name").Should().Be(consumer.ConsumerGroup);
        receive.GetTagItem("messaging.rocketmq.client_group").Should().Be(consumer.ConsumerGroup);
        receive.GetTagItem("messaging.rocketmq.consumption_model").Should().Be("clustering");
        receive.GetTagItem("messaging.message.id").Should().Be(sent.MsgID);
        receive.GetTagItem("messaging.rocketmq.message.tag").Should().Be("TagP");
        receive.Links.Should().ContainSingle().Which.Context.SpanId.Should().Be(send.SpanId, "the received message links its send span");

        Sum(measurements, "messaging.client.consumed.messages", topic).Should().Be(1, "the polled message is counted as consumed (operation receive)");
        await Until(() => measurements.Any(m => m.Name == "messaging.client.operation.duration" && Equals(m.Tags["messaging.operation.name"], "pull")
            && Equals(m.Tags["messaging.destination.name"], topic)), Bound, "the lite pull consumer's pulls are timed");
    }

    [Fact]
    public async Task RequestsAndTransactionHalfMessagesAreSentInSendSpansThatCarryTheirContext()
    {
        var topic = await NewTopic(1);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans, topic);
        var producer = await StartProducer();

        // Nobody answers: the request's send span ends with its send, the wait for the reply fails on its own.
        var request = new Message(topic, "ping"u8.ToArray());
        var ask = () => producer.Request(CallContext.Background, TimeSpan.FromSeconds(2), request);
        await ask.Should().ThrowAsync<MQClientException>();
        var requestSpan = spans.Should().ContainSingle(s => s.Kind == ActivityKind.Producer).Subject;
        requestSpan.DisplayName.Should().Be($"send {topic}");
        requestSpan.Status.Should().NotBe(ActivityStatusCode.Error, "the request message was sent");
        requestSpan.GetTagItem("messaging.message.conversation_id").Should().Be(request.GetProperty(PropertyKeys.CorrelationId));
        request.GetProperty(RocketMQTelemetry.TraceParentProperty).Should().Contain(requestSpan.SpanId.ToHexString());

        var tx = Own(TransactionProducer.NewTransactionProducer(new CommitAll(),
            ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(Unique("txg"))));
        await tx.Start();
        var half = new Message(topic, "half"u8.ToArray());
        var result = await tx.SendMessageInTransaction(CallContext.Background, half);
        var txSpan = spans.Where(s => s.Kind == ActivityKind.Producer).Should().HaveCount(2).And.Subject.Last();
        txSpan.GetTagItem("messaging.rocketmq.message.type").Should().Be("transaction");
        txSpan.GetTagItem("messaging.message.id").Should().Be(result.MsgID);
        half.GetProperty(RocketMQTelemetry.TraceParentProperty).Should().Contain(txSpan.SpanId.ToHexString());
    }

    private sealed class CommitAll : ITransactionListener
    {
        public Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, CancellationToken cancellationToken)
            => Task.FromResult(LocalTransactionState.CommitMessageState);

        public Task<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken)
            => Task.FromResult(LocalTransactionState.CommitMessageState);
    }

    [Fact]
    public async Task NothingIsWrittenIntoMessagesWhileNobodyListens()
    {
        var topic = await NewTopic(1);
        var producer = await StartProducer();
        var msg = new Message(topic, "plain"u8.ToArray());
        await producer.SendSync(msg);
        msg.GetProperty(RocketMQTelemetry.TraceParentProperty).Should().BeEmpty();
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> spans, string topic)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RocketMQTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("messaging.destination.name"), topic))
                {
                    spans.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static MeterListener ListenToMeter(ConcurrentQueue<(string, double, Dictionary<string, object?>)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RocketMQTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var d = new Dictionary<string, object?>();
        foreach (var t in tags)
        {
            d[t.Key] = t.Value;
        }

        d.TryAdd("error.type", null);
        d.TryAdd("messaging.operation.name", null);
        d.TryAdd("messaging.destination.name", null);
        d.TryAdd("messaging.consumer.group.name", null);
        return d;
    }

    private static double Sum(IEnumerable<(string Name, double Value, Dictionary<string, object?> Tags)> measurements, string name, string topic, bool? failed = null)
        => measurements.Where(m => m.Name == name && Equals(m.Tags["messaging.destination.name"], topic)
                && (failed is null || (m.Tags["error.type"] is not null) == failed))
            .Sum(m => m.Value);
}
