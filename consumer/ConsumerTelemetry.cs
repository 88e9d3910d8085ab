using System.Diagnostics;
using Tags = RocketMQ.Go.Port.Primitive.RocketMQTelemetry.Tags;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What push and lite pull consumers share of the instrumentation (see <see cref="RocketMQTelemetry"/>): the pull
/// round-trip metric, the creation contexts a message carries, and the lite pull consumer's <c>receive</c> span.
/// </summary>
internal static class ConsumerTelemetry
{
    /// <summary>True while a meter listener measures operation durations.</summary>
    public static bool PullObserved => RocketMQTelemetry.OperationDuration.Enabled;

    /// <summary>True while a trace listener samples the source or a meter listener counts consumed messages.</summary>
    public static bool ReceiveObserved => RocketMQTelemetry.Source.HasListeners() || RocketMQTelemetry.ConsumedMessages.Enabled;

    /// <summary>Records one pull's round trip (long-poll hold included).</summary>
    public static void RecordPull(string group, string topic, long begin, PullStatus status)
    {
        var tags = new TagList
        {
            { Tags.System, Tags.SystemValue },
            { Tags.OperationName, "pull" },
            { Tags.OperationType, "receive" },
            { Tags.Destination, topic },
            { Tags.ConsumerGroup, group },
            { "messaging.rocketmq.pull_status", status.ToString() },
        };
        RocketMQTelemetry.OperationDuration.Record(Stopwatch.GetElapsedTime(begin).TotalSeconds, tags);
    }

    /// <summary>
    /// The sending spans' contexts carried by <paramref name="msgs"/> (W3C properties written by a traced producer), as
    /// links; <paramref name="single"/> is the one context when there is exactly one message.
    /// </summary>
    public static List<ActivityLink>? CreationLinks(IReadOnlyList<MessageExt> msgs, out ActivityContext single)
    {
        List<ActivityLink>? links = null;
        single = default;
        foreach (var msg in msgs)
        {
            var traceParent = msg.GetProperty(RocketMQTelemetry.TraceParentProperty);
            if (traceParent.Length == 0)
            {
                continue;
            }

            var traceState = msg.GetProperty(RocketMQTelemetry.TraceStateProperty);
            if (ActivityContext.TryParse(traceParent, traceState.Length == 0 ? null : traceState, isRemote: true, out var creation))
            {
                (links ??= []).Add(new ActivityLink(creation));
                if (msgs.Count == 1)
                {
                    single = creation;
                }
            }
        }

        return links;
    }

    /// <summary>The per-message attributes of a one-message span, or the batch size of a larger one.</summary>
    public static void SetMessageTags(Activity activity, IReadOnlyList<MessageExt> msgs)
    {
        if (msgs.Count != 1)
        {
            activity.SetTag(Tags.BatchCount, msgs.Count);
            return;
        }

        var msg = msgs[0];
        activity.SetTag(Tags.MessageId, msg.MsgId);
        activity.SetTag(Tags.BodySize, msg.Body.Length);
        if (msg.GetTags() is { Length: > 0 } tag)
        {
            activity.SetTag(Tags.MessageTag, tag);
        }

        if (msg.GetKeys() is { Length: > 0 } keys)
        {
            activity.SetTag(Tags.MessageKeys, keys.Split(PropertyKeys.KeySeparator, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>
    /// A lite pull consumer handed <paramref name="msgs"/> of <paramref name="topic"/> to the application (Poll, Pull,
    /// PullFrom): a <c>receive {topic}</c> span from <paramref name="startTime"/> to now, linked to each message's
    /// sending span, and the consumed-messages counter (operation <c>receive</c>).
    /// </summary>
    public static void Received(PullConsumer consumer, string topic, IReadOnlyList<MessageExt> msgs, DateTimeOffset startTime)
    {
        if (msgs.Count == 0)
        {
            return;
        }

        if (RocketMQTelemetry.Source.HasListeners())
        {
            var links = CreationLinks(msgs, out _);
            using var activity = RocketMQTelemetry.Source.StartActivity($"receive {topic}", ActivityKind.Consumer, default(ActivityContext), links: links, startTime: startTime);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(Tags.System, Tags.SystemValue);
                activity.SetTag(Tags.OperationName, "receive");
                activity.SetTag(Tags.OperationType, "receive");
                activity.SetTag(Tags.Destination, topic);
                activity.SetTag(Tags.ConsumerGroup, consumer.ConsumerGroup);
                activity.SetTag(Tags.ClientGroup, consumer.ConsumerGroup);
                activity.SetTag(Tags.ConsumptionModel, consumer.Options.ConsumerModel == MessageModel.BroadCasting ? "broadcasting" : "clustering");
                if (!string.IsNullOrEmpty(consumer.Options.Namespace))
                {
                    activity.SetTag(Tags.Namespace, consumer.Options.Namespace);
                }

                SetMessageTags(activity, msgs);
            }
        }

        if (RocketMQTelemetry.ConsumedMessages.Enabled)
        {
            RocketMQTelemetry.ConsumedMessages.Add(msgs.Count, new TagList
            {
                { Tags.System, Tags.SystemValue },
                { Tags.OperationName, "receive" },
                { Tags.Destination, topic },
                { Tags.ConsumerGroup, consumer.ConsumerGroup },
            });
        }
    }
}
