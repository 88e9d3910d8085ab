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

    /// <summary>True when every loop ended within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitIdle(TimeSpan timeout)
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
            await wait.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
