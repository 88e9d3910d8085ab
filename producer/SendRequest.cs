using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.ObjectPool;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Message preparation and the send request (Go: producer.go <c>messagesWithNamespace</c>, <c>encodeBatch</c>,
/// <c>tryCompressMsg</c>, <c>buildSendRequest</c>). Singles go as SEND_MESSAGE_V2 (310, short header names) and
/// batches as SEND_BATCH_MESSAGE (320), as the Java client sends them (Go sends SEND_MESSAGE, 10, with long names).
/// </summary>
internal static class SendRequest
{
    private const int CachedNumbers = 1024;
    private const int FieldCount = 13;
    private static readonly ObjectPool<Dictionary<string, string>> FieldsPool =
        new DefaultObjectPool<Dictionary<string, string>>(new FieldsPolicy(), Environment.ProcessorCount * 64);
    private static readonly string[] SmallNumbers = CreateSmallNumbers();

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _properties;

    [ThreadStatic]
    private static long _lastBornTimestamp;

    [ThreadStatic]
    private static string? _lastBornTimestampText;

    /// <summary>Puts the namespace in front of each topic, once (Go: <c>messagesWithNamespace</c>, which wraps again on every send).</summary>
    public static void WrapNamespace(Message[] msgs, string ns)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return;
        }

        foreach (var msg in msgs)
        {
            msg.Topic = Namespace.WrapNamespace(ns, msg.Topic);
        }
    }

    /// <summary>
    /// The message that goes on the wire (Go: <c>encodeBatch</c>): the message itself, or for several a batch message
    /// whose body holds them all. Every message gets its UNIQ_KEY first (Java does; Go forgets batches).
    /// </summary>
    /// <exception cref="ArgumentException">The encoded batch is larger than <paramref name="maxMessageSize"/>.</exception>
    public static Message EncodeBatch(Message[] msgs, int maxMessageSize)
    {
        if (msgs.Length == 1)
        {
            MessageClientId.SetUniqId(msgs[0]);
            return msgs[0];
        }

        foreach (var msg in msgs)
        {
            MessageClientId.SetUniqId(msg);
        }

        var body = MessageBatch.Encode(msgs);
        Validation.CheckBatchSize(body.Length, maxMessageSize);
        var batch = new Message(msgs[0].Topic, body) { Batch = true, Queue = msgs[0].Queue };

        // As Java's MessageBatch: the batch carries the first message's WAIT flag.
        var wait = msgs[0].GetProperty(PropertyKeys.WaitStoreMsgOk);
        if (wait.Length > 0)
        {
            batch.WithProperty(PropertyKeys.WaitStoreMsgOk, wait);
        }

        return batch;
    }

    /// <summary>
    /// Compresses a single body of at least <paramref name="threshold"/> bytes once (Go: <c>tryCompressMsg</c>); true
    /// when <see cref="Message.CompressedBody"/> is what goes on the wire.
    /// </summary>
    public static bool TryCompress(Message msg, int threshold, int level)
    {
        if (msg.Compress && msg.CompressedBody is not null)
        {
            return true;
        }

        if (msg.Batch || msg.Body.Length < threshold)
        {
            return false;
        }

        msg.CompressedBody = Compression.Compress(msg.Body, level);
        msg.Compress = true;
        return true;
    }

    /// <summary>
    /// The request for one attempt to <paramref name="queue"/> (Go: <c>buildSendRequest</c>). Builds the ext-field
    /// map directly with cached number strings instead of through <see cref="SendMessageRequestHeader"/>: this runs
    /// once per message.
    /// </summary>
    public static RemotingCommand Build(Message msg, MessageQueue queue, string group, ProducerOptions options)
    {
        var sysFlag = 0;
        ReadOnlyMemory<byte> body = msg.Body;
        if (TryCompress(msg, options.CompressMsgBodyOverHowmuch, options.CompressLevel))
        {
            body = msg.CompressedBody;
            sysFlag |= MessageSysFlag.Compressed;
        }

        if (string.Equals(msg.GetProperty(PropertyKeys.TransactionPrepared), "true", StringComparison.OrdinalIgnoreCase))
        {
            sysFlag |= MessageSysFlag.TransactionPreparedType;
        }

        var isReply = string.Equals(msg.GetProperty(PropertyKeys.MsgType), Constants.ReplyMessageFlag, StringComparison.Ordinal);
        var code = msg.Batch ? RequestCode.SEND_BATCH_MESSAGE
            : isReply ? RequestCode.SEND_REPLY_MESSAGE_V2
            : RequestCode.SEND_MESSAGE_V2;

        // Short names as Java's SendMessageRequestHeaderV2; see SendMessageRequestHeader.EncodeV2 for the mapping.
        var fields = FieldsPool.Get();
        fields["a"] = group;
        fields["b"] = msg.Topic;
        fields["c"] = options.CreateTopicKey;
        fields["d"] = Number(options.DefaultTopicQueueNums);
        fields["e"] = Number(queue.QueueId);
        fields["f"] = Number(sysFlag);
        fields["g"] = BornTimestamp();
        fields["h"] = Number(msg.Flag);
        fields["i"] = Properties(msg);
        fields["j"] = "0";
        fields["k"] = options.Client.UnitMode ? "true" : "false";
        fields["m"] = msg.Batch ? "true" : "false";
        fields["n"] = queue.BrokerName;
        return RemotingCommand.CreateRequest(code, fields, body);
    }

    /// <summary>
    /// Gives a request's header map back for reuse. Only call once the request was answered: the transport encodes
    /// it when it writes it, and hooks read it until the answer is handed over.
    /// </summary>
    public static void ReturnFields(RemotingCommand request, Dictionary<string, string> fields)
    {
        // ACL signing adds fields; such a map no longer has the fixed shape, so let it go.
        if (ReferenceEquals(request.ExtFields, fields) && fields.Count == FieldCount)
        {
            request.ExtFields = null;
            FieldsPool.Return(fields);
        }
    }

    /// <summary>
    /// The wire form of the properties, as <see cref="Message.MarshallProperties"/> gives it, through a per-thread
    /// buffer: only the string itself is allocated (the StringBuilder route costs about 300 bytes more per message).
    /// </summary>
    internal static string Properties(Message msg)
    {
        var buffer = _properties ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        return msg.WritePropertiesUtf8(buffer) == 0 ? string.Empty : Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Number(int value)
        => (uint)value < CachedNumbers ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

    // Sends on one thread within one millisecond share the string.
    private static string BornTimestamp()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (now != _lastBornTimestamp || _lastBornTimestampText is null)
        {
            _lastBornTimestamp = now;
            _lastBornTimestampText = now.ToString(CultureInfo.InvariantCulture);
        }

        return _lastBornTimestampText;
    }

    private sealed class FieldsPolicy : PooledObjectPolicy<Dictionary<string, string>>
    {
        public override Dictionary<string, string> Create() => new(FieldCount + 3, StringComparer.Ordinal);

        public override bool Return(Dictionary<string, string> obj)
        {
            obj.Clear();
            return true;
        }
    }

    private static string[] CreateSmallNumbers()
    {
        var numbers = new string[CachedNumbers];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return numbers;
    }
}
