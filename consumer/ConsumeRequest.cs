namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// A batch of one queue's messages (Go: pull_consumer.go <c>ConsumeRequest</c>): what the lite pull consumer polls
/// and acknowledges. The push consumer's workers get theirs as <see cref="ConsumeBatch"/>.
/// </summary>
public sealed class ConsumeRequest
{
    private static readonly MessageExt[] None = [];

    internal ConsumeRequest(MessageQueue messageQueue, ProcessQueue processQueue, IReadOnlyList<MessageExt>? msgList)
    {
        MessageQueue = messageQueue;
        ProcessQueue = processQueue;
        MsgList = msgList ?? None;
    }

    /// <summary>The queue.</summary>
    public MessageQueue MessageQueue { get; }

    /// <summary>The messages, smallest offset first.</summary>
    public IReadOnlyList<MessageExt> MsgList { get; internal set; }

    internal ProcessQueue ProcessQueue { get; }

    /// <summary>Go: <c>GetMsgList</c>.</summary>
    public IReadOnlyList<MessageExt> GetMsgList() => MsgList;

    /// <summary>Go: <c>GetMQ</c>.</summary>
    public MessageQueue GetMQ() => MessageQueue;
}
