using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Heartbeats to one broker on demand, and probing a broker that dropped our connections until it answers again.
/// A restarted broker has lost its consumer table; Go and Java leave it refusing pulls until the next 30 s heartbeat
/// round, and their pull loops retry every 3 s. Here the pull loops ask for a heartbeat at once and wait for the
/// probe, so consumption resumes within a probe interval of the broker's return.
/// </summary>
internal sealed partial class RMQClient
{
    private readonly ConcurrentDictionary<string, Task<bool>> _brokerHeartbeats = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BrokerProbe> _brokerProbes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> HeartbeatBroker(string brokerAddr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(brokerAddr);
        while (true)
        {
            if (_brokerHeartbeats.TryGetValue(brokerAddr, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }

            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_brokerHeartbeats.TryAdd(brokerAddr, done.Task))
            {
                _ = HeartbeatOne(brokerAddr, done);
                return done.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task<bool> WaitForBroker(string brokerAddr, TimeSpan max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(brokerAddr);
        var deadline = DateTime.UtcNow + max;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _stop.IsCancellationRequested)
            {
                return false;
            }

            var probe = _brokerProbes.GetOrAdd(brokerAddr, static (addr, client) => client.StartProbe(addr), this);
            probe.Enter();
            try
            {
                if (await probe.Answered.WaitAsync(left, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                // The probe ended between our lookup and our wait (nobody was waiting): start another.
            }
            catch (TimeoutException)
            {
                return false;
            }
            finally
            {
                probe.Exit();
            }
        }
    }

    // The single heartbeat to one address that every concurrent caller shares; it runs on the client's stop token,
    // not a caller's, since the callers that join it may still want the answer.
    private async Task HeartbeatOne(string brokerAddr, TaskCompletionSource<bool> done)
    {
        var answered = false;
        try
        {
            var heartbeat = BuildHeartbeatData();
            if (heartbeat.ProducerDataSet.Count == 0 && heartbeat.ConsumerDataSet.Count == 0)
            {
                return;
            }

            var request = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: heartbeat.Encode());
            var response = await InvokeSync(brokerAddr, request, _options.Intervals.BrokerRequestTimeout, _stop.Token).ConfigureAwait(false);
            answered = response.Code == ResponseCode.SUCCESS;
            if (answered)
            {
                if (BrokerNameOf(brokerAddr) is { } brokerName)
                {
                    _namesrv.AddBrokerVersion(brokerName, brokerAddr, response.Version);
                }

                _logger.LogDebug("heartbeat to broker {BrokerAddr} on demand succeeded", brokerAddr);
            }
            else
            {
                _logger.LogDebug("heartbeat to broker {BrokerAddr} on demand failed: code {Code}, {Remark}", brokerAddr, response.Code, response.Remark);
            }
        }
        catch (Exception e)
        {
            // Probing a dead broker fails twice a second: the pull loops waiting on it log their own warnings.
            _logger.LogDebug("heartbeat to broker {BrokerAddr} on demand failed: {Reason}", brokerAddr, e.Message);
        }
        finally
        {
            _brokerHeartbeats.TryRemove(new KeyValuePair<string, Task<bool>>(brokerAddr, done.Task));
            done.TrySetResult(answered);
        }
    }

    private string? BrokerNameOf(string brokerAddr)
    {
        foreach (var broker in _namesrv.GetBrokerDataList())
        {
            foreach (var addr in broker.BrokerAddresses.Values)
            {
                if (addr == brokerAddr)
                {
                    return broker.BrokerName;
                }
            }
        }

        return null;
    }

    private BrokerProbe StartProbe(string brokerAddr)
    {
        var probe = new BrokerProbe();
        _ = RunProbe(brokerAddr, probe);
        return probe;
    }

    // Every probe interval: stop when nobody waited for a whole interval, else heartbeat the broker and stop once it
    // answers. The first heartbeat goes out after one interval, so a broker that answers while refusing pulls cannot
    // make a waiting pull loop spin.
    private async Task RunProbe(string brokerAddr, BrokerProbe probe)
    {
        var answered = false;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(_options.Intervals.BrokerProbe, _stop.Token).ConfigureAwait(false);
                if (!probe.WaitedSinceLastRound())
                {
                    break;
                }

                if (await HeartbeatBroker(brokerAddr, _stop.Token).ConfigureAwait(false))
                {
                    answered = true;
                    _logger.LogInformation("broker {BrokerAddr} answers again", brokerAddr);
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the client is shutting down
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "probing broker {BrokerAddr} failed", brokerAddr);
        }
        finally
        {
            _brokerProbes.TryRemove(new KeyValuePair<string, BrokerProbe>(brokerAddr, probe));
            probe.Complete(answered);
        }
    }

    /// <summary>One address's probe: who waits on it, and whether the broker answered.</summary>
    private sealed class BrokerProbe
    {
        private readonly TaskCompletionSource<bool> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;
        private int _entered;

        public Task<bool> Answered => _answered.Task;

        public void Enter()
        {
            Interlocked.Increment(ref _waiting);
            Volatile.Write(ref _entered, 1);
        }

        public void Exit() => Interlocked.Decrement(ref _waiting);

        // True when someone waits now or arrived since the previous round.
        public bool WaitedSinceLastRound() => Interlocked.Exchange(ref _entered, 0) == 1 || Volatile.Read(ref _waiting) > 0;

        public void Complete(bool answered) => _answered.TrySetResult(answered);
    }
}
