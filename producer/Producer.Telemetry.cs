using System.Diagnostics;
using RocketMQ.Go.Port.Primitive;
using Tags = RocketMQ.Go.Port.Primitive.RocketMQTelemetry.Tags;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// The send span and the producer's metrics (see <see cref="RocketMQTelemetry"/>). A send takes this path only while
/// someone listens; otherwise it costs three flag reads.
/// </summary>
internal sealed partial class DefaultProducer
{
    /// <summary>True when a trace listener samples the source or a meter listener measures sends.</summary>
    private static bool SendObserved
        => RocketMQTelemetry.Source.HasListeners() || RocketMQTelemetry.SentMessages.Enabled || RocketMQTelemetry.OperationDuration.Enabled;

    /// <summary>A send of the awaitable forms, observed: the span starts (and its context goes into the messages) before they are encoded.</summary>
    private Task<SendResult?> SendObservedAsync(CallContext ctx, Message[] msgs, CommunicationMode mode)
    {
        var send = new ObservedSend(this, msgs, mode);
        Task<SendResult?> task;
        try
        {
            task = SendPooled(ctx, msgs, mode);
        }
        catch (Exception e)
        {
            send.End(null, e);
            throw;
        }

        return send.Await(task);
    }

    /// <summary>
    /// The send span of a message sent by another path than the send methods (a request, a transaction's half
    /// message), or null while nobody listens. Create it before the message is encoded: it writes the trace context
    /// into the message.
    /// </summary>
    internal ObservedSend? ObserveSend(Message msg, CommunicationMode mode) => SendObserved ? new ObservedSend(this, [msg], mode) : null;

    /// <summary>The callback form of SendAsync, observed: the span ends when the callback is called.</summary>
    private void SendObservedWithCallback(CallContext ctx, SendCallback callback, Message[] msgs)
    {
        var send = new ObservedSend(this, msgs, CommunicationMode.SendAsync);
        SendOperation op;
        try
        {
            op = Prepare(ctx, msgs, CommunicationMode.SendAsync);
        }
        catch (Exception e)
        {
            send.End(null, e);
            throw;
        }

        op.Callback = (c, result, error) =>
        {
            send.End(result, error);
            callback(c, result, error);
        };
        _ = SendWithCallback(op);
    }

    /// <summary>One observed send: its span (when traced), start time and what the metrics are tagged with.</summary>
    internal sealed class ObservedSend
    {
        private readonly DefaultProducer _producer;
        private readonly string _topic;
        private readonly int _count;
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly Activity? _activity;
        private int _ended;

        public ObservedSend(DefaultProducer producer, Message[]? msgs, CommunicationMode mode)
        {
            _producer = producer;
            var first = msgs is { Length: > 0 } ? msgs[0] : null;
            _topic = first?.Topic ?? string.Empty; // before the namespace is put in front
            _count = msgs?.Length ?? 0;
            if (!RocketMQTelemetry.Source.HasListeners())
            {
                return;
            }

            // Started here, on the caller's synchronous path, but not left as the caller's current activity.
            var caller = Activity.Current;
            _activity = RocketMQTelemetry.Source.StartActivity($"send {_topic}", ActivityKind.Producer);
            Activity.Current = caller;
            if (_activity is null)
            {
                return;
            }

            if (_activity.IsAllDataRequested)
            {
                _activity.SetTag(Tags.System, Tags.SystemValue);
                _activity.SetTag(Tags.OperationName, "send");
                _activity.SetTag(Tags.OperationType, "send");
                _activity.SetTag(Tags.Destination, _topic);
                _activity.SetTag(Tags.ClientGroup, producer.Group);
                _activity.SetTag(Tags.ClientId, producer._client?.ClientID());
                if (!string.IsNullOrEmpty(producer.Options.Namespace))
                {
                    _activity.SetTag(Tags.Namespace, producer.Options.Namespace);
                }

                if (_count > 1)
                {
                    _activity.SetTag(Tags.BatchCount, _count);
                }
                else if (first is not null)
                {
                    SetMessageTags(_activity, first, mode);
                }
            }

            // The creation context travels with each message as W3C user properties (ignored by Java and Go consumers).
            if (_activity.IdFormat == ActivityIdFormat.W3C && msgs is not null)
            {
                var state = _activity.TraceStateString;
                foreach (var msg in msgs)
                {
                    if (msg is null)
                    {
                        continue;
                    }

                    msg.WithProperty(RocketMQTelemetry.TraceParentProperty, _activity.Id!);
                    if (!string.IsNullOrEmpty(state))
                    {
                        msg.WithProperty(RocketMQTelemetry.TraceStateProperty, state);
                    }
                }
            }
        }

        /// <summary>Adds an attribute to the span, when there is one that records attributes.</summary>
        public void SetTag(string name, object? value)
        {
            if (_activity is { IsAllDataRequested: true })
            {
                _activity.SetTag(name, value);
            }
        }

        public async Task<SendResult?> Await(Task<SendResult?> send)
        {
            try
            {
                var result = await send.ConfigureAwait(false);
                End(result, null);
                return result;
            }
            catch (Exception e)
            {
                End(null, e);
                throw;
            }
        }

        public void End(SendResult? result, Exception? error)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return;
            }

            var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            var errorType = error?.GetType().FullName;
            if (_activity is not null)
            {
                if (result is not null && _count == 1 && !string.IsNullOrEmpty(result.MsgID))
                {
                    _activity.SetTag(Tags.MessageId, result.MsgID);
                }

                if (error is not null)
                {
                    _activity.SetTag(Tags.ErrorType, errorType);
                    _activity.SetStatus(ActivityStatusCode.Error, error.Message);
                }

                _activity.Dispose();
            }

            var tags = new TagList
            {
                { Tags.System, Tags.SystemValue },
                { Tags.OperationName, "send" },
                { Tags.Destination, _topic },
            };
            if (errorType is not null)
            {
                tags.Add(Tags.ErrorType, errorType);
            }

            RocketMQTelemetry.SentMessages.Add(_count, tags);
            RocketMQTelemetry.OperationDuration.Record(seconds, tags);
        }

        private static void SetMessageTags(Activity activity, Message msg, CommunicationMode mode)
        {
            if (msg.GetTags() is { Length: > 0 } tag)
            {
                activity.SetTag(Tags.MessageTag, tag);
            }

            if (msg.GetKeys() is { Length: > 0 } keys)
            {
                activity.SetTag(Tags.MessageKeys, keys.Split(PropertyKeys.KeySeparator, StringSplitOptions.RemoveEmptyEntries));
            }

            activity.SetTag(Tags.BodySize, msg.Body.Length);
            if (int.TryParse(msg.GetProperty(PropertyKeys.DelayTimeLevel), out var level) && level > 0)
            {
                activity.SetTag(Tags.DelayTimeLevel, level);
            }

            if (long.TryParse(msg.GetProperty(PropertyKeys.TimerDeliverMs), out var deliverAt))
            {
                activity.SetTag(Tags.DeliveryTimestamp, deliverAt);
            }

            var delayed = msg.GetProperty(PropertyKeys.DelayTimeLevel).Length > 0 || msg.GetProperty(PropertyKeys.TimerDeliverMs).Length > 0;
            activity.SetTag(Tags.MessageType, delayed ? "delay" : msg.GetProperty(PropertyKeys.TransactionPrepared).Length > 0 ? "transaction" : "normal");
            if (mode == CommunicationMode.SendOneway)
            {
                activity.SetTag("messaging.rocketmq.send_mode", "oneway");
            }
        }
    }
}
