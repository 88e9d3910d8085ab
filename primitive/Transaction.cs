namespace RocketMQ.Go.Port.Primitive;

/// <summary>State of a local transaction (Go: <c>primitive.LocalTransactionState</c>).</summary>
public enum LocalTransactionState
{
    /// <summary>Commit the half message (Go: CommitMessageState).</summary>
    CommitMessageState = 1,

    /// <summary>Roll the half message back (Go: RollbackMessageState).</summary>
    RollbackMessageState = 2,

    /// <summary>Not decided yet: the broker checks back later (Go: UnkonwnState, typo fixed).</summary>
    UnknownState = 3,
}

/// <summary>
/// The application's side of transactional messages (Go: <c>primitive.TransactionListener</c>). Asynchronous, since
/// local transactions usually touch a database.
/// </summary>
public interface ITransactionListener
{
    /// <summary>Runs the local transaction after the half message was stored.</summary>
    Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the local transaction with the argument given to <c>SendMessageInTransaction(ctx, msg, arg)</c> (Java:
    /// <c>executeLocalTransaction(msg, arg)</c>); null when none was given. This is the method the producer calls: by
    /// default it runs <see cref="ExecuteLocalTransactionAsync(Message, CancellationToken)"/> without the argument, so
    /// a listener that needs it overrides this one (and may implement the other by calling it with null).
    /// </summary>
    Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, object? arg, CancellationToken cancellationToken)
        => ExecuteLocalTransactionAsync(message, cancellationToken);

    /// <summary>Answers the broker's check-back for a half message whose state is still unknown.</summary>
    Task<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken);
}
