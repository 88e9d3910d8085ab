using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Writes a message in the stored layout (Java: CommitLog.MessageExtEncoder). The queue offset and commit-log offset
/// are written as zero and patched by the store when it appends, so encoding happens outside the store's lock.
/// </summary>
internal static class MessageEncoder
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _properties;

    /// <summary>Largest property string Java accepts (Short.MAX_VALUE).</summary>
    public const int MaxPropertiesLength = short.MaxValue;

    /// <summary>Encodes into <paramref name="output"/>; returns the record length, or -1 when properties are too long.</summary>
    public static int Encode(MessageInner message, long storeTimestamp, ArrayBufferWriter<byte> output)
        => Encode(message, message.Flag, message.Body.Span, default, storeTimestamp, output);

    /// <summary>
    /// Encodes one message; a batch item passes its own flag, body and raw property bytes, which Java writes
    /// verbatim before the batch's own properties.
    /// </summary>
    public static int Encode(MessageInner message, int flag, ReadOnlySpan<byte> body, ReadOnlySpan<byte> rawProperties,
        long storeTimestamp, ArrayBufferWriter<byte> output)
    {
        var properties = _properties ??= new ArrayBufferWriter<byte>(1024);
        properties.ResetWrittenCount();
        if (!rawProperties.IsEmpty)
        {
            properties.Write(rawProperties);
            if (message.Properties.Count > 0 && rawProperties[^1] != (byte)MessageProperties.PropertySeparator)
            {
                properties.Write([(byte)MessageProperties.PropertySeparator]);
            }
        }

        message.Properties.WriteTo(properties);
        if (properties.WrittenCount > MaxPropertiesLength || Encoding.UTF8.GetByteCount(message.Topic) > StoredMessageEncoder.MaxV1TopicLength)
        {
            return -1;
        }

        var fields = new StoredMessageFields
        {
            Body = body,
            Flag = flag,
            PropertiesUtf8 = properties.WrittenSpan,
            Topic = message.Topic,
            QueueId = message.QueueId,
            SysFlag = message.SysFlag,
            BornTimestamp = message.BornTimestamp,
            BornHost = message.BornHost,
            StoreTimestamp = storeTimestamp,
            StoreHost = message.StoreHost,
            ReconsumeTimes = message.ReconsumeTimes,
            PreparedTransactionOffset = message.PreparedTransactionOffset,
        };
        return StoredMessageEncoder.Encode(fields, output);
    }

    /// <summary>Java's tagsString2tagsCode: the tag's String.hashCode (0 without tags).</summary>
    public static long TagsCode(PropertyMap properties)
        => properties.TryGet(PropertyKeys.Tags, out var tags) && tags.Length > 0
            ? Primitive.JavaHash.StringHashCode(tags.Span)
            : 0;

    /// <summary>The offset message id: store host address, port and commit-log offset, upper-case hex.</summary>
    public static string OffsetMessageId(IPEndPoint storeHost, long commitLogOffset) => MessageId.Create(storeHost, commitLogOffset);

    /// <summary>Parses an offset message id back to its commit-log offset; false when it is not one.</summary>
    public static bool TryParseOffsetMessageId(string id, out long commitLogOffset)
    {
        var ok = MessageId.TryParse(id, out var parsed);
        commitLogOffset = ok ? parsed.Offset : 0;
        return ok;
    }
}
