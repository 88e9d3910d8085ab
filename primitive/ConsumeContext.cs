namespace RocketMQ.Go.Port.Primitive;

/// <summary>What a push consumer hands to interceptors about one consume call (Go: <c>primitive.ConsumeMessageContext</c>).</summary>
public sealed class ConsumeMessageContext
{
    private Dictionary<string, string>? _properties;

    /// <summary>The consumer group.</summary>
    public string ConsumerGroup { get; set; } = string.Empty;

    /// <summary>The messages of the call.</summary>
    public IReadOnlyList<MessageExt> Msgs { get; set; } = [];

    /// <summary>The queue they came from.</summary>
    public MessageQueue? MQ { get; set; }

    /// <summary>Whether consumption succeeded.</summary>
    public bool Success { get; set; }

    /// <summary>The consume status as text.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Extra values (trace context and the like); the map is made on first use, as most calls set none.</summary>
    public Dictionary<string, string> Properties
    {
        get => _properties ??= [];
        set => _properties = value;
    }
}

/// <summary>The orderly listener's context (Go: <c>primitive.ConsumeOrderlyContext</c>).</summary>
public sealed class ConsumeOrderlyContext
{
    /// <summary>The queue being consumed.</summary>
    public MessageQueue? MQ { get; set; }

    /// <summary>Whether offsets are committed automatically (default true).</summary>
    public bool AutoCommit { get; set; } = true;

    /// <summary>How long to suspend the queue after a failure; -1 uses the consumer's setting.</summary>
    public int SuspendCurrentQueueTimeMillis { get; set; } = -1;
}

/// <summary>The concurrent listener's context (Go: <c>primitive.ConsumeConcurrentlyContext</c>).</summary>
public sealed class ConsumeConcurrentlyContext
{
    /// <summary>The queue being consumed.</summary>
    public MessageQueue? MQ { get; set; }

    /// <summary>Delay level for messages sent back; 0 lets the broker choose.</summary>
    public int DelayLevelWhenNextConsume { get; set; }

    /// <summary>Index of the last successfully consumed message (int.MaxValue: all).</summary>
    public int AckIndex { get; set; } = int.MaxValue;
}
