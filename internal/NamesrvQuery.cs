using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Route queries (Go: route.go <c>queryTopicRouteInfoFromServer</c>, <c>UpdateTopicRouteInfoWithDefault</c>): one
/// lookup in flight per topic, shared by every caller, bounded by <see cref="ClientIntervals.RouteLookupTimeout"/>;
/// each caller waits only until its own deadline while the lookup goes on for the others. No lock is held across a
/// network call (Go serialises every topic's query under one client-wide lock, 6 s per name server).
/// </summary>
internal sealed partial class Namesrvs
{
    private readonly ConcurrentDictionary<string, RouteFlight> _flights = new(StringComparer.Ordinal);

    // Compare-and-store of a route and the change callback: short, no I/O.
    private readonly object _storeLock = new();

    /// <inheritdoc />
    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, CancellationToken cancellationToken = default)
        => UpdateTopicRouteInfoWithDefault(topic, string.Empty, 0, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <inheritdoc />
    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfo(string topic, TimeSpan timeout, CancellationToken cancellationToken)
        => UpdateTopicRouteInfoWithDefault(topic, string.Empty, 0, timeout, cancellationToken);

    /// <inheritdoc />
    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, CancellationToken cancellationToken = default)
        => UpdateTopicRouteInfoWithDefault(topic, defaultTopic, defaultQueueNum, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <inheritdoc />
    public Task<(TopicRouteData RouteData, bool Changed)> UpdateTopicRouteInfoWithDefault(string topic, string defaultTopic, int defaultQueueNum, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_disposed.IsCancellationRequested)
        {
            return Task.FromException<(TopicRouteData, bool)>(new RemotingConnectException(ToString(), "the name server view is closed"));
        }

        var key = string.IsNullOrEmpty(defaultTopic) ? topic : string.Concat(topic, "\0", defaultTopic, "\0", defaultQueueNum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        while (true)
        {
            if (_flights.TryGetValue(key, out var running))
            {
                return running.WaitAsync(timeout, cancellationToken);
            }

            var flight = new RouteFlight(topic);
            if (_flights.TryAdd(key, flight))
            {
                _ = RunFlight(key, flight, defaultTopic, defaultQueueNum);
                return flight.WaitAsync(timeout, cancellationToken);
            }
        }
    }

    /// <summary>
    /// One shared lookup: query, confirm a shrink, compare and store. Never faults: the outcome goes to the flight,
    /// whose failure is marked observed, so a lookup every caller stopped waiting for raises no unobserved exception.
    /// </summary>
    private async Task RunFlight(string key, RouteFlight flight, string defaultTopic, int defaultQueueNum)
    {
        (TopicRouteData, bool) result = default;
        Exception? error = null;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        bound.CancelAfter(_intervals.RouteLookupTimeout);
        try
        {
            result = await LookUp(flight, defaultTopic, defaultQueueNum, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            error = new RemotingTimeoutException(flight.Asking ?? ToString(), _intervals.RouteLookupTimeout,
                $"the route query of topic {flight.Topic} got no answer within {_intervals.RouteLookupTimeout.TotalMilliseconds:0} ms (asking name server {flight.Asking ?? ToString()})");
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            error = new RemotingConnectException(ToString(), "the name server view is closed");
        }
        catch (Exception e)
        {
            error = e;
        }

        _flights.TryRemove(new KeyValuePair<string, RouteFlight>(key, flight));
        flight.Complete(result, error);
        if (error is not null)
        {
            _logger.LogDebug("route lookup of topic {Topic} failed: {Reason}", flight.Topic, error.Message);
        }
    }

    private async Task<(TopicRouteData, bool)> LookUp(RouteFlight flight, string defaultTopic, int defaultQueueNum, CancellationToken ct)
    {
        var topic = flight.Topic;
        var useDefault = !string.IsNullOrEmpty(defaultTopic);
        _routeDataMap.TryGetValue(topic, out var cached);
        TopicRouteData routeData;
        if (useDefault)
        {
            routeData = (await Query(defaultTopic, flight, ct).ConfigureAwait(false)).Route;
            foreach (var queue in routeData.QueueDataList)
            {
                if (queue.ReadQueueNums > defaultQueueNum)
                {
                    queue.ReadQueueNums = defaultQueueNum;
                    queue.WriteQueueNums = defaultQueueNum;
                }
            }
        }
        else
        {
            routeData = await QueryConfirmingShrink(topic, cached, flight, ct).ConfigureAwait(false);
        }

        lock (_storeLock)
        {
            var changed = !_routeDataMap.TryGetValue(topic, out var old) || !old.SameRouteAs(routeData);
            if (changed)
            {
                _logger.LogDebug("the topic route info of {Topic} changed from {Old} to {New}", topic, old?.ToString() ?? "nil", routeData);
                StoreRoute(topic, routeData);
                RouteChanged?.Invoke(topic, routeData.Clone());
            }

            return (routeData.Clone(), changed);
        }
    }

    /// <summary>
    /// The route from the current name server; when it drops a broker (or the whole topic) the cached route had,
    /// another name server is asked before the shrink is believed: a name server restarted moments ago knows only
    /// the brokers that registered again since. The fuller answer wins; when no other name server answers, the
    /// shrink is taken (a broker really gone must leave the route).
    /// </summary>
    private async Task<TopicRouteData> QueryConfirmingShrink(string topic, TopicRouteData? cached, RouteFlight flight, CancellationToken ct)
    {
        RouteAnswer first;
        try
        {
            first = await Query(topic, flight, ct).ConfigureAwait(false);
        }
        catch (MQClientException e) when (e.Code == ClientErrors.ErrTopicNotExist && cached is not null && flight.AnsweredBy is { } said)
        {
            var other = await TryConfirm(topic, said, flight, ct).ConfigureAwait(false);
            if (other is null)
            {
                throw;
            }

            _logger.LogWarning("name server {Addr} has no route of topic {Topic}, but {Other} has: keeping the topic", said, topic, other.Addr);
            return other.Route;
        }

        if (cached is null || RouteShrink.Dropped(cached, first.Route) is not { } dropped)
        {
            return first.Route;
        }

        var confirm = await TryConfirm(topic, first.Addr, flight, ct).ConfigureAwait(false);
        if (confirm is not null && RouteShrink.StillLists(confirm.Route, dropped))
        {
            _logger.LogWarning("name server {Addr} answered a route of {Topic} without {Dropped}, which {Other} still lists: taking {Other}'s route",
                first.Addr, topic, string.Join(", ", dropped), confirm.Addr, confirm.Addr);
            return confirm.Route;
        }

        return first.Route;
    }

    /// <summary>The route from a name server other than <paramref name="except"/>, or null when none answered with one.</summary>
    private async Task<RouteAnswer?> TryConfirm(string topic, string except, RouteFlight flight, CancellationToken ct)
    {
        var srvs = Volatile.Read(ref _srvs);
        var start = Array.FindIndex(srvs, s => Strip(s) == except);
        for (var i = 1; i < srvs.Length; i++)
        {
            var addr = Strip(srvs[(start + i + srvs.Length) % srvs.Length]);
            try
            {
                var response = await Ask(topic, addr, flight, ct).ConfigureAwait(false);
                if (response.Code == ResponseCode.SUCCESS && !response.Body.IsEmpty)
                {
                    return new RouteAnswer(TopicRouteData.Decode(response.Body.Span), addr);
                }
            }
            catch (RemotingException e)
            {
                _logger.LogDebug("confirming the route of {Topic} with name server {Addr} failed: {Reason}", topic, addr, e.Message);
            }
        }

        return null;
    }

    /// <summary>
    /// GET_ROUTEINFO_BY_TOPIC to the name server that answered last, moving on to the next one only when it fails,
    /// each tried at most once. Throws <see cref="ClientErrors.ErrTopicNotExist"/> when a name server answered so,
    /// <see cref="NameServerUnreachableException"/> naming each name server and what went wrong when none answered,
    /// <see cref="ClientErrors.ErrNoNameserver"/> naming the sources tried when there is no address at all.
    /// </summary>
    internal async Task<RouteAnswer> Query(string topic, RouteFlight? flight, CancellationToken ct)
    {
        var srvs = await Addresses(ct).ConfigureAwait(false);
        var failures = new List<(string Addr, Exception Error)>();
        var start = CurrentIndex(srvs);
        for (var i = 0; i < srvs.Length; i++)
        {
            var index = (start + i) % srvs.Length;
            var addr = Strip(srvs[index]);
            RemotingCommand response;
            try
            {
                response = await Ask(topic, addr, flight, ct).ConfigureAwait(false);
            }
            catch (RemotingException e)
            {
                failures.Add((addr, e));
                MoveOnFrom(srvs, index);
                // A query cut short because its caller or the client is going away is not a name server fault.
                _logger.Log(ct.IsCancellationRequested ? LogLevel.Debug : LogLevel.Warning, "query route of {Topic} from name server {Addr} failed{Next}: {Reason}", topic, addr, i + 1 < srvs.Length ? ", trying the next" : string.Empty, e.Message);
                continue;
            }

            StayOn(srvs, index);
            if (flight is not null)
            {
                flight.AnsweredBy = addr;
            }

            switch (response.Code)
            {
                case ResponseCode.SUCCESS when !response.Body.IsEmpty:
                    return new RouteAnswer(TopicRouteData.Decode(response.Body.Span), addr);
                case ResponseCode.TOPIC_NOT_EXIST:
                    throw new MQClientException(ClientErrors.ErrTopicNotExist, $"topic {topic} does not exist: name server {addr} has no route for it ({response.Remark})");
                default:
                    throw new MQBrokerException(response.Code, response.Remark ?? $"no route body for topic {topic}", addr);
            }
        }

        throw new NameServerUnreachableException($"the route query of topic {topic}", failures);
    }

    private async Task<RemotingCommand> Ask(string topic, string addr, RouteFlight? flight, CancellationToken ct)
    {
        if (flight is not null)
        {
            flight.Asking = addr;
        }

        var header = new GetRouteInfoRequestHeader { Topic = topic };
        return await _remotingClient.InvokeSync(addr, CommandHeaders.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, header), _intervals.NameServerRequestTimeout, ct)
            .ConfigureAwait(false);
    }

    /// <summary>The addresses, resolved again when there are none; throws naming the sources tried when still none.</summary>
    private async Task<string[]> Addresses(CancellationToken ct)
    {
        var srvs = Volatile.Read(ref _srvs);
        if (srvs.Length > 0)
        {
            return srvs;
        }

        await UpdateNameServerAddress(ct).ConfigureAwait(false);
        srvs = Volatile.Read(ref _srvs);
        return srvs.Length > 0 ? srvs : throw NoNameServer();
    }

    /// <summary>ErrNoNameserver saying which sources were tried and how to give an address.</summary>
    private MQClientException NoNameServer()
    {
        var tried = _resolver switch
        {
            StaticResolver => "the name server option is empty",
            EnvResolver => $"no name server option was given and the {EnvResolver.VariableName} environment variable is not set",
            PassthroughResolver => $"no name server option was given and the {EnvResolver.VariableName} environment variable is not set",
            HttpResolver http => $"the HTTP resolver at {http.Domain} gave none, and neither its snapshot nor the {EnvResolver.VariableName} environment variable had any",
            _ => $"the resolver ({_resolver.Description}) gave none",
        };
        return new MQClientException(ClientErrors.ErrNoNameserver,
            $"no name server address: {tried}; set one with WithNameServer(\"host:9876\"), the {EnvResolver.VariableName}=host:9876 environment variable, or WithNsResolver/WithNameServerDomain");
    }

    /// <summary>A route and the name server that gave it.</summary>
    internal sealed record RouteAnswer(TopicRouteData Route, string Addr);
}

