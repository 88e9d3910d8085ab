using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The client's OpenTelemetry-compatible instrumentation: one <see cref="ActivitySource"/> and one <see cref="Meter"/>,
/// both named <see cref="ActivitySourceName"/> ("RocketMQ.Go.Port"), following the OpenTelemetry messaging semantic
/// conventions (RocketMQ section). Subscribe with <c>AddSource(RocketMQTelemetry.ActivitySourceName)</c> and
/// <c>AddMeter(RocketMQTelemetry.MeterName)</c>. Nothing is measured, and no trace context is written into messages,
/// while nobody listens.
/// </summary>
/// <remarks>
/// Spans: <c>send {topic}</c> (producer) for every send, request message (with
/// <c>messaging.message.conversation_id</c>, the correlation id) and transaction half message;
/// <c>process {topic}</c> (consumer) for every batch handed to a push consumer's handler; <c>receive {topic}</c>
/// (consumer) for every batch a lite pull consumer hands out (Poll, Pull, PullFrom). Consumer spans are linked to (and,
/// for one message, a process span is the child of) the sending span through the W3C <c>traceparent</c> (and
/// <c>tracestate</c>) user properties that the producer writes into each message; Java and Go consumers see them as
/// ordinary user properties. Metrics: <c>messaging.client.sent.messages</c>,
/// <c>messaging.client.operation.duration</c> (send, and pull of both consumers: the pull latency),
/// <c>messaging.client.consumed.messages</c> (process and receive), <c>messaging.process.duration</c>,
/// <c>rocketmq.consumer.process_queue.messages</c> and <c>rocketmq.consumer.lag</c>.
/// </remarks>
public static class RocketMQTelemetry
{
    /// <summary>The name of the client's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "RocketMQ.Go.Port";

    /// <summary>The name of the client's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "RocketMQ.Go.Port";

    /// <summary>The message property that carries the W3C trace parent of the sending span.</summary>
    public const string TraceParentProperty = "traceparent";

    /// <summary>The message property that carries the W3C trace state of the sending span, when it has one.</summary>
    public const string TraceStateProperty = "tracestate";

    private static readonly string? Version = typeof(RocketMQTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    // Bucket boundaries of the messaging conventions' duration histograms, in seconds.
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    /// <summary>Messages sent by producers; <c>error.type</c> is set on those whose send failed.</summary>
    internal static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Messages a producer sent; error.type is set when the send failed");

    /// <summary>Duration of sends (operation <c>send</c>) and of push consumers' pulls (operation <c>pull</c>, long poll included).</summary>
    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "messaging.client.operation.duration", "s", "Duration of a send (retries included) or of a pull round trip", tags: null, DurationAdvice);

    /// <summary>Messages handed to push consumers' handlers; <c>error.type</c> set when the handler failed or asked for a retry.</summary>
    internal static readonly Counter<long> ConsumedMessages = Meter.CreateCounter<long>(
        "messaging.client.consumed.messages", "{message}", "Messages handed to a push consumer's handler; error.type is set when it failed or asked for a retry");

    /// <summary>Duration of push consumers' handlers, per batch.</summary>
    internal static readonly Histogram<double> ProcessDuration = Meter.CreateHistogram(
        "messaging.process.duration", "s", "Duration of a push consumer's handler over one batch", tags: null, DurationAdvice);

    /// <summary>Semantic-convention attribute names and values.</summary>
    internal static class Tags
    {
        public const string System = "messaging.system";
        public const string SystemValue = "rocketmq";
        public const string OperationName = "messaging.operation.name";
        public const string OperationType = "messaging.operation.type";
        public const string Destination = "messaging.destination.name";
        public const string ConsumerGroup = "messaging.consumer.group.name";
        public const string ClientGroup = "messaging.rocketmq.client_group";
        public const string ClientId = "messaging.client.id";
        public const string Namespace = "messaging.rocketmq.namespace";
        public const string MessageId = "messaging.message.id";
        public const string ConversationId = "messaging.message.conversation_id";
        public const string DelayTimeLevel = "messaging.rocketmq.message.delay_time_level";
        public const string DeliveryTimestamp = "messaging.rocketmq.message.delivery_timestamp";
        public const string MessageTag = "messaging.rocketmq.message.tag";
        public const string MessageKeys = "messaging.rocketmq.message.keys";
        public const string MessageType = "messaging.rocketmq.message.type";
        public const string BodySize = "messaging.message.body.size";
        public const string BatchCount = "messaging.batch.message_count";
        public const string ConsumptionModel = "messaging.rocketmq.consumption_model";
        public const string ErrorType = "error.type";
        public const string ServerAddress = "server.address";
    }
}
