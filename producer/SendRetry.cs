using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// One send in progress, carried through the retry pipeline as its state (no closure per message): the wire
/// message, the budget of <see cref="ProducerOptions.SendMsgTimeout"/> and the broker of the last attempt, which the
/// next attempt avoids.
/// </summary>
internal sealed class SendOperation
{
    private static readonly Microsoft.Extensions.ObjectPool.ObjectPool<SendOperation> Pool =
        new Microsoft.Extensions.ObjectPool.DefaultObjectPool<SendOperation>(
            new Microsoft.Extensions.ObjectPool.DefaultPooledObjectPolicy<SendOperation>(), Environment.ProcessorCount * 64);

    public SendOperation(DefaultProducer producer, CallContext ctx, Message msg, Message[] messages, CommunicationMode mode, TimeSpan timeout)
    {
        Producer = producer;
        Ctx = ctx;
        Msg = msg;
        Messages = messages;
        Mode = mode;
        Timeout = timeout;
        Start = Stopwatch.GetTimestamp();
    }

    // For the pool only.
    public SendOperation()
    {
        Producer = null!;
        Ctx = null!;
        Msg = null!;
        Messages = [];
    }

    /// <summary>
    /// An operation from the pool, for a send nobody looks at after it completes (no interceptor, no callback):
    /// <see cref="DefaultProducer"/> gives it back when its send ends.
    /// </summary>
    public static SendOperation Rent(DefaultProducer producer, CallContext ctx, Message msg, Message[] messages, CommunicationMode mode, TimeSpan timeout)
    {
        var op = Pool.Get();
        op.Producer = producer;
        op.Ctx = ctx;
        op.Msg = msg;
        op.Messages = messages;
        op.Mode = mode;
        op.Timeout = timeout;
        op.Start = Stopwatch.GetTimestamp();
        op.Pooled = true;
        return op;
    }

    /// <summary>Clears a rented operation and puts it back.</summary>
    public static void Return(SendOperation op)
    {
        op.Producer = null!;
        op.Ctx = null!;
        op.Msg = null!;
        op.Messages = [];
        op.LastBrokerName = string.Empty;
        op.Attempts = 0;
        op.BrokersSent = null;
        op.LastError = null;
        op.Result = null;
        op.ProducerCtx = null;
        op.Callback = null;
        op.QueueSelector = null;
        op.SelectorArg = null;
        op.Pooled = false;
        Pool.Return(op);
    }

    /// <summary>True for a rented operation, returned when its send ends.</summary>
    public bool Pooled { get; private set; }

    public DefaultProducer Producer { get; private set; }

    public CallContext Ctx { get; set; }

    /// <summary>What goes on the wire: the message, or the batch message of <see cref="Messages"/>.</summary>
    public Message Msg { get; set; }

    /// <summary>The messages as given, whose UNIQ_KEYs make the result's id.</summary>
    public Message[] Messages { get; private set; }

    public CommunicationMode Mode { get; private set; }

    /// <summary>The whole budget, retries included.</summary>
    public TimeSpan Timeout { get; private set; }

    public long Start { get; private set; }

    /// <summary>The broker of the previous attempt; empty before the first.</summary>
    public string LastBrokerName { get; set; } = string.Empty;

    public int Attempts { get; set; }

    /// <summary>Brokers tried, for the error message; only kept once a second attempt is made.</summary>
    public List<string>? BrokersSent { get; set; }

    public Exception? LastError { get; set; }

    /// <summary>The result object to fill (interceptors and transactions pass theirs); null: a new one.</summary>
    public SendResult? Result { get; set; }

    /// <summary>The interceptors' producer context, updated with the queue and address chosen.</summary>
    public ProducerCtx? ProducerCtx { get; set; }

    /// <summary>Go's callback form of SendAsync: gets the outcome.</summary>
    public SendCallback? Callback { get; set; }

    /// <summary>The caller's selector of a send(msg, selector, arg): it picks the queue, and the send gets one attempt.</summary>
    public MessageQueueSelector? QueueSelector { get; set; }

    /// <summary>The argument <see cref="QueueSelector"/> gets.</summary>
    public object? SelectorArg { get; set; }

    /// <summary>What is left of the budget; zero or less when spent.</summary>
    public TimeSpan Remaining() => Timeout - Stopwatch.GetElapsedTime(Start);

    /// <summary>Notes the broker an attempt goes to; the first one only in <see cref="LastBrokerName"/>.</summary>
    public void RecordBroker(string brokerName)
    {
        if (LastBrokerName.Length > 0)
        {
            BrokersSent ??= [LastBrokerName];
            BrokersSent.Add(brokerName);
        }

        LastBrokerName = brokerName;
    }

