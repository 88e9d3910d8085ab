using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer.Latency;

/// <summary>
/// Latency fault avoidance (Java: <c>MQFaultStrategy</c>; Go has none, #1071, #730): every send's latency is
/// recorded per broker; a broker that failed or answered slowly is skipped for a backoff period that grows with the
/// latency (Java's table: up to 550 ms none, 550 ms+ 2 s, 1.8 s+ 5 s, 3 s+ 6 s, 5 s+ 10 s, 15 s+ 30 s; a failure
/// counts as 10 s). Applies to the balancing selectors (round robin, random); hash and manual selectors keep
/// choosing the same queue, since their callers rely on ordering.
/// </summary>
internal sealed class MQFaultStrategy
{
    private static readonly long[] LatencyMax = [50L, 100L, 550L, 1800L, 3000L, 5000L, 15000L];
    private static readonly long[] NotAvailableDuration = [0L, 0L, 2000L, 5000L, 6000L, 10000L, 30000L];

    /// <summary>The latency Java charges for a failed send ("isolation"): 10 s, i.e. 10 s of backoff.</summary>
    public const long IsolationLatency = 10_000;

    private readonly AvailableFilter _available;
    private readonly ReachableFilter _reachable;

    /// <summary>Creates the strategy; <paramref name="clock"/> returns monotonic milliseconds (tests pass a fake).</summary>
    public MQFaultStrategy(bool enabled, ILogger logger, Func<long>? clock = null)
    {
        Enabled = enabled;
        Tolerance = new LatencyFaultTolerance(logger, clock);
        _available = new AvailableFilter(Tolerance);
        _reachable = new ReachableFilter(Tolerance);
    }

    /// <summary>Java's <c>sendLatencyFaultEnable</c>.</summary>
    public bool Enabled { get; }

    /// <summary>The per-broker records.</summary>
    public LatencyFaultTolerance Tolerance { get; }

    /// <summary>
    /// Chooses a queue (Java: <c>selectOneMessageQueue</c>): with a balancing selector and the strategy on, first a
    /// queue on an available broker other than <paramref name="lastBrokerName"/>, then one on a reachable broker, then
    /// whatever the selector picks; otherwise the selector alone decides.
    /// </summary>
    public MessageQueue? SelectOneMessageQueue(IQueueSelector selector, Message message, IReadOnlyList<MessageQueue> queues, string lastBrokerName)
    {
        if (!Enabled || selector is not IBalancingQueueSelector balancing)
        {
            return selector.Select(message, queues, lastBrokerName);
        }

        return balancing.SelectFiltered(message, queues, lastBrokerName, _available)
            ?? balancing.SelectFiltered(message, queues, lastBrokerName, _reachable)
            ?? selector.Select(message, queues, lastBrokerName);
    }

    /// <summary>
    /// Records one send (Java: <c>updateFaultItem</c>): <paramref name="isolation"/> charges
    /// <see cref="IsolationLatency"/> for the backoff; <paramref name="reachable"/> false marks the broker unreachable.
    /// </summary>
    public void UpdateFaultItem(string brokerName, long currentLatency, bool isolation, bool reachable)
    {
        if (!Enabled)
        {
            return;
        }

        var duration = ComputeNotAvailableDuration(isolation ? IsolationLatency : currentLatency);
        Tolerance.UpdateFaultItem(brokerName, currentLatency, duration, reachable);
    }

    /// <summary>Java's <c>computeNotAvailableDuration</c>: the backoff of the highest latency step reached.</summary>
    public static long ComputeNotAvailableDuration(long currentLatency)
    {
        for (var i = LatencyMax.Length - 1; i >= 0; i--)
        {
            if (currentLatency >= LatencyMax[i])
            {
                return NotAvailableDuration[i];
            }
        }

        return 0;
    }

    private sealed class AvailableFilter(LatencyFaultTolerance tolerance) : IBrokerFilter
    {
        public bool Accept(string brokerName) => tolerance.IsAvailable(brokerName);
    }

    private sealed class ReachableFilter(LatencyFaultTolerance tolerance) : IBrokerFilter
    {
        public bool Accept(string brokerName) => tolerance.IsReachable(brokerName);
    }
}
