using System.Buffers.Binary;
using System.Net;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A zero-copy view of one message in the broker's store layout (the records a pull body concatenates):
/// int32 totalSize, int32 magic, int32 bodyCRC, int32 queueId, int32 flag, int64 queueOffset, int64 commitLogOffset,
/// int32 sysFlag, int64 bornTimestamp, born host (4 or 16 address bytes, int32 port), int64 storeTimestamp, store
/// host (same), int32 reconsumeTimes, int64 preparedTransactionOffset, int32 bodyLength + body, topic length (1 byte
/// for magic V1, 2 for V2) + topic, int16 propertiesLength + properties. Big-endian.
/// Read with <see cref="Read"/>; the spans point into the input.
/// </summary>
public readonly ref struct StoredMessage
{
    /// <summary>Magic code of the classic layout: 1-byte topic length.</summary>
    public const int MagicCodeV1 = -626843481;

    /// <summary>Magic code of the 5.x layout for long topics: 2-byte topic length.</summary>
    public const int MagicCodeV2 = -626843477;

    /// <summary>Where the queue offset sits; the broker sets it when it appends the record.</summary>
    internal const int QueueOffsetPosition = 20;

    /// <summary>Where the commit log offset sits; the broker sets it when it appends the record.</summary>
    internal const int CommitLogOffsetPosition = 28;

    /// <summary>Where the system flag sits.</summary>
    internal const int SysFlagPosition = 36;

    /// <summary>Size of the fixed fields before the born host.</summary>
    internal const int BornHostPosition = 48;

    /// <summary>Smallest possible record: IPv4 hosts, V1 magic, empty body, topic and properties.</summary>
    internal const int MinimumSize = BornHostPosition + 8 + 8 + 8 + 4 + 8 + 4 + 1 + 2;

    /// <summary>The total size of the record, as stored in its first field.</summary>
    public int TotalSize { get; init; }

    /// <summary>The magic code, <see cref="MagicCodeV1"/> or <see cref="MagicCodeV2"/>.</summary>
    public int MagicCode { get; init; }

    /// <summary>CRC32 of the stored body (Java's non-negative form).</summary>
    public int BodyCRC { get; init; }

    /// <summary>The queue id.</summary>
    public int QueueId { get; init; }

    /// <summary>The user flag.</summary>
    public int Flag { get; init; }

    /// <summary>The consume queue offset.</summary>
    public long QueueOffset { get; init; }

    /// <summary>The commit log offset.</summary>
    public long CommitLogOffset { get; init; }

    /// <summary>The system flag (see <see cref="MessageSysFlag"/>).</summary>
    public int SysFlag { get; init; }

    /// <summary>Unix ms when the producer created the message.</summary>
    public long BornTimestamp { get; init; }

    /// <summary>The born host's 4 or 16 address bytes.</summary>
    public ReadOnlySpan<byte> BornHostAddress { get; init; }

    /// <summary>The born host's port.</summary>
    public int BornHostPort { get; init; }

    /// <summary>Unix ms when the broker stored the message.</summary>
    public long StoreTimestamp { get; init; }

    /// <summary>The store host's 4 or 16 address bytes.</summary>
    public ReadOnlySpan<byte> StoreHostAddress { get; init; }

    /// <summary>The store host's port.</summary>
    public int StoreHostPort { get; init; }

    /// <summary>How many times the message was redelivered.</summary>
    public int ReconsumeTimes { get; init; }

    /// <summary>The half message's commit log offset for transactional messages.</summary>
    public long PreparedTransactionOffset { get; init; }

    /// <summary>The body as stored (still compressed when <see cref="SysFlag"/> has <see cref="MessageSysFlag.Compressed"/>).</summary>
    public ReadOnlySpan<byte> Body { get; init; }

    /// <summary>The topic, UTF-8.</summary>
    public ReadOnlySpan<byte> Topic { get; init; }

    /// <summary>The properties in wire form, UTF-8 (see <see cref="MessageProperties"/>).</summary>
    public ReadOnlySpan<byte> Properties { get; init; }

    /// <summary>The born host as an endpoint (allocates).</summary>
    internal IPEndPoint BornHost => new(new IPAddress(BornHostAddress), BornHostPort);

    /// <summary>The store host as an endpoint (allocates).</summary>
    internal IPEndPoint StoreHost => new(new IPAddress(StoreHostAddress), StoreHostPort);

    /// <summary>The offset message id of this record (store host + commit log offset).</summary>
    public string OffsetMsgId => MessageId.Create(StoreHostAddress, StoreHostPort, CommitLogOffset);

    /// <summary>
    /// Reads the record at the start of <paramref name="data"/>; <paramref name="consumed"/> is its total size.
    /// </summary>
    /// <exception cref="RemotingProtocolException">The record is truncated, has a bad magic code or inconsistent lengths.</exception>
    public static StoredMessage Read(ReadOnlySpan<byte> data, out int consumed)
    {
        if (Check(data, out var layout) is { } error)
        {
            throw new RemotingProtocolException(error);
        }

        consumed = layout.TotalSize;
        return From(data, layout);
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="data"/> when it is complete and consistent, and its properties
    /// end where its total size says (as every record the encoder writes): the check a store runs on what it recovers.
    /// </summary>
    internal static bool TryReadExact(ReadOnlySpan<byte> data, out StoredMessage message)
    {
        if (Check(data, out var layout) is not null || layout.PropertiesPosition + layout.PropertiesLength != layout.TotalSize)
        {
            message = default;
            return false;
        }

        message = From(data, layout);
        return true;
    }

    /// <summary>True when <paramref name="data"/> starts with a record <see cref="TryReadExact"/> accepts.</summary>
    internal static bool IsExact(ReadOnlySpan<byte> data) => TryReadExact(data, out _);

    /// <summary>The totalSize field of the record at the start of <paramref name="data"/>.</summary>
    internal static int TotalSizeOf(ReadOnlySpan<byte> data) => BinaryPrimitives.ReadInt32BigEndian(data);

    // Null when the record is readable; otherwise what is wrong with it (built only then: decoding allocates nothing).
    private static string? Check(ReadOnlySpan<byte> data, out Layout layout)
    {
        layout = default;
        if (data.Length < 8)
        {
            return Truncated(data.Length, 8);
        }

        var totalSize = BinaryPrimitives.ReadInt32BigEndian(data);
        var magic = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        if (magic != MagicCodeV1 && magic != MagicCodeV2)
        {
            return $"stored message has magic code {magic}, expected {MagicCodeV1} or {MagicCodeV2}";
        }

        if (totalSize < MinimumSize)
        {
            return $"stored message total size {totalSize} is below the minimum of {MinimumSize}";
        }

        if (totalSize > data.Length)
        {
            return Truncated(data.Length, totalSize);
        }

        var record = data[..totalSize];
        var sysFlag = BinaryPrimitives.ReadInt32BigEndian(record[SysFlagPosition..]);
        var bornLength = (sysFlag & MessageSysFlag.BornHostV6) != 0 ? 16 : 4;
        var storeLength = (sysFlag & MessageSysFlag.StoreHostV6) != 0 ? 16 : 4;
        var storeTimestampPosition = BornHostPosition + bornLength + 4;
        var storeHostPosition = storeTimestampPosition + 8;
        var reconsumePosition = storeHostPosition + storeLength + 4;
        var bodyLengthPosition = reconsumePosition + 4 + 8;
        var topicLengthSize = magic == MagicCodeV1 ? 1 : 2;
        if (bodyLengthPosition + 4 + topicLengthSize + 2 > totalSize)
        {
            return Inconsistent(totalSize, "host fields");
        }

        var bodyLength = BinaryPrimitives.ReadInt32BigEndian(record[bodyLengthPosition..]);
        var topicLengthPosition = bodyLengthPosition + 4 + bodyLength;
        if (bodyLength < 0 || bodyLength > totalSize - bodyLengthPosition - 4 - topicLengthSize - 2)
        {
            return Inconsistent(totalSize, $"body length {bodyLength}");
        }

        var topicLength = topicLengthSize == 1 ? record[topicLengthPosition] : BinaryPrimitives.ReadUInt16BigEndian(record[topicLengthPosition..]);
        var topicPosition = topicLengthPosition + topicLengthSize;
        var propertiesLengthPosition = topicPosition + topicLength;
        if (propertiesLengthPosition + 2 > totalSize)
        {
            return Inconsistent(totalSize, $"topic length {topicLength}");
        }

        var propertiesLength = BinaryPrimitives.ReadInt16BigEndian(record[propertiesLengthPosition..]);
        var propertiesPosition = propertiesLengthPosition + 2;
        if (propertiesLength < 0 || propertiesPosition + propertiesLength > totalSize)
        {
            return Inconsistent(totalSize, $"properties length {propertiesLength}");
        }

        layout = new Layout(totalSize, magic, sysFlag, bornLength, storeLength, storeTimestampPosition, storeHostPosition, reconsumePosition,
            bodyLengthPosition + 4, bodyLength, topicPosition, topicLength, propertiesPosition, propertiesLength);
        return null;
    }

    private static StoredMessage From(ReadOnlySpan<byte> data, scoped in Layout l)
    {
        var record = data[..l.TotalSize];
        return new StoredMessage
        {
            TotalSize = l.TotalSize,
            MagicCode = l.Magic,
            BodyCRC = BinaryPrimitives.ReadInt32BigEndian(record[8..]),
            QueueId = BinaryPrimitives.ReadInt32BigEndian(record[12..]),
            Flag = BinaryPrimitives.ReadInt32BigEndian(record[16..]),
            QueueOffset = BinaryPrimitives.ReadInt64BigEndian(record[QueueOffsetPosition..]),
            CommitLogOffset = BinaryPrimitives.ReadInt64BigEndian(record[CommitLogOffsetPosition..]),
            SysFlag = l.SysFlag,
            BornTimestamp = BinaryPrimitives.ReadInt64BigEndian(record[40..]),
            BornHostAddress = record.Slice(BornHostPosition, l.BornLength),
            BornHostPort = BinaryPrimitives.ReadInt32BigEndian(record[(BornHostPosition + l.BornLength)..]),
            StoreTimestamp = BinaryPrimitives.ReadInt64BigEndian(record[l.StoreTimestampPosition..]),
            StoreHostAddress = record.Slice(l.StoreHostPosition, l.StoreLength),
            StoreHostPort = BinaryPrimitives.ReadInt32BigEndian(record[(l.StoreHostPosition + l.StoreLength)..]),
            ReconsumeTimes = BinaryPrimitives.ReadInt32BigEndian(record[l.ReconsumePosition..]),
            PreparedTransactionOffset = BinaryPrimitives.ReadInt64BigEndian(record[(l.ReconsumePosition + 4)..]),
            Body = record.Slice(l.BodyPosition, l.BodyLength),
            Topic = record.Slice(l.TopicPosition, l.TopicLength),
            Properties = record.Slice(l.PropertiesPosition, l.PropertiesLength),
        };
    }

    private static string Truncated(int available, int needed) => $"stored message truncated: {available} bytes available, {needed} needed";

    private static string Inconsistent(int totalSize, string what) => $"stored message of total size {totalSize} has an inconsistent {what}";

    private readonly record struct Layout(int TotalSize, int Magic, int SysFlag, int BornLength, int StoreLength, int StoreTimestampPosition,
        int StoreHostPosition, int ReconsumePosition, int BodyPosition, int BodyLength, int TopicPosition, int TopicLength,
        int PropertiesPosition, int PropertiesLength);
}
