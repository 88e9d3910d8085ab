using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Go's <c>transactionProducer</c>: sends half messages, runs the local transaction, then commits or rolls back
/// with END_TRANSACTION; answers the broker's CHECK_TRANSACTION_STATE for undecided ones with the listener's
/// <see cref="ITransactionListener.CheckLocalTransactionAsync"/> (Go's channel loop; Java's check executor).
/// </summary>
internal sealed class TransactionProducer : IAsyncDisposable
{
    private static readonly TimeSpan CheckAnswerTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ShutdownDrainTimeout = TimeSpan.FromSeconds(5);

    private readonly DefaultProducer _producer;
    private readonly ITransactionListener _listener;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Task, byte> _checks = new();
    private readonly CancellationTokenSource _stopping = new();

    private TransactionProducer(ITransactionListener listener, DefaultProducer producer)
    {
        _listener = listener;
        _producer = producer;
        _logger = producer.Options.LoggerFactory.CreateLogger<TransactionProducer>();
        producer.TransactionChecker = OnCheckTransactionState;
        producer.TransactionChecksDrain = DrainChecks;
    }

    /// <summary>The producer that sends the half messages.</summary>
    public DefaultProducer Producer => _producer;

    /// <summary>Check-backs being answered now.</summary>
    internal int PendingChecks => _checks.Count;

