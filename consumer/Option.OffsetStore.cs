namespace RocketMQ.Go.Port.Consumer;

public sealed partial class ConsumerOptions
{
    /// <summary>
    /// Where the consumer keeps its consumed offsets (Java: <c>setOffsetStore</c>; Go has no such option): the
    /// factory runs at Start and may return one of the built-in stores of its <see cref="OffsetStoreContext"/>, a
    /// wrapper around one, or a store of its own (a database, a cache). By default clustering consumers keep offsets
    /// on the brokers and broadcasting consumers in a local file.
    /// </summary>
    /// <exception cref="ArgumentNullException">No factory.</exception>
    public static ConsumerOption WithOffsetStore(Func<OffsetStoreContext, IOffsetStore> factory)
    {
        OptionChecks.NotNull(factory, "offset store factory");
        return new(o => o.OffsetStoreFactory = factory);
    }

    /// <summary>As <see cref="WithOffsetStore(Func{OffsetStoreContext, IOffsetStore})"/> with a store built beforehand.</summary>
    /// <exception cref="ArgumentNullException">No store.</exception>
    public static ConsumerOption WithOffsetStore(IOffsetStore store)
    {
        OptionChecks.NotNull(store, "offset store");
        return WithOffsetStore(_ => store);
    }

    /// <summary>The offset store factory of <see cref="WithOffsetStore(Func{OffsetStoreContext, IOffsetStore})"/>; null for the built-in stores.</summary>
    public Func<OffsetStoreContext, IOffsetStore>? OffsetStoreFactory { get; private set; }
}
