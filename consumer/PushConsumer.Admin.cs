using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// What admin tools and brokers ask of the push consumer beyond the shared answers (Go: push_consumer.go
/// <c>GetConsumerRunningInfo</c>, <c>ConsumeMessageDirectly</c>, <c>ResetOffset</c>).
/// </summary>
internal sealed partial class PushConsumer
{
    /// <summary>
    /// Go: <c>GetConsumerRunningInfo</c>: subscriptions, per-topic statistics, every owned queue's process-queue state
    /// and committed offset, and properties as Java's consumer reports them (mqadmin consumerStatus reads
    /// PROP_CONSUME_TYPE and PROP_CONSUMEORDERLY to analyse the queues).
    /// </summary>
    public override ConsumerRunningInfo? GetConsumerRunningInfo(bool stack)
    {
        if (NewRunningInfo() is not { } info)
        {
            return null;
        }

        var p = info.Properties;
        p["consumeTimestamp"] = Options.ConsumeTimestamp;
        p["consumeThreadMin"] = Format(Options.ConsumeGoroutineNums);
        p["consumeThreadMax"] = Format(Options.ConsumeGoroutineNums);
        p["consumeMessageBatchMaxSize"] = Format(Options.ConsumeMessageBatchMaxSize);
        p["pullBatchSize"] = Format(Options.PullBatchSize);
        p["pullInterval"] = Format((long)Options.PullInterval.TotalMilliseconds);
        p["pullThresholdForQueue"] = Format(Options.PullThresholdForQueue);
        p["pullThresholdSizeForQueue"] = Format(Options.PullThresholdSizeForQueue);
        p["pullThresholdForTopic"] = Format(Options.PullThresholdForTopic);
        p["pullThresholdSizeForTopic"] = Format(Options.PullThresholdSizeForTopic);
        p["consumeConcurrentlyMaxSpan"] = Format(Options.ConsumeConcurrentlyMaxSpan);
        p["maxReconsumeTimes"] = Format(Options.MaxReconsumeTimes);
        p["suspendCurrentQueueTimeMillis"] = Format((long)Options.SuspendCurrentQueueTime.TotalMilliseconds);
        p["consumeTimeout"] = Format((long)Options.ConsumeTimeout.TotalMinutes);
        p["unitMode"] = Options.Client.UnitMode ? "true" : "false";
        p[ConsumerRunningInfo.PropConsumeType] = DefaultConsumer.ConsumePassively;
        p[ConsumerRunningInfo.PropConsumeOrderly] = Options.ConsumeOrderly ? "true" : "false";
        p[ConsumerRunningInfo.PropThreadPoolCoreSize] = Format(Options.ConsumeGoroutineNums);
        p[ConsumerRunningInfo.PropConsumerStartTimestamp] = Format(ConsumerStartTimestamp);
        if (stack)
        {
            info.JStack = DescribeThreads();
        }

        return info;
    }

    /// <summary>
    /// Go: <c>ConsumeMessageDirectly</c>: runs the handler on a message an admin tool sends (CONSUME_MESSAGE_DIRECTLY)
    /// and reports the outcome as Java's CMResult name. The offset is not touched.
    /// </summary>
    public override async Task<ConsumeMessageDirectlyResult?> ConsumeMessageDirectly(MessageExt msg, string brokerName)
    {
        var mq = new MessageQueue(msg.Topic, brokerName, msg.QueueId);
        msg.Queue ??= mq;
        IReadOnlyList<MessageExt> msgs = [msg];
        var handler = FindHandler(mq, msgs);
        ResetRetryAndNamespace(msgs);
        var orderly = Options.ConsumeOrderly;
        var ctx = new CallContext
        {
            CancellationToken = _handlerCancellation.Token,
            Method = CommunicationMode.ConsumerPush,
            ConsumerCtx = new ConsumeMessageContext { ConsumerGroup = ConsumerGroup, MQ = mq, Msgs = msgs },
            ConcurrentlyCtx = orderly ? null : new ConsumeConcurrentlyContext { MQ = mq },
            OrderlyCtx = orderly ? new ConsumeOrderlyContext { MQ = mq, AutoCommit = Options.AutoCommit } : null,
        };

        var begin = Stopwatch.GetTimestamp();
        var (result, error) = await ConsumeInner(ctx, msgs, handler).ConfigureAwait(false);
        var spent = (long)Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        Stats?.IncreaseConsumeRT(ConsumerGroup, mq.Topic, spent);
        return new ConsumeMessageDirectlyResult
        {
            Order = orderly,
            AutoCommit = Options.AutoCommit,
            SpentTimeMills = spent,
            Remark = error?.ToString(),
            ConsumeResult = error is not null ? ConsumeMessageDirectlyResult.CrThrowException : result switch
            {
                ConsumeResult.ConsumeSuccess => ConsumeMessageDirectlyResult.CrSuccess,
                ConsumeResult.Commit => ConsumeMessageDirectlyResult.CrCommit,
                ConsumeResult.Rollback => ConsumeMessageDirectlyResult.CrRollback,
                _ => ConsumeMessageDirectlyResult.CrLater,
            },
        };
    }

    /// <summary>
    /// Go: <c>ResetOffset</c> (RESET_CONSUMER_CLIENT_OFFSET): pauses, drops and clears the topic's queues named in
    /// <paramref name="table"/>, stores their new offsets (awaited), releases them and rebalances so they are
    /// pulled again from the new offsets. Go and Java sleep 10 s in the middle; here the drop stops the pulls at once
    /// and a dropped queue's handlers can no longer move its offset.
    /// </summary>
    public override async Task ResetOffset(string topic, IReadOnlyDictionary<MessageQueue, long> table)
    {
        if (!IsRunning)
        {
            return;
        }

        Paused = true;
        try
        {
            foreach (var (mq, pq) in ProcessQueueTable)
            {
                if (mq.Topic != topic || !table.TryGetValue(mq, out var offset))
                {
                    continue;
                }

                pq.Drop();
                pq.Clear();
                if (Options.ConsumeOrderly)
                {
                    // A running orderly handler commits under this lock; the reset must come after it.
                    await pq.ConsumeLock.WaitAsync().ConfigureAwait(false);
                    Storage.Update(mq, offset, increaseOnly: false);
                    pq.ConsumeLock.Release();
                }
                else
                {
                    Storage.Update(mq, offset, increaseOnly: false);
                }

                if (await RemoveUnnecessaryMessageQueue(mq, pq).ConfigureAwait(false))
                {
                    ProcessQueueTable.TryRemove(new KeyValuePair<MessageQueue, ProcessQueue>(mq, pq));
                }
            }

        }
        finally
        {
            Paused = false;
        }

        await DoBalance(StoppingToken).ConfigureAwait(false);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    // .NET cannot dump other threads' stacks; report what an operator can act on instead of Go's goroutine dump.
    private string DescribeThreads()
    {
        ThreadPool.GetAvailableThreads(out var workers, out var io);
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"process {Environment.ProcessId}, threads {Process.GetCurrentProcess().Threads.Count}, ");
        text.Append(CultureInfo.InvariantCulture, $"thread pool busy workers {maxWorkers - workers}/{maxWorkers}, busy io {maxIo - io}/{maxIo}, ");
        text.Append(CultureInfo.InvariantCulture, $"pending work items {ThreadPool.PendingWorkItemCount}, pull loops {PullLoops.Count}, ");
        text.Append(CultureInfo.InvariantCulture, $"queued consume requests {_consumeRequests.Reader.Count}");
        return text.ToString();
    }
}
