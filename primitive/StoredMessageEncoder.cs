using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The raw fields of one stored message, input of <see cref="StoredMessageEncoder"/>. <see cref="Body"/> is stored
/// as given: compress it first and set <see cref="MessageSysFlag.Compressed"/> for a compressed message.
/// </summary>
internal ref struct StoredMessageFields
{
    /// <summary>The body bytes as stored.</summary>
    public ReadOnlySpan<byte> Body;

    /// <summary>The user flag.</summary>
    public int Flag;

    /// <summary>The properties in wire form (see <see cref="MessageProperties"/>); used when not null.</summary>
    public string? Properties;

    /// <summary>The properties as UTF-8 wire bytes; used when <see cref="Properties"/> is null.</summary>
    public ReadOnlySpan<byte> PropertiesUtf8;

    /// <summary>The topic.</summary>
    public string Topic;

    /// <summary>The queue id.</summary>
    public int QueueId;

    /// <summary>The consume queue offset.</summary>
    public long QueueOffset;

    /// <summary>The commit log offset.</summary>
    public long CommitLogOffset;

    /// <summary>System flag; the IPv6 host bits are set from <see cref="BornHost"/> and <see cref="StoreHost"/>.</summary>
    public int SysFlag;

    /// <summary>Unix ms when the producer created the message.</summary>
    public long BornTimestamp;

    /// <summary>The producer's address.</summary>
    public IPEndPoint BornHost;

    /// <summary>Unix ms when the broker stored the message.</summary>
    public long StoreTimestamp;

    /// <summary>The broker's address.</summary>
    public IPEndPoint StoreHost;

    /// <summary>How many times the message was redelivered.</summary>
    public int ReconsumeTimes;

    /// <summary>The half message's commit log offset for transactional messages.</summary>
    public long PreparedTransactionOffset;
}

/// <summary>
/// Writes messages in the broker's store layout (see <see cref="StoredMessage"/>), the bytes of a commit log and of
/// pull response bodies (Java: <c>MessageDecoder.encode</c> / CommitLog's encoder). Computes the total size and the
/// body CRC; uses magic V1 and a 1-byte topic length unless the topic is longer than 127 UTF-8 bytes (then V2).
/// </summary>
internal static class StoredMessageEncoder
{
    /// <summary>The longest topic that still fits magic V1's signed 1-byte length.</summary>
    public const int MaxV1TopicLength = 127;

    /// <summary>The encoded size of <paramref name="fields"/>.</summary>
    public static int GetEncodedLength(in StoredMessageFields fields)
    {
        var topicLength = Encoding.UTF8.GetByteCount(fields.Topic);
        return Layout(fields, topicLength, PropertiesLength(fields), out _, out _);
    }

    /// <summary>Writes the record and returns its size.</summary>
    /// <exception cref="MQClientException">The topic or properties are too long for the layout.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Encode(in StoredMessageFields fields, Span<byte> destination)
    {
        var topicLength = Encoding.UTF8.GetByteCount(fields.Topic);
        var propertiesLength = PropertiesLength(fields);
        var total = Layout(fields, topicLength, propertiesLength, out var sysFlag, out var magic);
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes, the message needs {total}", nameof(destination));
        }

