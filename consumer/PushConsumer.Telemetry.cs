using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tags = RocketMQ.Go.Port.Primitive.RocketMQTelemetry.Tags;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The process span and the push consumer's metrics (see <see cref="RocketMQTelemetry"/>). A batch takes the observed
/// path only while someone listens.
/// </summary>
internal sealed partial class PushConsumer
{
    private static bool ProcessObserved
        => RocketMQTelemetry.Source.HasListeners() || RocketMQTelemetry.ConsumedMessages.Enabled || RocketMQTelemetry.ProcessDuration.Enabled;

    /// <summary>
    /// The handler's run over one batch inside a <c>process {topic}</c> span, linked to each message's sending span
    /// and, for a one-message batch, its child; the handler sees the span as <see cref="Activity.Current"/>.
    /// </summary>
    private async ValueTask<(ConsumeResult Result, Exception? Error)> ConsumeObserved(CallContext ctx, IReadOnlyList<MessageExt> msgs, ConsumeHandler? handler)
    {
        var topic = msgs.Count > 0 ? msgs[0].Topic : string.Empty;
        using var activity = StartProcessActivity(topic, msgs);
        var start = Stopwatch.GetTimestamp();
        var (result, error) = await ConsumeCore(ctx, msgs, handler).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var errorType = error?.GetType().FullName ?? (result == ConsumeResult.ConsumeSuccess ? null : result.ToString());
        if (activity is not null && errorType is not null)
        {
            activity.SetTag(Tags.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, error?.Message ?? result.ToString());
        }

        var tags = new TagList
        {
            { Tags.System, Tags.SystemValue },
            { Tags.OperationName, "process" },
            { Tags.Destination, topic },
            { Tags.ConsumerGroup, ConsumerGroup },
        };
        if (errorType is not null)
        {
            tags.Add(Tags.ErrorType, errorType);
        }

        RocketMQTelemetry.ConsumedMessages.Add(msgs.Count, tags);
        RocketMQTelemetry.ProcessDuration.Record(seconds, tags);
        return (result, error);
    }

    private Activity? StartProcessActivity(string topic, IReadOnlyList<MessageExt> msgs)
    {
        if (!RocketMQTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = ConsumerTelemetry.CreationLinks(msgs, out var parent);
        var activity = RocketMQTelemetry.Source.StartActivity($"process {topic}", ActivityKind.Consumer, parent, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.System, Tags.SystemValue);
            activity.SetTag(Tags.OperationName, "process");
            activity.SetTag(Tags.OperationType, "process");
            activity.SetTag(Tags.Destination, topic);
            activity.SetTag(Tags.ConsumerGroup, ConsumerGroup);
            activity.SetTag(Tags.ClientGroup, ConsumerGroup);
            activity.SetTag(Tags.ClientId, Client.ClientID());
            activity.SetTag(Tags.ConsumptionModel, Options.ConsumerModel == MessageModel.BroadCasting ? "broadcasting" : "clustering");
            if (!string.IsNullOrEmpty(Options.Namespace))
            {
                activity.SetTag(Tags.Namespace, Options.Namespace);
            }

            ConsumerTelemetry.SetMessageTags(activity, msgs);
        }

        return activity;
    }

    /// <summary>
    /// The running push consumers, read by the observable gauges (process-queue size and lag per group and topic)
    /// only when a meter listener collects them.
    /// </summary>
    internal static class Gauges
    {
        private static readonly ConcurrentDictionary<PushConsumer, byte> Running = new();

        static Gauges()
        {
            RocketMQTelemetry.Meter.CreateObservableGauge("rocketmq.consumer.process_queue.messages", ObserveCached, "{message}",
                "Messages pulled and not yet consumed, per consumer group and topic");
            RocketMQTelemetry.Meter.CreateObservableGauge("rocketmq.consumer.lag", ObserveLag, "{message}",
                "Messages in the broker's queues beyond the group's consumed offset, per consumer group and topic (as of the last pull)");
        }

        public static void Add(PushConsumer consumer) => Running.TryAdd(consumer, 0);

        public static void Remove(PushConsumer consumer) => Running.TryRemove(consumer, out _);

        private static IEnumerable<Measurement<long>> ObserveCached()
        {
            foreach (var consumer in Running.Keys)
            {
                var perTopic = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (mq, pq) in consumer.ProcessQueueTable)
                {
                    if (!pq.IsDropped)
                    {
                        perTopic[mq.Topic] = perTopic.GetValueOrDefault(mq.Topic) + pq.CachedMsgCount;
                    }
                }

                foreach (var (topic, count) in perTopic)
                {
                    yield return new Measurement<long>(count, Tagged(consumer, topic));
                }
            }
        }

        private static IEnumerable<Measurement<long>> ObserveLag()
        {
            foreach (var consumer in Running.Keys)
            {
                foreach (var (topic, lag) in consumer.GetOffsetDiffMap())
                {
                    yield return new Measurement<long>(lag, Tagged(consumer, topic));
                }
            }
        }

        private static TagList Tagged(PushConsumer consumer, string topic) => new()
        {
            { Tags.System, Tags.SystemValue },
            { Tags.Destination, topic },
            { Tags.ConsumerGroup, consumer.ConsumerGroup },
        };
    }
}
