namespace RocketMQ.Go.Port.Consumer;

/// <summary>Counts running loops so shutdown can wait, with a bound, until all of them ended.</summary>
internal sealed class TaskTracker
{
    private readonly Lock _lock = new();
    private int _count;
    private TaskCompletionSource? _idle;

    /// <summary>Loops running now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A loop starts.</summary>
    public void Enter()
    {
        lock (_lock)
        {
            _count++;
        }
    }

    /// <summary>A loop ended.</summary>
    public void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_lock)
        {
            if (--_count == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        idle?.TrySetResult();
    }

    /// <summary>True when every loop ended within <paramref name="timeout"/>, before <paramref name="cancellationToken"/> fired.</summary>
    public async Task<bool> WaitIdle(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_count == 0)
            {
                return true;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _idle.Task;
        }

        try
        {
            await wait.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
