using System.Globalization;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A queue's offset range as one pull answer reported it (the MIN_OFFSET and MAX_OFFSET of the messages it
/// brought), shared by all of that answer's messages; the texts are made on first read.
/// </summary>
internal sealed class QueueOffsetBounds(long minOffset, long maxOffset)
{
    private string? _minOffsetText;
    private string? _maxOffsetText;

    /// <summary>The first offset the queue still holds.</summary>
    public long MinOffset { get; } = minOffset;

    /// <summary>One past the queue's last offset.</summary>
    public long MaxOffset { get; } = maxOffset;

    /// <summary>MIN_OFFSET's value; messages read from several threads may race to make it, each getting equal text.</summary>
    public string MinOffsetText => _minOffsetText ??= MinOffset.ToString(CultureInfo.InvariantCulture);

    /// <summary>MAX_OFFSET's value.</summary>
    public string MaxOffsetText => _maxOffsetText ??= MaxOffset.ToString(CultureInfo.InvariantCulture);
}
