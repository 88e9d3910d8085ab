using System.Collections.Concurrent;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Producer;

/// <summary>
/// Go: examples/producer/transaction: the local transaction answers "unknown" and remembers commit, rollback or
/// unknown for each message in turn; the broker's check-back then gets that answer. Waits (--wait seconds, default
/// 60) until every transaction was checked back. The embedded broker checks after 1 s; a Java broker after its
/// transactionTimeOut (6 s) and check interval (60 s).
/// </summary>
internal static class Transaction
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        await ctx.NameServerAsync(o =>
        {
            o.TransactionTimeout = TimeSpan.FromSeconds(1);
            o.TransactionCheckInterval = TimeSpan.FromSeconds(1);
        });
        var count = ctx.Flags.Count(10);
        var listener = new DemoListener(ctx, count);
        await using var producer = Rocketmq.NewTransactionProducer(listener, await ProducerExample.Options(ctx, "transaction_producer"));
        await producer.Start();
        var topic = ctx.Flags.Topic("TopicTest5");
        for (var i = 0; i < count; i++)
        {
            try
            {
                var result = await producer.SendMessageInTransaction(ctx.Ctx, ProducerExample.Message(ctx, topic, i, "Hello RocketMQ again"));
                ctx.PrintResult(result);
            }
            catch (RocketMQException e)
            {
                ctx.PrintError(e);
                return 1;
            }
        }

        ctx.Info("waiting for the broker to check the transactions back...");
        try
        {
            await listener.AllChecked.Task.WaitAsync(TimeSpan.FromSeconds(ctx.Flags.Int("wait", 60)), ctx.CancellationToken);
        }
        catch (TimeoutException)
        {
            ctx.Info($"only {listener.CheckedCount} of {count} transactions were checked back in time");
        }

        await producer.Shutdown();
        return 0;
    }

    private sealed class DemoListener(ExampleContext ctx, int count) : ITransactionListener
    {
        private readonly ConcurrentDictionary<string, LocalTransactionState> _localTrans = new();
        private readonly ConcurrentDictionary<string, byte> _checked = new();
        private int _transactionIndex;

        public TaskCompletionSource AllChecked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int CheckedCount => _checked.Count;

        public Task<LocalTransactionState> ExecuteLocalTransactionAsync(Message message, CancellationToken cancellationToken)
        {
            var next = Interlocked.Increment(ref _transactionIndex);
            var state = (LocalTransactionState)((next % 3) + 1);
            _localTrans[message.TransactionId!] = state;
            ctx.Info($"nextIndex: {next} for transactionID: {message.TransactionId} -> will answer {state} when checked");
            return Task.FromResult(LocalTransactionState.UnknownState);
        }

        public Task<LocalTransactionState> CheckLocalTransactionAsync(MessageExt message, CancellationToken cancellationToken)
        {
            var id = message.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
            var state = _localTrans.TryGetValue(id, out var s) ? s : LocalTransactionState.CommitMessageState;
            ctx.PrintObject($"checkLocalTransaction {state}: transactionID {id}", new { status = "CHECKED", msgId = id, state = state.ToString() });

            // An unknown answer is checked again later; the others settle the transaction.
            if (state != LocalTransactionState.UnknownState && _checked.TryAdd(id, 0) && _checked.Count >= count - ((count + 1) / 3))
            {
                AllChecked.TrySetResult();
            }

            return Task.FromResult(state);
        }
    }
}
