using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using System.Runtime.CompilerServices;

namespace RocketMQ.Go.Port.Producer;

/// <summary>
/// Message preparation and the send request (Go: producer.go <c>messagesWithNamespace</c>, <c>encodeBatch</c>,
/// <c>tryCompressMsg</c>, <c>buildSendRequest</c>). Singles go as SEND_MESSAGE_V2 (310, short header names) and
/// batches as SEND_BATCH_MESSAGE (320), as the Java client sends them (Go sends SEND_MESSAGE, 10, with long names).
/// </summary>
internal static class SendRequest
{
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
    /// The request for one attempt to <paramref name="queue"/> (Go: <c>buildSendRequest</c>). The ext fields go as
    /// pooled <see cref="PackedExtFields"/> - numbers as numbers, the properties as UTF-8 bytes - that the codec writes
    /// straight into the frame instead of through <see cref="SendMessageRequestHeader"/>: this runs once per message.
    /// Reading <see cref="RemotingCommand.ExtFields"/> still gives the map Java's header would.
    /// </summary>
    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RemotingCommand Build(Message msg, MessageQueue queue, string group, ProducerOptions options)
    {
        var sysFlag = 0;
        ReadOnlyMemory<byte> body = msg.Body;
        if (TryCompress(msg, options.CompressMsgBodyOverHowmuch, options.CompressLevel))
        {
            body = msg.CompressedBody;

            // Java 4.9.8 also writes the compression type (zlib) into bits 8-10; Go leaves them 0.
            sysFlag |= MessageSysFlag.Compressed | MessageSysFlag.CompressionZlibType;
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
        var fields = PackedExtFields.Rent();
        fields.Add("a", group);
        fields.Add("b", msg.Topic);
        fields.Add("c", options.CreateTopicKey);
        fields.Add("d", options.DefaultTopicQueueNums);
        fields.Add("e", queue.QueueId);
        fields.Add("f", sysFlag);
        fields.Add("g", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        fields.Add("h", msg.Flag);
        msg.WritePropertiesUtf8(fields.BeginUtf8()); // a snapshot: later property changes don't reach this request
        fields.EndUtf8("i");
        fields.Add("j", "0");
        fields.Add("k", options.Client.UnitMode ? "true" : "false");
        fields.Add("m", msg.Batch ? "true" : "false");
        fields.Add("n", queue.BrokerName);
        return RemotingCommand.CreatePackedRequest(code, fields, body);
    }
}
