namespace RocketMQ.Go.Port.Primitive;

/// <summary>What a producer hands to interceptors about one send (Go: <c>primitive.ProducerCtx</c>).</summary>
public sealed class ProducerCtx
{
    /// <summary>The producer group.</summary>
    public string ProducerGroup { get; set; } = string.Empty;

    /// <summary>The message being sent.</summary>
    public Message? Message { get; set; }

    /// <summary>The queue chosen.</summary>
    public MessageQueue? MQ { get; set; }

    /// <summary>The broker address sent to.</summary>
    public string BrokerAddr { get; set; } = string.Empty;

    /// <summary>This client's address.</summary>
    public string BornHost { get; set; } = string.Empty;

    /// <summary>How the message is sent.</summary>
    public CommunicationMode CommunicationMode { get; set; }

    /// <summary>The result, once known.</summary>
    public SendResult? SendResult { get; set; }

    /// <summary>Extra values.</summary>
    public Dictionary<string, string> Props { get; set; } = [];

    /// <summary>Kind of message.</summary>
    public MessageType MsgType { get; set; }

    /// <summary>The namespace, if any.</summary>
    public string Namespace { get; set; } = string.Empty;
}
