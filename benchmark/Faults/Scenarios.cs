namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>The fault suite's scenarios by name, for <c>benchmark stable --scenario NAME</c>.</summary>
internal static class Scenarios
{
    public static readonly IReadOnlyList<string> Names = ["outage", "namesrv", "kill", "restart", "sigkill", "slow", "hostile", "lifecycle", "orderly", "slave"];

    public static Task<Tally> RunAsync(string name, bool full, Action<string> log, CancellationToken cancellationToken = default) => name switch
    {
        "outage" => BrokerOutage.RunAsync(full ? BrokerOutage.Full : BrokerOutage.Short, cancellationToken),
        "namesrv" => NameServerOutage.RunAsync(full ? NameServerOutage.Full : NameServerOutage.Short, cancellationToken),
        "kill" => ConsumerKill.RunAsync(full ? ConsumerKill.Full : ConsumerKill.Short, cancellationToken),
        "restart" => BrokerRestart.RunAsync(full ? BrokerRestart.Full : BrokerRestart.Short, kill: false, cancellationToken),
        "sigkill" => BrokerRestart.RunAsync(full ? BrokerRestart.Full : BrokerRestart.Short, kill: true, cancellationToken),
        "slow" => SlowHandler.RunAsync(full ? SlowHandler.Full : SlowHandler.Short, log, cancellationToken),
        "hostile" => Hostile.RunAsync(full ? Hostile.Full : Hostile.Short, log: log, cancellationToken: cancellationToken),
        "lifecycle" => Lifecycle.RunAsync(full ? Lifecycle.Full : Lifecycle.Short, log, cancellationToken),
        "orderly" => OrderlyChurn.RunAsync(full ? OrderlyChurn.Full : OrderlyChurn.Short, cancellationToken: cancellationToken),
        "slave" => SlaveRead.RunAsync(full ? SlaveRead.Full : SlaveRead.Short, cancellationToken),
        _ => throw new ArgumentException($"unknown scenario '{name}'; one of {string.Join(", ", Names)}"),
    };
}
