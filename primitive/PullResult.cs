namespace RocketMQ.Go.Port.Primitive;

/// <summary>Outcome of a pull (Go: <c>primitive.PullStatus</c>).</summary>
public enum PullStatus
{
    /// <summary>Messages found (Java FOUND).</summary>
    PullFound = 0,

    /// <summary>No new message (Java NO_NEW_MSG).</summary>
    PullNoNewMsg = 1,

    /// <summary>Messages exist but none matched the filter (Java NO_MATCHED_MSG).</summary>
    PullNoMsgMatched = 2,

    /// <summary>The requested offset is out of range (Java OFFSET_ILLEGAL).</summary>
    PullOffsetIllegal = 3,

    /// <summary>The broker timed out (Go only).</summary>
    PullBrokerTimeout = 4,
}

/// <summary>Result of a pull (Go: <c>primitive.PullResult</c>).</summary>
public sealed class PullResult
{
    private List<MessageExt> _messageExts = [];

    /// <summary>The offset to pull from next.</summary>
    public long NextBeginOffset { get; set; }

    /// <summary>The queue's minimum offset.</summary>
    public long MinOffset { get; set; }

    /// <summary>The queue's maximum offset.</summary>
    public long MaxOffset { get; set; }

    /// <summary>The outcome.</summary>
    public PullStatus Status { get; set; }

    /// <summary>The broker id (0 master) the broker suggests pulling from next.</summary>
    public long SuggestWhichBrokerId { get; set; }

    /// <summary>
    /// The raw response body (Go keeps it on the result). The client's own pulls leave it empty: they decode the
    /// messages (<see cref="GetMessageExts"/>) while the transport lends them the response, whose pooled frame then
    /// serves the next read.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The decoded messages (Go: <c>GetMessageExts</c>).</summary>
    public List<MessageExt> GetMessageExts() => _messageExts;

    /// <summary>Sets the decoded messages (Go: <c>SetMessageExts</c>).</summary>
    public void SetMessageExts(List<MessageExt>? messageExts) => _messageExts = messageExts ?? [];

    /// <summary>The decoded messages as their <see cref="Message"/> part (Go: <c>GetMessages</c>).</summary>
    public List<Message> GetMessages() => new(_messageExts);

    /// <inheritdoc />
    public override string ToString()
        => $"PullResult [pullStatus={Status}, nextBeginOffset={NextBeginOffset}, minOffset={MinOffset}, maxOffset={MaxOffset}, msgFoundList={_messageExts.Count}]";
}
