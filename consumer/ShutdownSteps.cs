using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;

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
    /// changes no queue from now on), so the offsets persisted next are those of every queue the consumer held.
    /// </summary>
    public static async Task WaitForRebalance(DefaultConsumer consumer, TimeSpan bound, ILogger logger)
    {
        if (!await consumer.WaitForRebalance(bound).ConfigureAwait(false))
        {
            logger.LogWarning("a rebalance is still running after {Bound}; persisting the offsets of the queues held now: group={Group}", bound, consumer.ConsumerGroup);
        }
    }

    /// <summary>Waits for <paramref name="task"/> up to <paramref name="timeout"/>; false when it is still running then.</summary>
    public static async Task<bool> Completes(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
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