        var span = destination[..total];
        BinaryPrimitives.WriteInt32BigEndian(span, total);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], magic);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], Crc32.JavaCrc32(fields.Body));
        BinaryPrimitives.WriteInt32BigEndian(span[12..], fields.QueueId);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], fields.Flag);
        BinaryPrimitives.WriteInt64BigEndian(span[20..], fields.QueueOffset);
        BinaryPrimitives.WriteInt64BigEndian(span[28..], fields.CommitLogOffset);
        BinaryPrimitives.WriteInt32BigEndian(span[36..], sysFlag);
        BinaryPrimitives.WriteInt64BigEndian(span[40..], fields.BornTimestamp);
        var position = StoredMessage.BornHostPosition + WriteHost(fields.BornHost, span[StoredMessage.BornHostPosition..]);
        BinaryPrimitives.WriteInt64BigEndian(span[position..], fields.StoreTimestamp);
        position += 8;
        position += WriteHost(fields.StoreHost, span[position..]);
        BinaryPrimitives.WriteInt32BigEndian(span[position..], fields.ReconsumeTimes);
        BinaryPrimitives.WriteInt64BigEndian(span[(position + 4)..], fields.PreparedTransactionOffset);
        position += 12;
        BinaryPrimitives.WriteInt32BigEndian(span[position..], fields.Body.Length);
        position += 4;
        fields.Body.CopyTo(span[position..]);
        position += fields.Body.Length;
        if (magic == StoredMessage.MagicCodeV1)
        {
            span[position++] = (byte)topicLength;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)topicLength);
            position += 2;
        }

        position += Encoding.UTF8.GetBytes(fields.Topic, span[position..]);
        BinaryPrimitives.WriteInt16BigEndian(span[position..], (short)propertiesLength);
        position += 2;
        if (fields.Properties is not null)
        {
            position += Encoding.UTF8.GetBytes(fields.Properties, span[position..]);
        }
        else
        {
            fields.PropertiesUtf8.CopyTo(span[position..]);
            position += propertiesLength;
        }

        return position;
    }

    /// <summary>Writes the record into <paramref name="output"/> and returns its size.</summary>
    public static int Encode(in StoredMessageFields fields, IBufferWriter<byte> output)
    {
        var length = GetEncodedLength(fields);
        var written = Encode(fields, output.GetSpan(length));
        output.Advance(written);
        return written;
    }

    /// <summary>Encodes into a new array; for tests and tools.</summary>
    public static byte[] EncodeToArray(in StoredMessageFields fields)
    {
        var buffer = new byte[GetEncodedLength(fields)];
        Encode(fields, buffer);
        return buffer;
    }

    private static int PropertiesLength(in StoredMessageFields fields)
        => fields.Properties is not null ? Encoding.UTF8.GetByteCount(fields.Properties) : fields.PropertiesUtf8.Length;

    private static int Layout(in StoredMessageFields fields, int topicLength, int propertiesLength, out int sysFlag, out int magic)
    {
        ArgumentNullException.ThrowIfNull(fields.Topic);
        ArgumentNullException.ThrowIfNull(fields.BornHost);
        ArgumentNullException.ThrowIfNull(fields.StoreHost);
        if (propertiesLength > MessageProperties.MaxLength)
        {
            throw new MQClientException($"properties of {propertiesLength} bytes exceed the limit of {MessageProperties.MaxLength}");
        }

        if (topicLength > ushort.MaxValue)
        {
            throw new MQClientException($"topic of {topicLength} bytes is too long");
        }

        magic = topicLength > MaxV1TopicLength ? StoredMessage.MagicCodeV2 : StoredMessage.MagicCodeV1;
        sysFlag = fields.SysFlag & ~(MessageSysFlag.BornHostV6 | MessageSysFlag.StoreHostV6);
        var bornLength = AddressLength(fields.BornHost.Address);
        var storeLength = AddressLength(fields.StoreHost.Address);
        if (bornLength == 16)
        {
            sysFlag |= MessageSysFlag.BornHostV6;
        }

        if (storeLength == 16)
        {
            sysFlag |= MessageSysFlag.StoreHostV6;
        }

        return StoredMessage.BornHostPosition + bornLength + 4 + 8 + storeLength + 4 + 4 + 8
            + 4 + fields.Body.Length
            + (magic == StoredMessage.MagicCodeV1 ? 1 : 2) + topicLength
            + 2 + propertiesLength;
    }

    private static int AddressLength(IPAddress address)
        => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !address.IsIPv4MappedToIPv6 ? 16 : 4;

    private static int WriteHost(IPEndPoint host, Span<byte> destination)
    {
        var address = HostAddress.AddressBytes(host.Address, destination);
        BinaryPrimitives.WriteInt32BigEndian(destination[address.Length..], host.Port);
        return address.Length + 4;
    }
}
