using System.Diagnostics;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>The network part of a consumer's Start, within <see cref="ConsumerOptions.StartTimeout"/>.</summary>
internal abstract partial class DefaultConsumer
{
    /// <summary>
    /// How long a topic the name servers do not know is asked for again at start: a topic auto-created by a first
    /// send moments ago reaches the name servers with its broker's next registration.
    /// </summary>
    internal static readonly TimeSpan NewTopicGrace = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The tail of Go's Start, bounded by <paramref name="timeout"/>: reads the route of every one of
    /// <paramref name="topics"/> side by side (a topic the name servers do not know is asked for again for up to
    /// <see cref="NewTopicGrace"/>), has the brokers compile the SQL92 selectors (Java's checkClientInBroker), sends
    /// the first heartbeat and, when <paramref name="retryTopic"/>, reads the retry topic's route the heartbeat created.
    /// </summary>
    /// <param name="topics">The subscribed topics.</param>
    /// <param name="what">Who starts, for messages: "push consumer group G".</param>
    /// <param name="timeout">The start bound.</param>
    /// <param name="retryTopic">Read the group's retry topic route after the heartbeat (clustering).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="MQClientException"><see cref="ClientErrors.ErrTopicNotExist"/> saying what the start waited for
    /// and why it failed (the cause as inner exception: the name server's answer, <see cref="NameServerUnreachableException"/>,
    /// or the timeout naming the name server asked); <see cref="ClientErrors.ErrNoNameserver"/> naming the sources of
    /// name server addresses tried; a broker refused a selector (its parse error in the message).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task RouteAndAnnounce(IEnumerable<string> topics, string what, TimeSpan timeout, bool retryTopic, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var routes = new List<Task>();
        foreach (var topic in topics)
        {
            routes.Add(RouteForStart(topic, what, started, timeout, cancellationToken));
        }

        try
        {
            await Task.WhenAll(routes).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // WhenAll observed every topic's failure; the first topic that failed speaks for the start.
            var first = routes.First(t => t.IsFaulted || t.IsCanceled);
            if (first.IsFaulted)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first.Exception!.InnerException!);
            }

            throw;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, StoppingToken);
        bound.CancelAfter(Left(started, timeout));
        var step = "the brokers' check of the subscriptions";
        try
        {
            await Client.CheckClientInBroker(ConsumerGroup, SubscriptionDataList(), bound.Token).ConfigureAwait(false);
            step = "the first heartbeat to the brokers";
            await Client.SendHeartbeatToAllBrokerWithLock(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MQClientException(ClientErrors.ErrTopicNotExist, $"{what} did not start within {timeout.TotalMilliseconds:0} ms: it was waiting for {step}");
        }

        MarkAnnounced();
        if (retryTopic && IsSubscribeTopicNeedUpdate(RetryTopic))
        {
            await LookUpRetryTopic(Left(started, timeout), cancellationToken).ConfigureAwait(false);
        }
    }

    // The first heartbeat makes the broker create the group's retry topic; read its route now rather than at the
    // next route refresh (30 s), so retried messages come back without that wait. Best effort, within the start bound.
    private async Task LookUpRetryTopic(TimeSpan left, CancellationToken cancellationToken)
    {
        try
        {
            var (route, _) = await Client.GetNameSrv().UpdateTopicRouteInfo(RetryTopic, left, cancellationToken).ConfigureAwait(false);
            UpdateTopicSubscribeInfo(RetryTopic, route.ToSubscribeQueues(RetryTopic));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogDebug("the retry topic {Topic} has no route yet: {Reason}", RetryTopic, e.Message);
        }
    }

    private async Task RouteForStart(string topic, string what, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var namesrv = Client.GetNameSrv();
        var pause = TimeSpan.FromMilliseconds(100);
        for (var attempts = 1; ; attempts++)
        {
            try
            {
                var (route, _) = await namesrv.UpdateTopicRouteInfo(topic, Left(started, timeout), cancellationToken).ConfigureAwait(false);
                var queues = route.ToSubscribeQueues(topic);
                if (queues.Count > 0)
                {
                    UpdateTopicSubscribeInfo(topic, queues);
                    return;
                }

                if (PauseBeforeAskingAgain(started, timeout, pause) is not { } wait)
                {
                    throw new MQClientException(ClientErrors.ErrTopicNotExist, $"{what} cannot start: topic {topic} has no readable queue");
                }

                pause = wait;
            }
            catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist)
            {
                if (PauseBeforeAskingAgain(started, timeout, pause) is not { } wait)
                {
                    throw new MQClientException(ClientErrors.ErrTopicNotExist,
                        $"{what} cannot start: {e.Description} (asked {attempts} time(s) in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms)", e);
                }

                pause = wait;
            }
            catch (RemotingTimeoutException e)
            {
                throw new MQClientException(ClientErrors.ErrTopicNotExist,
                    $"{what} did not start within {timeout.TotalMilliseconds:0} ms: it was waiting for the route of topic {topic}: {e.Message}", e);
            }
            catch (RemotingException e)
            {
                throw new MQClientException(ClientErrors.ErrTopicNotExist, $"{what} cannot start: {e.Message}", e);
            }

            Logger.LogDebug("topic {Topic} has no route yet; asking again in {Pause} ms", topic, pause.TotalMilliseconds);
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }

    // A topic not known yet is asked for again until the grace (or the start bound, if shorter) runs out; the last
    // pause is cut to what is left, so the last question is asked at the end of the grace and not a backoff step
    // before it (a slow name server would otherwise make Start give up after 2 of its 3 s). Null: ask no more.
    private static TimeSpan? PauseBeforeAskingAgain(long started, TimeSpan timeout, TimeSpan pause)
    {
        var left = (NewTopicGrace < timeout ? NewTopicGrace : timeout) - Stopwatch.GetElapsedTime(started);
        if (left < MinimumPause)
        {
            return null;
        }

        return pause < left ? pause : left;
    }

    private static TimeSpan Left(long started, TimeSpan timeout)
    {
        var left = timeout - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
