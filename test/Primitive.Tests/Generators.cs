using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

/// <summary>FsCheck generators for the wire types. Text never contains 0x01/0x02 (the property separators) or lone surrogates.</summary>
internal static class Generators
{
    public static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Any BMP char except the two separators and surrogates, biased to ASCII.</summary>
    public static Gen<char> SafeChar { get; } = Gen.Frequency(
        (6, Gen.Choose(0x20, 0x7E).Select(i => (char)i)),
        (1, Gen.Choose(0, 0x1F).Where(i => i is not (1 or 2)).Select(i => (char)i)),
        (2, Gen.Choose(0x80, 0xD7FF).Select(i => (char)i)));

    public static Gen<string> Text(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(SafeChar, n)).Select(chars => new string(chars));

    public static Gen<string> NonEmptyText(int maxLength) => Text(maxLength).Where(s => s.Length > 0);

    public static Gen<Dictionary<string, string>> Properties { get; } =
        Gen.ListOf(Gen.Zip(NonEmptyText(12), NonEmptyText(24)))
            .Select(pairs =>
            {
                var map = new Dictionary<string, string>();
                foreach (var (key, value) in pairs)
                {
                    map[key] = value;
                }

                return map;
            });

    public static Gen<byte[]> Bytes(int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i), n));

    public static Gen<byte> Byte { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<IPAddress> Address { get; } = Gen.OneOf(
        Gen.ArrayOf(Byte, 4).Select(b => new IPAddress(b)),
        Gen.ArrayOf(Byte, 16).Select(b => new IPAddress(b)).Where(a => !a.IsIPv4MappedToIPv6));

    public static Gen<IPEndPoint> EndPoint { get; } = Gen.Zip(Address, Gen.Choose(0, 65535)).Select(t => new IPEndPoint(t.Item1, t.Item2));

    public static Gen<long> Long { get; } = Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue))
        .Select(t => ((long)t.Item1 << 32) | (uint)t.Item2);

    public static Gen<int> Int { get; } = Gen.Choose(int.MinValue, int.MaxValue);

    /// <summary>A stored message; the compressed bit is clear so the decoder does not try to inflate random bytes.</summary>
    public static Gen<StoredSample> Stored { get; } =
        from body in Bytes(300)
        from properties in Properties
        from topic in NonEmptyText(150)
        from flag in Int
        from queueId in Gen.Choose(0, 1024)
        from queueOffset in Long
        from commitLogOffset in Long
        from sysFlag in Gen.Choose(0, 0xFFFF).Select(f => f & ~MessageSysFlagMaskForSamples)
        from bornTimestamp in Long
        from bornHost in EndPoint
        from storeTimestamp in Long
        from storeHost in EndPoint
        from reconsumeTimes in Gen.Choose(0, 100)
        from prepared in Long
        select new StoredSample(body, properties, topic, flag, queueId, queueOffset, commitLogOffset, sysFlag, bornTimestamp, bornHost,
            storeTimestamp, storeHost, reconsumeTimes, prepared);

    private const int MessageSysFlagMaskForSamples = 0x1 | 0x700;
}

internal sealed record StoredSample(
    byte[] Body, Dictionary<string, string> Properties, string Topic, int Flag, int QueueId, long QueueOffset, long CommitLogOffset,
    int SysFlag, long BornTimestamp, IPEndPoint BornHost, long StoreTimestamp, IPEndPoint StoreHost, int ReconsumeTimes, long PreparedTransactionOffset)
{
    public StoredMessageFields Fields() => new()
    {
        Body = Body,
        Properties = MessageProperties.Marshal(Properties),
        Topic = Topic,
        Flag = Flag,
        QueueId = QueueId,
        QueueOffset = QueueOffset,
        CommitLogOffset = CommitLogOffset,
        SysFlag = SysFlag,
        BornTimestamp = BornTimestamp,
        BornHost = BornHost,
        StoreTimestamp = StoreTimestamp,
        StoreHost = StoreHost,
        ReconsumeTimes = ReconsumeTimes,
        PreparedTransactionOffset = PreparedTransactionOffset,
    };

    public byte[] Encode() => StoredMessageEncoder.EncodeToArray(Fields());

    public override string ToString() => $"topic={Topic.Length} chars, body={Body.Length}, props={Properties.Count}, born={BornHost}, store={StoreHost}, sysFlag={SysFlag:X}";
}