/// <summary>
/// One route lookup shared by every caller of its topic. Callers wait until their own deadline; the lookup itself
/// is bounded by the name server view and completes once, its failure marked observed.
/// </summary>
internal sealed class RouteFlight(string topic)
{
    private readonly TaskCompletionSource<(TopicRouteData, bool)> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started = Stopwatch.GetTimestamp();

    public string Topic { get; } = topic;

    /// <summary>The name server asked now (or last), for the timeout message of a caller that gives up.</summary>
    public volatile string? Asking;

    /// <summary>The name server that answered, if one did.</summary>
    public volatile string? AnsweredBy;

    public Task Completion => _completion.Task;

    public void Complete((TopicRouteData, bool) result, Exception? error)
    {
        if (error is null)
        {
            _completion.TrySetResult(result);
        }
        else
        {
            _completion.TrySetException(error);
            _ = _completion.Task.Exception; // observed: every waiter may have left already
        }
    }

    /// <summary>
    /// The lookup's outcome, or after <paramref name="timeout"/> a <see cref="RemotingTimeoutException"/> naming the
    /// name server being asked; cancelling stops this caller's wait only.
    /// </summary>
    public async Task<(TopicRouteData, bool)> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var asking = Asking ?? "the name servers";
            throw new RemotingTimeoutException(asking, timeout,
                $"the route query of topic {Topic} got no answer within {timeout.TotalMilliseconds:0} ms (asking name server {asking} for "
                + $"{Stopwatch.GetElapsedTime(_started).TotalMilliseconds:0} ms; the query goes on for others)");
        }
    }
}
