namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Lets every caller of an idempotent shutdown cut it short: a shutdown runs once, on a token of its own that any
/// caller's token cancels; the shutdown then stops waiting and releases what is left at once.
/// </summary>
internal static class ShutdownHurry
{
    /// <summary>When <paramref name="cancellationToken"/> fires before <paramref name="shutdown"/> ends, <paramref name="hurry"/> is cancelled.</summary>
    public static void On(CancellationToken cancellationToken, CancellationTokenSource hurry, Task shutdown)
    {
        if (!cancellationToken.CanBeCanceled || shutdown.IsCompleted)
        {
            return;
        }

        var registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), hurry);
        shutdown.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
