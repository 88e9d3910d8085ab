namespace RocketMQ.Go.Port.Tests;

/// <summary>Tests that assert wall-clock bounds run alone, so other tests' CPU load cannot stretch them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
