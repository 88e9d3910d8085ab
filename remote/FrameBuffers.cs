using System.Buffers;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Buffers for decoded frames. A frame is rented on the read loop and returned by whoever consumes the command, on
/// another thread; with many requests in flight ArrayPool.Shared's per-thread and per-core caches run dry that way
/// and allocate afresh (seen as ~70 B/msg at 100 async sends in flight). Frames up to 64 KiB (every send response,
/// most pulls) come from a pool shared by all threads instead; larger ones from ArrayPool.Shared.
/// </summary>
internal static class FrameBuffers
{
    private const int SharedPoolLimit = 64 * 1024;

    // Bounded: at most 256 arrays per size class are kept (<= 16 MiB for the largest class).
    private static readonly ArrayPool<byte> Small = ArrayPool<byte>.Create(SharedPoolLimit, maxArraysPerBucket: 256);

    public static byte[] Rent(int length)
        => length <= SharedPoolLimit ? Small.Rent(Math.Max(length, 1)) : ArrayPool<byte>.Shared.Rent(length);

    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= SharedPoolLimit)
        {
            Small.Return(buffer);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
