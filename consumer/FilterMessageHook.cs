namespace RocketMQ.Go.Port.Consumer;

/// <summary>What a <see cref="FilterMessageHook"/> sees of one pull (Go: hooks.<c>FilterMessageContext</c>).</summary>
public sealed class FilterMessageContext
{
    /// <summary>The consumer group.</summary>
    public string ConsumerGroup { get; init; } = string.Empty;

    /// <summary>The pulled messages, after the tag filter (Go: <c>Msg</c>).</summary>
    public IReadOnlyList<MessageExt> Msg { get; init; } = [];

    /// <summary>The queue they came from.</summary>
    public MessageQueue? MQ { get; init; }

    /// <summary>Free argument.</summary>
    public object? Arg { get; init; }

    /// <summary>Unit mode.</summary>
    public bool UnitMode { get; init; }
}

/// <summary>
/// Filters pulled messages before they are cached and consumed (Go: hooks.<c>FilterMessageHook</c>). Returns the
/// messages to keep; a message left out is skipped as if consumed. A throwing hook is logged and its input kept.
/// </summary>
public delegate IReadOnlyList<MessageExt> FilterMessageHook(FilterMessageContext context);