    /// <summary>An attempt given less than this could only time out in the transport: the budget counts as spent.</summary>
    public static readonly TimeSpan MinimumAttemptBudget = TimeSpan.FromMilliseconds(1);

    /// <summary>True once too little of the send timeout is left for another attempt.</summary>
    public bool BudgetSpent => Remaining() < MinimumAttemptBudget;

    /// <summary>The budget ran out before an attempt could start (Java: "sendDefaultImpl call timeout").</summary>
    public SendTimeoutException BudgetExceeded()
        => new(Msg.Topic, Timeout, Stopwatch.GetElapsedTime(Start), Attempts, BrokersSent is null ? LastBrokerName : string.Join(", ", BrokersSent), LastError);
}

/// <summary>
/// <see cref="ProducerOptions.SendMsgTimeout"/> ran out (Go ignores that option: #1109). A
/// <see cref="RemotingTimeoutException"/>, so callers catching transport timeouts catch it too; the inner exception
/// is the last attempt's failure.
/// </summary>
public sealed class SendTimeoutException : RemotingTimeoutException
{
    private readonly string _message;

    internal SendTimeoutException(string topic, TimeSpan timeout, TimeSpan elapsed, int attempts, string brokers, Exception? lastError)
        : base(brokers, timeout)
    {
        Topic = topic;
        Attempts = attempts;
        LastError = lastError;
        _message = $"send to topic {topic} timed out: {elapsed.TotalMilliseconds:0} ms spent of the {timeout.TotalMilliseconds:0} ms send timeout "
            + $"in {attempts} attempt(s) (brokers: {(brokers.Length == 0 ? "none" : brokers)})"
            + (lastError is null ? string.Empty : $"; last error: {lastError.Message}");
    }

    /// <summary>The topic of the send.</summary>
    public string Topic { get; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; }

    /// <summary>The last attempt's failure, if any.</summary>
    public Exception? LastError { get; }

    /// <inheritdoc />
    public override string Message => _message;
}

/// <summary>
/// The retry policy of sends (Go: the retry loops of <c>sendSync</c>/<c>sendOneWay</c>; Java: <c>sendDefaultImpl</c>),
/// as a Polly pipeline: up to <see cref="ProducerOptions.RetryTimes"/> immediate retries, each on another broker
/// when there is one. Used for sync, one-way and async sends alike (Go never retries async sends).
/// </summary>
internal static class SendRetry
{
    /// <summary>Builds the pipeline of the retries after a failed first attempt; empty when no retry is wanted.</summary>
    public static ResiliencePipeline BuildPipeline(int retries, ILogger logger)
    {
        if (retries <= 1)
        {
            // Zero or one retry: the pipeline runs the single retry, if any, once.
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // The first attempt ran before the pipeline: the pipeline's own first run is retry 1.
                MaxRetryAttempts = retries - 1,
                Delay = TimeSpan.Zero,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } e && IsRetryable(e)),
                OnRetry = args =>
                {
                    logger.LogWarning("send failed ({Error}); retry {Retry} at once, on another broker when there is one", args.Outcome.Exception?.Message, args.AttemptNumber + 2);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Whether a failed attempt is worth another: transport failures, the broker codes Java retries on (Go's
    /// <c>needRetryCode</c> plus Java's extra ones), a missing route or broker. Not: a spent budget, cancellation,
    /// invalid input, or a broker saying the message itself is wrong.
    /// </summary>
    public static bool IsRetryable(Exception e) => e switch
    {
        SendTimeoutException => false,
        RemotingException => true,
        MQBrokerException broker => IsRetryCode(broker.ResponseCode),
        MQClientException client => client.Code is ClientErrors.ErrRouteNotFound or ClientErrors.ErrBrokerNotFound
            or ClientErrors.ErrTopicNotExist or ClientErrors.ConnectBrokerException or ClientErrors.AccessBrokerTimeout,
        _ => false,
    };

    /// <summary>Java's <c>retryResponseCodes</c> (Go's <c>needRetryCode</c> has the first four).</summary>
    public static bool IsRetryCode(int code) => code is ResponseCode.TOPIC_NOT_EXIST or ResponseCode.SERVICE_NOT_AVAILABLE
        or ResponseCode.SYSTEM_ERROR or ResponseCode.NO_PERMISSION or ResponseCode.NO_BUYER_ID or ResponseCode.NOT_IN_CURRENT_UNIT;
}
