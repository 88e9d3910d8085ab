using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Decodes stored messages into <see cref="MessageExt"/> (Go: <c>primitive.DecodeMessage</c>; Java:
/// <c>MessageDecoder.decodes</c>). Reads the magic code to size the topic length (Go assumes 1 byte), handles IPv6
/// hosts and inflates zlib bodies. Malformed input raises <see cref="RemotingProtocolException"/> instead of
/// silently dropping the rest of the body as Java does.
/// </summary>
public static class MessageDecoder
{
    /// <summary>A compressed body inflating beyond this is refused as corrupt.</summary>
    public const int MaxDecompressedBodySize = 128 * 1024 * 1024;

    /// <summary>
    /// Decodes every message of a pull body. When <paramref name="queue"/> is given, every message's
    /// <see cref="Message.Queue"/> is set to it.
    /// </summary>
    public static List<MessageExt> DecodeMessages(ReadOnlySpan<byte> body, MessageQueue? queue = null)
    {
        // A first look counts the records and their property bytes, so the list is sized once and one array holds
        // every message's stored properties (the body itself goes back to the connection's pool).
        var count = 0;
        var propertyBytes = 0;
        for (var rest = body; !rest.IsEmpty; count++)
        {
            propertyBytes += StoredMessage.Read(rest, out var consumed).Properties.Length;
            rest = rest[consumed..];
        }

        var messages = new List<MessageExt>(count);
        var properties = propertyBytes == 0 ? [] : GC.AllocateUninitializedArray<byte>(propertyBytes);
        var cache = default(DecodeCache);
        var at = 0;
        while (!body.IsEmpty)
        {
            var stored = StoredMessage.Read(body, out var consumed);
            var length = stored.Properties.Length;
            stored.Properties.CopyTo(properties.AsSpan(at));
            messages.Add(ToMessageExt(stored, queue, properties.AsMemory(at, length), ref cache));
            at += length;
            body = body[consumed..];
        }

        return messages;
    }

    /// <summary>Decodes the single message at the start of <paramref name="data"/>.</summary>
    public static MessageExt Decode(ReadOnlySpan<byte> data)
    {
        return ToMessageExt(StoredMessage.Read(data, out _));
    }

    /// <summary>Builds a <see cref="MessageExt"/> from a record view, inflating a compressed body.</summary>
    public static MessageExt ToMessageExt(in StoredMessage stored)
    {
        var cache = default(DecodeCache);
        return ToMessageExt(stored, null, stored.Properties.ToArray(), ref cache);
    }

    /// <summary>
    /// Inflates a body compressed with <paramref name="sysFlag"/>'s compression type (zlib, the only one 4.x
    /// clients write).
    /// </summary>
    /// <exception cref="MQClientException">LZ4 or ZSTD, which this client does not support.</exception>
    /// <exception cref="RemotingProtocolException">The data is not valid zlib or inflates beyond the limit.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int sysFlag)
    {
        var type = sysFlag & MessageSysFlag.CompressionTypeMask;
        if (type != 0 && type != MessageSysFlag.CompressionZlibType)
        {
            throw new MQClientException($"unsupported body compression type {type >> 8} (only zlib is supported)");
        }

        var rented = ArrayPool<byte>.Shared.Rent(compressed.Length);
        try
        {
            compressed.CopyTo(rented);
            using var input = new MemoryStream(rented, 0, compressed.Length, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Min(compressed.Length * 4, MaxDecompressedBodySize));
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = zlib.Read(chunk, 0, chunk.Length)) > 0)
                {
                    if (output.Length + read > MaxDecompressedBodySize)
                    {
                        throw new RemotingProtocolException($"compressed body inflates beyond {MaxDecompressedBodySize} bytes");
                    }

                    output.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new RemotingProtocolException($"compressed body is not valid zlib data: {e.Message}", inner: e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static MessageExt ToMessageExt(in StoredMessage stored, MessageQueue? queue, ReadOnlyMemory<byte> properties, ref DecodeCache cache)
    {
        var message = new MessageExt(properties)
        {
            Topic = cache.Topic(stored.Topic),
            Body = (stored.SysFlag & MessageSysFlag.Compressed) != 0 ? Decompress(stored.Body, stored.SysFlag) : stored.Body.ToArray(),
            Flag = stored.Flag,
            Queue = queue,
            QueueId = stored.QueueId,
            StoreSize = stored.TotalSize,
            QueueOffset = stored.QueueOffset,
            SysFlag = stored.SysFlag,
            BornTimestamp = stored.BornTimestamp,
            StoreTimestamp = stored.StoreTimestamp,
            CommitLogOffset = stored.CommitLogOffset,
            BodyCRC = stored.BodyCRC,
            ReconsumeTimes = stored.ReconsumeTimes,
            PreparedTransactionOffset = stored.PreparedTransactionOffset,
        };
        message.SetHosts(new HostAddress(stored.BornHostAddress, stored.BornHostPort), new HostAddress(stored.StoreHostAddress, stored.StoreHostPort));
        return message;
    }

    /// <summary>Strings shared by the messages of one pull body: they usually have the same topic.</summary>
    private struct DecodeCache
    {
        private string? _topic;

        public string Topic(ReadOnlySpan<byte> utf8)
        {
            var topic = _topic;
            if (topic is not null && topic.Length == utf8.Length && Ascii.Equals(utf8, topic))
            {
                return topic;
            }

            return _topic = Encoding.UTF8.GetString(utf8);
        }
    }
}
