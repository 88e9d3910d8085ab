namespace RocketMQ.Go.Port.Consumer;

/// <summary>Shutdown steps the push and the pull consumer share.</summary>
internal static class ShutdownSteps
{
    /// <summary>Closes the trace dispatcher, sending what it still holds; a failure is logged, never thrown.</summary>
    public static async Task CloseTrace(ITraceDispatcher? dispatcher, ILogger logger, string group)
    {
        if (dispatcher is null)
        {
            return;
        }

        try
        {
            await dispatcher.Close().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "closing the trace dispatcher failed: group={Group}", group);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="bound"/> for a rebalance that is running as shutdown begins (it was cancelled and
    /// changes no queue from now on), so the offsets persisted next are those of every queue the consumer held; less
    /// when <paramref name="cancellationToken"/> (the shutdown's budget) fires first.
    /// </summary>
    public static async Task WaitForRebalance(DefaultConsumer consumer, TimeSpan bound, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await consumer.WaitForRebalance(bound, cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("a rebalance is still running after {Bound}; persisting the offsets of the queues held now: group={Group}", bound, consumer.ConsumerGroup);
        }
    }

    /// <summary>
    /// Waits for <paramref name="task"/> up to <paramref name="timeout"/> or until <paramref name="cancellationToken"/>
    /// fires; false when it is still running then.
    /// </summary>
    public static async Task<bool> Completes(Task task, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return false;
        }
        catch (Exception)
        {
            // Loops catch and log their own errors; a fault here was logged already.
            return true;
        }
    }
}

/// <summary>
/// The time one consumer shutdown may take: a share for running handlers (the push consumer's
/// <see cref="ConsumerOptions.ShutdownTimeout"/>) plus <see cref="Closing"/> for the rest; <see cref="Token"/> fires
/// when it has run out or the caller stopped waiting.
/// </summary>
internal sealed class ShutdownBudget : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly TimeSpan _handlers;

    public ShutdownBudget(TimeSpan handlers, TimeSpan closing, CancellationToken hurry)
    {
        _handlers = handlers;
        Closing = closing;
        _source = CancellationTokenSource.CreateLinkedTokenSource(hurry);
        _source.CancelAfter(handlers + closing);
    }

    /// <summary>Fires when the shutdown must stop waiting.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Time since the shutdown began.</summary>
    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(_started);

    /// <summary>What is left of the handlers' share.</summary>
    public TimeSpan ForHandlers => _handlers > Elapsed ? _handlers - Elapsed : TimeSpan.Zero;

    /// <summary>The bound of the closing steps (offsets, unlock, unregister, connections), each cut short by <see cref="Token"/>.</summary>
    public TimeSpan Closing { get; }

    /// <summary>" (the shutdown bound ran out)" once it has, for log messages.</summary>
    public string RanOut => _source.IsCancellationRequested ? " (the shutdown bound ran out)" : string.Empty;

    public void Dispose() => _source.Dispose();
}
