using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// A broker's CHECK_TRANSACTION_STATE as a value (Go: callback.go <c>CheckTransactionStateCallback</c>, sent on the
/// client's callback channel). The client calls <see cref="IInnerProducer.CheckTransactionState"/> instead; a
/// producer that queues checks for a worker can queue these.
/// </summary>
/// <param name="Addr">Address of the broker that asked.</param>
/// <param name="Msg">The half message.</param>
/// <param name="Header">The request header (offsets, ids).</param>
internal sealed record CheckTransactionStateCallback(string Addr, MessageExt Msg, CheckTransactionStateRequestHeader Header);