    /// <summary>Creates a transaction producer (Go: <c>NewTransactionProducer</c>).</summary>
    /// <exception cref="ArgumentNullException">No listener.</exception>
    internal static TransactionProducer NewTransactionProducer(ITransactionListener listener, params ProducerOption[] opts)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return new TransactionProducer(listener, DefaultProducer.NewDefaultProducer(opts));
    }

    /// <summary>For tests: over a producer built with seams.</summary>
    internal static TransactionProducer Create(ITransactionListener listener, DefaultProducer producer) => new(listener, producer);

    /// <summary>Starts the producer (Go: <c>Start</c>); see <see cref="DefaultProducer.Start(CancellationToken)"/>.</summary>
    public Task Start() => _producer.Start(CancellationToken.None);

    /// <inheritdoc cref="Start()"/>
    public Task Start(CancellationToken cancellationToken) => _producer.Start(cancellationToken);

    /// <summary>
    /// Stops answering check-backs, waits (bounded) for answers in progress, then shuts the producer down, all within
    /// <see cref="ProducerOptions.ShutdownTimeout"/>; see <see cref="DefaultProducer.Shutdown(CancellationToken)"/>.
    /// </summary>
    public Task Shutdown() => _producer.Shutdown(CancellationToken.None);

    /// <inheritdoc cref="Shutdown()"/>
    public Task Shutdown(CancellationToken cancellationToken) => _producer.Shutdown(cancellationToken);

    /// <summary>Same as <see cref="Shutdown()"/>.</summary>
    public async ValueTask DisposeAsync() => await Shutdown().ConfigureAwait(false);

    /// <summary>
    /// Sends <paramref name="msg"/> as a half message, runs <see cref="ITransactionListener.ExecuteLocalTransactionAsync(Message, object?, CancellationToken)"/>
    /// once it is stored, and ends the transaction with the state returned (Go: <c>SendMessageInTransaction</c>).
    /// A listener exception or <see cref="LocalTransactionState.UnknownState"/> leaves the decision to the broker's
    /// check-back. A delay level on the message is ignored, as in Java.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid message.</exception>
    public Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg) => SendMessageInTransaction(ctx, msg, null);

    /// <summary>
    /// As <see cref="SendMessageInTransaction(CallContext, Message)"/>, handing <paramref name="arg"/> to the local
    /// transaction (Java: <c>sendMessageInTransaction(msg, arg)</c>; Go has no argument): the listener's
    /// <see cref="ITransactionListener.ExecuteLocalTransactionAsync(Message, object?, CancellationToken)"/> gets it.
    /// Check-backs never see it, as in Java: it lives only in this call.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid message.</exception>
    public async Task<TransactionSendResult> SendMessageInTransaction(CallContext ctx, Message msg, object? arg)
    {
        ctx ??= CallContext.Background;
        ArgumentNullException.ThrowIfNull(msg);
        msg.RemoveProperty(PropertyKeys.DelayTimeLevel);
        msg.RemoveProperty(PropertyKeys.TimerDeliverMs);
        msg.WithProperty(PropertyKeys.TransactionPrepared, "true");
        msg.WithProperty(PropertyKeys.ProducerGroup, _producer.Group);

        // The half message's send span (when observed) covers the send; the local transaction runs after it.
        var observed = _producer.ObserveSend(msg, CommunicationMode.SendSync);
        var result = new TransactionSendResult();
        try
        {
            var op = _producer.Prepare(ctx, [msg], CommunicationMode.SendSync);
            op.Result = result;
            await _producer.Send(op).ConfigureAwait(false);
            observed?.End(result, null);
        }
        catch (Exception e)
        {
            observed?.End(null, e);
            throw;
        }

        var state = LocalTransactionState.UnknownState;
        Exception? localError = null;
        switch (result.Status)
        {
            case SendStatus.SendOK:
                if (!string.IsNullOrEmpty(result.TransactionID))
                {
                    msg.WithProperty(PropertyKeys.TransactionId, result.TransactionID);
                }

                var uniqueKey = msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
                if (uniqueKey.Length > 0)
                {
                    msg.TransactionId = uniqueKey;
                }

                try
                {
                    state = await _listener.ExecuteLocalTransactionAsync(msg, arg, ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "executeLocalTransaction of topic {Topic} transaction {TransactionId} threw; the broker will check back", msg.Topic, msg.TransactionId);
                    localError = e;
                    state = LocalTransactionState.UnknownState;
                }

                if (state != LocalTransactionState.CommitMessageState)
                {
                    _logger.LogInformation("executeLocalTransaction returned {State} for topic {Topic} transaction {TransactionId}", state, msg.Topic, msg.TransactionId);
                }

                break;
            case SendStatus.SendFlushDiskTimeout or SendStatus.SendFlushSlaveTimeout or SendStatus.SendSlaveNotAvailable:
                state = LocalTransactionState.RollbackMessageState;
                break;
        }

        await EndTransaction(msg, result, state, localError).ConfigureAwait(false);
        result.State = state;
        return result;
    }

    /// <summary>Go: <c>endTransaction</c>; Java: <c>endTransaction</c>. One-way; a failure is logged, as Java does, and the check-back decides.</summary>
    private async Task EndTransaction(Message msg, SendResult result, LocalTransactionState state, Exception? localError)
    {
        var brokerName = result.MessageQueue?.BrokerName ?? string.Empty;
        var addr = _producer.Client.GetNameSrv().FindBrokerAddrByName(brokerName);
        if (addr is null)
        {
            _logger.LogWarning("cannot end transaction {MsgId}: broker {Broker} has no address", result.MsgID, brokerName);
            return;
        }

        var offsetId = result.OffsetMsgID.Length > 0 ? result.OffsetMsgID : result.MsgID;
        if (!MessageId.TryParse(offsetId, out var id))
        {
            _logger.LogWarning("cannot end transaction {MsgId}: '{OffsetMsgId}' is not an offset message id", result.MsgID, offsetId);
            return;
        }

        TransactionTrace.Append(_producer.TraceDispatcher, _producer.Group, _producer.Client.ClientID(), msg, result.MsgID, addr, state, fromCheck: false);
        var header = new EndTransactionRequestHeader
        {
            ProducerGroup = _producer.Group,
            TranStateTableOffset = result.QueueOffset,
            CommitLogOffset = id.Offset,
            CommitOrRollback = ToSysFlag(state),
            FromTransactionCheck = false,
            MsgId = result.MsgID,
            TransactionId = result.TransactionID,
            BrokerName = brokerName,
        };
        var request = CommandHeaders.CreateRequest(RequestCode.END_TRANSACTION, header);
        request.Remark = localError is null ? null : "executeLocalTransactionBranch exception: " + localError.Message;
        try
        {
            await _producer.Client.InvokeOneWay(addr, request, _producer.Options.SendMsgTimeout).ConfigureAwait(false);
        }
        catch (RocketMQException e)
        {
            _logger.LogWarning(e, "local transaction {MsgId} ended {State}, but END_TRANSACTION to {Broker} failed; the broker will check back", result.MsgID, state, addr);
        }
    }

    /// <summary>Called by the shared client on a CHECK_TRANSACTION_STATE; answers off the caller's thread.</summary>
    private void OnCheckTransactionState(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var check = Task.Run(() => AnswerCheck(brokerAddr, msg, header));
        _checks.TryAdd(check, 0);
        check.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _), _checks, TaskScheduler.Default);
    }

    private async Task AnswerCheck(string brokerAddr, MessageExt msg, CheckTransactionStateRequestHeader header)
    {
        var state = LocalTransactionState.UnknownState;
        Exception? error = null;
        try
        {
            state = await _listener.CheckLocalTransactionAsync(msg, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "checkLocalTransaction threw for message {MsgId}", msg.MsgId);
            error = e;
        }

        var uniqueKey = msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
        var endHeader = new EndTransactionRequestHeader
        {
            ProducerGroup = _producer.Group,
            TranStateTableOffset = header.TranStateTableOffset,
            CommitLogOffset = header.CommitLogOffset,
            CommitOrRollback = ToSysFlag(state),
            FromTransactionCheck = true,
            MsgId = uniqueKey.Length > 0 ? uniqueKey : msg.MsgId,

            // Java answers with the broker's transaction id; Go prefers the message property. They agree in practice.
            TransactionId = header.TransactionId ?? NullIfEmpty(msg.GetProperty(PropertyKeys.TransactionId)) ?? msg.TransactionId,
            BrokerName = header.BrokerName,
        };
        if (uniqueKey.Length > 0 && string.IsNullOrEmpty(msg.TransactionId))
        {
            msg.TransactionId = uniqueKey;
        }

        TransactionTrace.Append(_producer.TraceDispatcher, _producer.Group, _producer.Client.ClientID(), msg, endHeader.MsgId, brokerAddr, state, fromCheck: true);
        var request = CommandHeaders.CreateRequest(RequestCode.END_TRANSACTION, endHeader);
        request.Remark = error is null ? null : "checkLocalTransactionState Exception: " + error.Message;
        try
        {
            await _producer.Client.InvokeOneWay(brokerAddr, request, CheckAnswerTimeout).ConfigureAwait(false);
        }
        catch (RocketMQException e)
        {
            _logger.LogError(e, "answering the transaction check of {MsgId} to {Broker} failed", endHeader.MsgId, brokerAddr);
        }
    }

    private async Task DrainChecks(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var pending = _checks.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(ShutdownDrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            _logger.LogWarning("{Count} transaction check answers still running at shutdown; not waiting for them any longer", pending.Length);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "a transaction check answer failed during shutdown");
        }
    }

    private static int ToSysFlag(LocalTransactionState state) => state switch
    {
        LocalTransactionState.CommitMessageState => MessageSysFlag.TransactionCommitType,
        LocalTransactionState.RollbackMessageState => MessageSysFlag.TransactionRollbackType,
        _ => MessageSysFlag.TransactionNotType,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
