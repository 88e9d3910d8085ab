using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Recovery from a broker that fails to connect, without waiting for the 30 s route poll (Go and Java wait for it):
/// the topic's route is refreshed at once, so consumers move to what the name servers list now (a slave, the other
/// brokers) and producers stop choosing a broker the name servers dropped; and the broker is watched until it answers
/// a heartbeat again, then every route is refreshed, so it is back in rotation as soon as it re-registered.
/// </summary>
internal sealed partial class RMQClient
{
    // How long a refreshed route that still names a broker which failed to connect is asked for again: the name
    // server drops a dead broker when it sees its connection close, which may come just after our failure.
    private static readonly TimeSpan UnreachableConfirmWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnreachableConfirmPause = TimeSpan.FromMilliseconds(500);

    // A broker that has not answered for this long is left to the route poll.
    private static readonly TimeSpan ReturnWatchLimit = TimeSpan.FromMinutes(10);
    // At most 1 s between heartbeats, so a returning broker is back in rotation within 2 s of its return (issue 11).
    private static readonly TimeSpan ReturnWatchMaxPause = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Task> _unreachableRefreshes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _returnWatches = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task BrokerUnreachable(string topic, string brokerAddr)
    {
        if (_stop.IsCancellationRequested || string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(brokerAddr))
        {
            return Task.CompletedTask;
        }

        var refreshed = SingleFlight(_unreachableRefreshes, topic, () => RefreshAfterUnreachable(topic, brokerAddr));
        SingleFlight(_returnWatches, brokerAddr, () => WatchForReturn(brokerAddr));
        return refreshed;
    }

    // Runs start() unless a task for key is running; the task removes itself when done and observes its own errors.
    // Returns the task running for key (it never faults).
    private static Task SingleFlight(ConcurrentDictionary<string, Task> running, string key, Func<Task> start)
    {
        if (running.TryGetValue(key, out var inFlight))
        {
            return inFlight;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!running.TryAdd(key, gate.Task))
        {
            return running.TryGetValue(key, out inFlight) ? inFlight : Task.CompletedTask;
        }

        _ = Run();

        async Task Run()
        {
            try
            {
                await start().ConfigureAwait(false);
            }
            finally
            {
                running.TryRemove(new KeyValuePair<string, Task>(key, gate.Task));
                gate.TrySetResult();
            }
        }

        return gate.Task;
    }

    // Refreshes the topic's route now, and again every 500 ms for up to 5 s while it still names the broker.
    private async Task RefreshAfterUnreachable(string topic, string brokerAddr)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                await RefreshOneTopic(topic).ConfigureAwait(false);
                if (!RouteNames(topic, brokerAddr) || Stopwatch.GetElapsedTime(started) + UnreachableConfirmPause > UnreachableConfirmWindow)
                {
                    return;
                }

                await Task.Delay(UnreachableConfirmPause, _stop.Token).ConfigureAwait(false);
                if (await HeartbeatBroker(brokerAddr, _stop.Token).ConfigureAwait(false))
                {
                    return; // it answers: nothing to move away from
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the client is shutting down
        }
        catch (Exception e)
        {
            _logger.LogDebug("refreshing the route of topic {Topic} after broker {BrokerAddr} failed to connect: {Reason}", topic, brokerAddr, e.Message);
        }
    }

    // Heartbeats the broker with a growing pause (from the probe interval up to 1 s) until it answers, then refreshes
    // every route until one names it again (its registration reaches the name servers just after it starts).
    private async Task WatchForReturn(string brokerAddr)
    {
        var started = Stopwatch.GetTimestamp();
        var pause = _options.Intervals.BrokerProbe;
        try
        {
            while (Stopwatch.GetElapsedTime(started) < ReturnWatchLimit)
            {
                await Task.Delay(pause, _stop.Token).ConfigureAwait(false);
                if (await HeartbeatBroker(brokerAddr, _stop.Token).ConfigureAwait(false))
                {
                    _logger.LogInformation("broker {BrokerAddr} answers again; refreshing the routes", brokerAddr);
                    await RefreshUntilNamed(brokerAddr).ConfigureAwait(false);
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, ReturnWatchMaxPause.Ticks));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // the client is shutting down
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "watching broker {BrokerAddr} for its return failed", brokerAddr);
        }
    }

    private async Task RefreshUntilNamed(string brokerAddr)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using (var bound = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                bound.CancelAfter(_options.Intervals.RouteLookupTimeout);
                try
                {
                    await UpdateTopicRouteInfo(bound.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (bound.IsCancellationRequested && !_stop.IsCancellationRequested)
                {
                    _logger.LogDebug("refreshing the routes after broker {BrokerAddr} answered again took longer than {Bound}", brokerAddr, _options.Intervals.RouteLookupTimeout);
                }
            }

            if (KnownTopics().Any(topic => RouteNames(topic, brokerAddr)) || Stopwatch.GetElapsedTime(started) + UnreachableConfirmPause > UnreachableConfirmWindow)
            {
                return;
            }

            await Task.Delay(UnreachableConfirmPause, _stop.Token).ConfigureAwait(false);
        }
    }

    private async Task RefreshOneTopic(string topic)
    {
        var published = _producerMap.Values.Any(p => p.PublishTopicList().Contains(topic));
        var subscribed = _consumerMap.Values.Any(c => c.SubscriptionDataList().Any(s => s.Topic == topic));
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        bound.CancelAfter(_options.Intervals.RouteLookupTimeout);
        await RefreshTopic(topic, published, subscribed, bound.Token).ConfigureAwait(false);
    }

    private bool RouteNames(string topic, string brokerAddr)
        => _namesrv.GetTopicRouteData(topic) is { } route && route.BrokerDataList.Any(b => b.BrokerAddresses.ContainsValue(brokerAddr));

    private IEnumerable<string> KnownTopics()
        => _producerMap.Values.SelectMany(p => p.PublishTopicList()).Concat(_consumerMap.Values.SelectMany(c => c.SubscriptionDataList().Select(s => s.Topic)));
}
