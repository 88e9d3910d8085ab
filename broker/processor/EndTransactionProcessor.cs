using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>END_TRANSACTION (37): commit or roll back a half message (Java: EndTransactionProcessor).</summary>
internal sealed class EndTransactionProcessor(BrokerController broker)
{
    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.Transaction");

    public RemotingCommand? Process(RemotingCommand request, ServerChannel channel)
    {
        if (broker.IsSlave)
        {
            _logger.LogWarning("the broker is a slave, so END_TRANSACTION is refused");
            return RemotingCommand.CreateResponse(request, ResponseCode.SLAVE_NOT_AVAILABLE);
        }

        var header = request.Header<EndTransactionRequestHeader>();
        var (producerGroup, tranStateTableOffset, commitLogOffset, type) = (header.ProducerGroup, header.TranStateTableOffset, header.CommitLogOffset, header.CommitOrRollback);
        if (type == MessageSysFlag.TransactionNotType)
        {
            return null; // UNKNOW: nothing to do until the next check
        }

        if (type is not (MessageSysFlag.TransactionCommitType or MessageSysFlag.TransactionRollbackType))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"unknown commitOrRollback {type}");
        }

        var half = broker.Transactions.LookupHalf(commitLogOffset);
        if (half.IsEmpty)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "Find prepared transaction message failed");
        }

        var view = StoredMessage.Read(half.Span, out _);
        var properties = new PropertyMap().Parse(System.Text.Encoding.UTF8.GetString(view.Properties));
        if (properties.Get(PropertyKeys.ProducerGroup) != producerGroup)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "The producer group wrong");
        }

        if (view.QueueOffset != tranStateTableOffset)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "The transaction state table offset wrong");
        }

        if (broker.Transactions.IsDone(view.QueueOffset))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        }

        if (type == MessageSysFlag.TransactionRollbackType)
        {
            broker.Transactions.MarkDone(view.QueueOffset);
            _logger.LogDebug("transaction {Id} rolled back", header.TransactionId);
            return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        }

        var result = broker.Transactions.Commit(half.Span);
        return result.IsOk
            ? RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS)
            : RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "committing the half message failed: " + result.Status);
    }
}
