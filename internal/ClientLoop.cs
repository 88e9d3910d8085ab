using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// One of the client's background loops (Go: the goroutines of <c>rmqClient.Start</c>, each a ticker in a
/// select with <c>done</c>): waits a first delay, then runs its body every interval or at once when
/// <see cref="Trigger"/> is called. A throwing body is logged and the loop goes on; cancellation ends it.
/// </summary>
internal sealed class ClientLoop
{
    private readonly string _name;
    private readonly TimeSpan _delay;
    private readonly TimeSpan _interval;
    private readonly Func<CancellationToken, Task> _body;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _runs;

    /// <summary>Creates the loop; nothing runs until <see cref="Start"/>.</summary>
    public ClientLoop(string name, TimeSpan delay, TimeSpan interval, Func<CancellationToken, Task> body, ILogger logger)
    {
        _name = name;
        _delay = delay;
        _interval = interval;
        _body = body;
        _logger = logger;
    }

    /// <summary>Completes when the loop has stopped.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Bodies run so far, failed ones included.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Starts the loop on the thread pool; it ends when <paramref name="stop"/> is cancelled.</summary>
    public void Start(CancellationToken stop) => Completion = Task.Run(() => RunAsync(stop), CancellationToken.None);

    /// <summary>Runs the body as soon as the current run (if any) ends, without waiting for the interval.</summary>
    public void Trigger()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await WaitAsync(_delay, stop).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await _body(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    _logger.LogError(e, "client loop {Loop} failed; it runs again in {Interval}", _name, _interval);
                }
                finally
                {
                    Interlocked.Increment(ref _runs);
                }

                await WaitAsync(_interval, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        _logger.LogDebug("client loop {Loop} stopped", _name);
    }

    private Task WaitAsync(TimeSpan time, CancellationToken stop) => _wake.WaitAsync(time, stop);
}
