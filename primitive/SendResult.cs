namespace RocketMQ.Go.Port.Primitive;

/// <summary>Outcome of a send (Go: <c>primitive.SendStatus</c>; Java: <c>SendStatus</c>).</summary>
public enum SendStatus
{
    /// <summary>Stored (Java SEND_OK).</summary>
    SendOK = 0,

    /// <summary>Stored, but the broker's disk flush timed out (Java SEND_FLUSH_DISK_TIMEOUT, response code 10).</summary>
    SendFlushDiskTimeout = 1,

    /// <summary>Stored, but replication to the slave timed out (Java SEND_FLUSH_SLAVE_TIMEOUT, response code 12).</summary>
    SendFlushSlaveTimeout = 2,

    /// <summary>Stored, but no slave is available (Java SEND_SLAVE_NOT_AVAILABLE, response code 11).</summary>
    SendSlaveNotAvailable = 3,

    /// <summary>Unknown: no answer was interpreted (Go's initial value).</summary>
    SendUnknownError = 4,
}

/// <summary>Helpers for <see cref="SendStatus"/>.</summary>
public static class SendStatusExtensions
{
    /// <summary>Java's name of the status, as Java clients and tools print it.</summary>
    public static string ToJavaName(this SendStatus status) => status switch
    {
        SendStatus.SendOK => "SEND_OK",
        SendStatus.SendFlushDiskTimeout => "FLUSH_DISK_TIMEOUT",
        SendStatus.SendFlushSlaveTimeout => "FLUSH_SLAVE_TIMEOUT",
        SendStatus.SendSlaveNotAvailable => "SLAVE_NOT_AVAILABLE",
        _ => "UNKNOWN_ERROR",
    };
}

/// <summary>Result of a send (Go: <c>primitive.SendResult</c>).</summary>
public class SendResult
{
    /// <summary>The outcome; <see cref="SendStatus.SendUnknownError"/> until set (Go: <c>NewSendResult</c>).</summary>
    public SendStatus Status { get; set; } = SendStatus.SendUnknownError;

    /// <summary>The unique id(s) of the message; for a batch, the ids joined by commas.</summary>
    public string MsgID { get; set; } = string.Empty;

    /// <summary>The queue the message went to.</summary>
    public MessageQueue? MessageQueue { get; set; }

    /// <summary>The message's offset in the queue (the first one for a batch).</summary>
    public long QueueOffset { get; set; }

    /// <summary>The transaction id, for transactional sends.</summary>
    public string? TransactionID { get; set; }

    /// <summary>The broker's offset message id(s); comma separated for a batch.</summary>
    public string OffsetMsgID
    {
        get
        {
            if (Volatile.Read(ref _offsetMsgIdPending))
            {
                // Many callers never look at it: the hex text is made on first read.
                _offsetMsgId = HexOf(_offsetMsgIdHigh, _offsetMsgIdLow);
                Volatile.Write(ref _offsetMsgIdPending, false);
            }

            return _offsetMsgId;
        }

        set
        {
            _offsetMsgId = value;
            Volatile.Write(ref _offsetMsgIdPending, false);
        }
    }

    private string _offsetMsgId = string.Empty;
    private ulong _offsetMsgIdHigh;
    private ulong _offsetMsgIdLow;
    private bool _offsetMsgIdPending;

    /// <summary>
    /// Sets <see cref="OffsetMsgID"/> from the response's ASCII bytes without making the string yet; false (nothing
    /// set) unless they are the 32 upper-case hex digits of an IPv4 broker's id, which is what the text is made from.
    /// </summary>
    internal bool TrySetOffsetMsgIDHex(ReadOnlySpan<byte> ascii)
    {
        Span<byte> raw = stackalloc byte[16];
        if (ascii.Length != 32 || !TryParseUpperHex(ascii, raw))
        {
            return false;
        }

        _offsetMsgIdHigh = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw);
        _offsetMsgIdLow = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw[8..]);
        Volatile.Write(ref _offsetMsgIdPending, true);
        return true;
    }

    private static bool TryParseUpperHex(ReadOnlySpan<byte> ascii, Span<byte> raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var high = UpperHexValue(ascii[2 * i]);
            var low = UpperHexValue(ascii[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            raw[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int UpperHexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static string HexOf(ulong high, ulong low)
    {
        Span<byte> raw = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw, high);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(raw[8..], low);
        return Convert.ToHexString(raw);
    }

    /// <summary>The broker's region (MSG_REGION of the response).</summary>
    public string? RegionID { get; set; }

    /// <summary>Whether the broker's region has tracing on (TRACE_ON of the response).</summary>
    public bool TraceOn { get; set; }

    /// <summary>Java's format, so logs compare with Java clients' (Go prints the status as a number).</summary>
    public override string ToString()
        => $"SendResult [sendStatus={Status.ToJavaName()}, msgId={MsgID}, offsetMsgId={OffsetMsgID}, messageQueue={MessageQueue?.ToString() ?? "nil"}, queueOffset={QueueOffset}]";
}

/// <summary>Result of a transactional send (Go: <c>primitive.TransactionSendResult</c>).</summary>
public sealed class TransactionSendResult : SendResult
{
    /// <summary>The local transaction state the listener returned.</summary>
    public LocalTransactionState State { get; set; }
}
