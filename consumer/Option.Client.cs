namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The consumer's part of the client settings Java's ClientConfig makes public and Go hard-codes (Go:
/// <c>_PersistOffsetInterval</c>); the settings producers share are in <see cref="CommonOptions"/>.
/// </summary>
public sealed partial class ConsumerOptions
{
    /// <summary>
    /// How often consumed offsets are written to the broker (or the local file) (Java: <c>persistConsumerOffsetInterval</c>,
    /// 5 s). The first write waits this long too when shorter than the usual 10 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public static ConsumerOption WithPersistConsumerOffsetInterval(TimeSpan interval)
    {
        OptionChecks.Positive(interval, "offset persist interval");
        return new(o => o.Client.SetPersistConsumerOffsetInterval(interval));
    }
}
