using System.Buffers;
using System.Buffers.Binary;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The body of SEND_BATCH_MESSAGE (Go: <c>Message.Marshal</c> + producer's <c>MarshalMessageBatch</c>; Java:
/// <c>MessageDecoder.encodeMessages/decodeMessages</c>): per message int32 totalSize, int32 magic (0), int32 bodyCRC
/// (0), int32 flag, int32 bodyLength + body, int16 propertiesLength + properties. Magic and CRC are written as 0, as
/// Java 4.9 writes them. Each message should carry its own UNIQ_KEY: call
/// <see cref="MessageClientId.SetUniqId"/> on each before encoding (Go forgets this for batches).
/// </summary>
public static class MessageBatch
{
    private const int FixedSize = 4 + 4 + 4 + 4 + 4 + 2;
    private const int MaxKeptBuffer = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_output;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_properties;

    /// <summary>Appends the batch encoding of <paramref name="messages"/> to <paramref name="output"/>; returns the bytes written.</summary>
    /// <exception cref="MQClientException">A message's properties exceed 32767 bytes.</exception>
    public static int Encode(IReadOnlyList<Message> messages, IBufferWriter<byte> output)
    {
        var total = 0;
        var properties = t_properties ??= new ArrayBufferWriter<byte>(256);
        for (var i = 0; i < messages.Count; i++)
        {
            total += EncodeOne(messages[i], output, properties);
        }

        if (properties.Capacity > MaxKeptBuffer)
        {
            t_properties = null;
        }

        return total;
    }

    /// <summary>The batch encoding of <paramref name="messages"/> in a new array of exactly its size.</summary>
    public static byte[] Encode(IReadOnlyList<Message> messages)
    {
        // Built in a per-thread buffer: the exact array is then the only allocation of a batch send's body.
        var output = t_output ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        Encode(messages, output);
        var encoded = output.WrittenSpan.ToArray();
        if (output.Capacity > MaxKeptBuffer)
        {
            t_output = null; // a huge batch: don't keep its buffer on this thread
        }

        return encoded;
    }

    /// <summary>The batch encoding of one message (Go: <c>Message.Marshal</c>).</summary>
    public static byte[] Marshal(Message message) => Encode([message]);

    /// <summary>Decodes a batch body into its messages (topic left empty: it travels in the request header).</summary>
    /// <exception cref="RemotingProtocolException">A record is truncated or its lengths are inconsistent.</exception>
    public static List<Message> Decode(ReadOnlySpan<byte> body)
    {
        var messages = new List<Message>();
        while (!body.IsEmpty)
        {
            if (body.Length < FixedSize)
            {
                throw new RemotingProtocolException($"batch record truncated: {body.Length} bytes left, at least {FixedSize} needed");
            }

            var totalSize = BinaryPrimitives.ReadInt32BigEndian(body);
            if (totalSize < FixedSize || totalSize > body.Length)
            {
                throw new RemotingProtocolException($"batch record total size {totalSize} does not fit the {body.Length} bytes left");
            }

            var record = body[..totalSize];
            var flag = BinaryPrimitives.ReadInt32BigEndian(record[12..]);
            var bodyLength = BinaryPrimitives.ReadInt32BigEndian(record[16..]);
            if (bodyLength < 0 || bodyLength > totalSize - FixedSize)
            {
                throw new RemotingProtocolException($"batch record body length {bodyLength} does not fit its total size {totalSize}");
            }

            var propertiesPosition = 20 + bodyLength;
            var propertiesLength = BinaryPrimitives.ReadInt16BigEndian(record[propertiesPosition..]);
            if (propertiesLength < 0 || propertiesPosition + 2 + propertiesLength != totalSize)
            {
                throw new RemotingProtocolException($"batch record properties length {propertiesLength} does not match its total size {totalSize}");
            }

            var message = new Message
            {
                Flag = flag,
                Body = record.Slice(20, bodyLength).ToArray(),
            };
            message.UnmarshalProperties(record.Slice(propertiesPosition + 2, propertiesLength));
            messages.Add(message);
            body = body[totalSize..];
        }

        return messages;
    }

    private static int EncodeOne(Message message, IBufferWriter<byte> output, ArrayBufferWriter<byte> properties)
    {
        properties.ResetWrittenCount();
        var propertiesLength = message.WritePropertiesUtf8(properties);
        if (propertiesLength > MessageProperties.MaxLength)
        {
            throw new MQClientException($"properties of {propertiesLength} bytes exceed the limit of {MessageProperties.MaxLength}");
        }

        var body = message.Body;
        var total = FixedSize + body.Length + propertiesLength;
        var span = output.GetSpan(total);
        BinaryPrimitives.WriteInt32BigEndian(span, total);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], 0);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], message.Flag);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], body.Length);
        body.CopyTo(span[20..]);
        BinaryPrimitives.WriteInt16BigEndian(span[(20 + body.Length)..], (short)propertiesLength);
        properties.WrittenSpan.CopyTo(span[(22 + body.Length)..]);
        output.Advance(total);
        return total;
    }
}
