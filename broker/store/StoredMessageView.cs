using System.Buffers.Binary;
using System.Net;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Reads the fields of one stored-message record (Java: MessageDecoder over the commit log layout). The record is
/// not copied; spans point into it.
/// </summary>
internal readonly ref struct StoredMessageView
{
    /// <summary>Magic of records with a 1-byte topic length.</summary>
    public const int MagicV1 = -626843481;

    /// <summary>Magic of records with a 2-byte topic length.</summary>
    public const int MagicV2 = -626843477;

    /// <summary>Marks the unused end of a Java commit-log file.</summary>
    public const int BlankMagic = -875286124;

    public const int QueueOffsetPosition = 20;
    public const int PhysicalOffsetPosition = 28;
    public const int SysFlagPosition = 36;
    public const int BornHostPosition = 48;

    private readonly ReadOnlySpan<byte> _record;
    private readonly int _storeTimestampPos;
    private readonly int _storeHostPos;
    private readonly int _afterStoreHost;
    private readonly int _bodyPos;
    private readonly int _bodyLength;
    private readonly int _topicPos;
    private readonly int _topicLength;
    private readonly int _propertiesPos;
    private readonly int _propertiesLength;

    /// <summary>Parses the record; throws <see cref="FormatException"/> when it is inconsistent.</summary>
    public StoredMessageView(ReadOnlySpan<byte> record)
    {
        if (!TryParseLayout(record, out _storeTimestampPos, out _storeHostPos, out _afterStoreHost, out _bodyPos, out _bodyLength,
                out _topicPos, out _topicLength, out _propertiesPos, out _propertiesLength))
        {
            throw new FormatException("not a valid stored message record");
        }

        _record = record[..TotalSizeOf(record)];
    }

    /// <summary>True when <paramref name="record"/> starts with a complete, consistent record.</summary>
    public static bool IsValid(ReadOnlySpan<byte> record)
        => TryParseLayout(record, out _, out _, out _, out _, out _, out _, out _, out _, out _);

    /// <summary>The totalSize field.</summary>
    public static int TotalSizeOf(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32BigEndian(record);

    public int TotalSize => _record.Length;

    public int Magic => BinaryPrimitives.ReadInt32BigEndian(_record[4..]);

    public int BodyCrc => BinaryPrimitives.ReadInt32BigEndian(_record[8..]);

    public int QueueId => BinaryPrimitives.ReadInt32BigEndian(_record[12..]);

    public int Flag => BinaryPrimitives.ReadInt32BigEndian(_record[16..]);

    public long QueueOffset => BinaryPrimitives.ReadInt64BigEndian(_record[QueueOffsetPosition..]);

    public long CommitLogOffset => BinaryPrimitives.ReadInt64BigEndian(_record[PhysicalOffsetPosition..]);

    public int SysFlag => BinaryPrimitives.ReadInt32BigEndian(_record[SysFlagPosition..]);

    public long BornTimestamp => BinaryPrimitives.ReadInt64BigEndian(_record[40..]);

    public ReadOnlySpan<byte> BornHost => _record[BornHostPosition.._storeTimestampPos];

    public long StoreTimestamp => BinaryPrimitives.ReadInt64BigEndian(_record[_storeTimestampPos..]);

    public ReadOnlySpan<byte> StoreHost => _record[_storeHostPos.._afterStoreHost];

    public int ReconsumeTimes => BinaryPrimitives.ReadInt32BigEndian(_record[_afterStoreHost..]);

    public long PreparedTransactionOffset => BinaryPrimitives.ReadInt64BigEndian(_record[(_afterStoreHost + 4)..]);

    public ReadOnlySpan<byte> Body => _record.Slice(_bodyPos, _bodyLength);

    /// <summary>The topic's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Topic => _record.Slice(_topicPos, _topicLength);

    /// <summary>The property string's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Properties => _record.Slice(_propertiesPos, _propertiesLength);

    /// <summary>Decodes an address field (4 or 16 address bytes, then an int32 port).</summary>
    public static IPEndPoint ReadHost(ReadOnlySpan<byte> host)
        => new(new IPAddress(host[..^4]), BinaryPrimitives.ReadInt32BigEndian(host[^4..]));

    private static bool TryParseLayout(ReadOnlySpan<byte> r, out int storeTimestampPos, out int storeHostPos, out int afterStoreHost,
        out int bodyPos, out int bodyLength, out int topicPos, out int topicLength, out int propertiesPos, out int propertiesLength)
    {
        storeTimestampPos = storeHostPos = afterStoreHost = bodyPos = bodyLength = topicPos = topicLength = propertiesPos = propertiesLength = 0;
        if (r.Length < 4)
        {
            return false;
        }

        var total = BinaryPrimitives.ReadInt32BigEndian(r);
        if (total < 60 || total > r.Length)
        {
            return false;
        }

        r = r[..total];
        var magic = BinaryPrimitives.ReadInt32BigEndian(r[4..]);
        if (magic is not (MagicV1 or MagicV2))
        {
            return false;
        }

        var sysFlag = BinaryPrimitives.ReadInt32BigEndian(r[SysFlagPosition..]);
        var bornHostLength = (sysFlag & MessageSysFlag.BornHostV6) != 0 ? 20 : 8;
        var storeHostLength = (sysFlag & MessageSysFlag.StoreHostV6) != 0 ? 20 : 8;
        storeTimestampPos = BornHostPosition + bornHostLength;
        storeHostPos = storeTimestampPos + 8;
        afterStoreHost = storeHostPos + storeHostLength;
        var bodyLengthPos = afterStoreHost + 4 + 8;
        if (bodyLengthPos + 4 > total)
        {
            return false;
        }

        bodyLength = BinaryPrimitives.ReadInt32BigEndian(r[bodyLengthPos..]);
        bodyPos = bodyLengthPos + 4;
        if (bodyLength < 0 || bodyPos + bodyLength > total)
        {
            return false;
        }

        var topicLengthPos = bodyPos + bodyLength;
        var topicLengthSize = magic == MagicV2 ? 2 : 1;
        if (topicLengthPos + topicLengthSize > total)
        {
            return false;
        }

        topicLength = magic == MagicV2 ? BinaryPrimitives.ReadInt16BigEndian(r[topicLengthPos..]) : r[topicLengthPos];
        topicPos = topicLengthPos + topicLengthSize;
        var propertiesLengthPos = topicPos + topicLength;
        if (topicLength < 0 || propertiesLengthPos + 2 > total)
        {
            return false;
        }

        propertiesLength = BinaryPrimitives.ReadInt16BigEndian(r[propertiesLengthPos..]);
        propertiesPos = propertiesLengthPos + 2;
        return propertiesLength >= 0 && propertiesPos + propertiesLength == total;
    }
}
