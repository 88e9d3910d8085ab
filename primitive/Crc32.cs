using System.Buffers.Binary;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Standard CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), what Java's <c>java.util.zip.CRC32</c> computes.
/// The BCL's in-box CRC types are internal and System.IO.Hashing is a separate package, so this is a small
/// slicing-by-8 table implementation. The hardware CRC32 instructions compute CRC-32C, a different polynomial.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var table = Table;
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = table[(7 * 256) + (one & 0xFF)]
                ^ table[(6 * 256) + ((one >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((one >> 16) & 0xFF)]
                ^ table[(4 * 256) + (one >> 24)]
                ^ table[(3 * 256) + (two & 0xFF)]
                ^ table[(2 * 256) + ((two >> 8) & 0xFF)]
                ^ table[256 + ((two >> 16) & 0xFF)]
                ^ table[two >> 24];
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>
    /// The body CRC the broker stores: Java's <c>UtilAll.crc32</c>, the CRC-32 with the top bit cleared so it fits a
    /// non-negative int.
    /// </summary>
    public static int JavaCrc32(ReadOnlySpan<byte> data) => (int)(Compute(data) & 0x7FFFFFFF);

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }

            table[i] = crc;
        }

        for (var i = 0; i < 256; i++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
