namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A message's born and store hosts: two packed numbers when both are IPv4 hosts (the usual case), else one small
/// object holding both. 24 bytes in every pulled message, where two <see cref="HostAddress"/> values take 32.
/// </summary>
internal readonly struct HostPair
{
    private readonly ulong _born;
    private readonly ulong _store;
    private readonly Wide? _wide;

    public HostPair(in HostAddress born, in HostAddress store)
    {
        if (born.IsWide || store.IsWide)
        {
            _wide = new Wide(born, store);
        }
        else
        {
            _born = born.Packed;
            _store = store.Packed;
        }
    }

    public HostAddress Born => _wide?.Born ?? HostAddress.FromPacked(_born);

    public HostAddress Store => _wide?.Store ?? HostAddress.FromPacked(_store);

    public HostPair WithBorn(in HostAddress born) => new(born, Store);

    public HostPair WithStore(in HostAddress store) => new(Born, store);

    private sealed class Wide(HostAddress born, HostAddress store)
    {
        public HostAddress Born { get; } = born;

        public HostAddress Store { get; } = store;
    }
}
