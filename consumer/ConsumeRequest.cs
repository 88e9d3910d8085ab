using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// A batch of one queue's messages on its way to a handler (Go: pull_consumer.go <c>ConsumeRequest</c>), the element
/// of the push consumer's bounded consume channel and what the lite pull consumer polls. For an orderly push
/// consumer the list is empty: the worker takes the queue's messages itself, in order.
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
