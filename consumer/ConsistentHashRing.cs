using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// A consistent-hash ring of client ids for <see cref="Strategies.AllocateByConsistentHash"/> (Java's
/// ConsistentHashRouter with its MD5 hash) and <see cref="Strategies.AllocateByGoConsistentHash"/> (Go's
/// stathat.com/c/consistent). The two differ in point names, hash and the search rule, so each is built exactly as its
/// client builds it.
/// </summary>
internal sealed class ConsistentHashRing
{
    private readonly Dictionary<uint, string> _points = [];
    private readonly uint[] _sorted;
    private readonly bool _inclusive;
    private readonly Func<string, uint> _hash;

    private ConsistentHashRing(IReadOnlyList<string> members, int replicas, Func<string, int, string> pointName, Func<string, uint> hash, bool inclusive)
    {
        _hash = hash;
        _inclusive = inclusive;
        foreach (var member in members)
        {
            for (var i = 0; i < replicas; i++)
            {
                // A later point overwrites a colliding one, as Java's TreeMap.put and Go's map assignment do.
                _points[hash(pointName(member, i))] = member;
            }
        }

        _sorted = [.. _points.Keys];
        Array.Sort(_sorted);
    }

    /// <summary>Java 4.9.8: points <c>cid-i</c>, MD5's first 4 bytes, the first point at or after the key (<c>tailMap</c>).</summary>
    public static ConsistentHashRing Java(IReadOnlyList<string> members, int replicas)
        => new(members, replicas, static (member, i) => member + "-" + i.ToString(CultureInfo.InvariantCulture), Md5Hash, inclusive: true);

    /// <summary>Go: points <c>i + cid</c>, CRC-32 IEEE, the first point strictly above the key.</summary>
    public static ConsistentHashRing Go(IReadOnlyList<string> members, int replicas)
        => new(members, replicas, static (member, i) => i.ToString(CultureInfo.InvariantCulture) + member, Crc32Hash, inclusive: false);

    /// <summary>The member owning <paramref name="key"/>; the ring wraps around.</summary>
    public string Route(string key)
    {
        var hash = _hash(key);
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] > hash || (_inclusive && _sorted[mid] == hash))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return _points[_sorted[lo == _sorted.Length ? 0 : lo]];
    }

    // Java's MD5Hash: the digest's first four bytes as an unsigned big-endian number.
    private static uint Md5Hash(string text)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
        MD5.HashData(Encoding.UTF8.GetBytes(text), digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    private static uint Crc32Hash(string text) => Crc32.Compute(Encoding.UTF8.GetBytes(text));
}
