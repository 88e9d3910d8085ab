using System.IO.Compression;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal.Utils;

/// <summary>
/// Message body compression (Go: internal/utils/compression.go). RocketMQ bodies with sysFlag 0x1 are zlib
/// streams (RFC 1950, with header and Adler-32), not raw deflate, so this uses <see cref="ZLibStream"/>.
/// </summary>
internal static class Compression
{
    /// <summary>Go's <c>zlib.BestSpeed</c>.</summary>
    public const int BestSpeed = 1;

    /// <summary>Go's <c>zlib.BestCompression</c>.</summary>
    public const int BestCompression = 9;

    /// <summary>The Java client's default compress level (rocketmq.message.compressLevel).</summary>
    public const int DefaultLevel = 5;

    /// <summary>
    /// Compresses with a Go/Java level 1-9 (Go: <c>Compress</c>). zlib's nine levels map onto .NET's
    /// <see cref="CompressionLevel"/>: 1-3 fastest, 4-8 optimal, 9 smallest.
    /// </summary>
    public static byte[] Compress(ReadOnlySpan<byte> raw, int level = DefaultLevel)
    {
        if (level is < BestSpeed or > BestCompression)
        {
            throw new MQClientException($"unsupported compress level {level}: use {BestSpeed}..{BestCompression}");
        }

        var compressionLevel = level switch
        {
            <= 3 => CompressionLevel.Fastest,
            >= 9 => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Optimal,
        };
        using var output = new MemoryStream(Math.Max(64, raw.Length / 2));
        using (var zlib = new ZLibStream(output, compressionLevel, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses a zlib stream (Go: <c>UnCompress</c>). Unlike Go, which silently returns the input on error,
    /// a corrupt body raises <see cref="RocketMQException"/> so a consumer never hands compressed bytes to user code.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> data)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream(Math.Max(64, data.Length * 2));
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new RocketMQException("message body is not a valid zlib stream", e);
        }
    }

    /// <summary>Like <see cref="Decompress"/>, returning false instead of throwing on a corrupt body.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> data, out byte[] result)
    {
        try
        {
            result = Decompress(data);
            return true;
        }
        catch (RocketMQException)
        {
            result = [];
            return false;
        }
    }
}
