namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Buffers for decoded frames. A frame is rented on the read loop and returned by whoever consumes the command, on
/// another thread; with many requests in flight ArrayPool.Shared's per-thread and per-core caches run dry that way
/// and allocate afresh (seen as ~70 B/msg at 100 async sends in flight). Frames up to 64 KiB (every send response,
/// most pulls) come from a pool shared by all threads instead; larger ones from ArrayPool.Shared.
/// </summary>
internal static class FrameBuffers
{
    /// <summary>
    /// The AppContext switch that fills every returned frame with <see cref="PoisonByte"/> (test projects set it in
    /// their runtimeconfig): a reader that keeps a response, its body or its lazy ext fields past the point where
    /// remote released it then reads 0xCC bytes and fails loudly, instead of reading whatever the next frame put there.
    /// </summary>
    public const string PoisonSwitch = "RocketMQ.Go.Port.Remote.PoisonReturnedFrames";

    public const byte PoisonByte = 0xCC;

    private const int SharedPoolLimit = 64 * 1024;

    /// <summary>True when <see cref="PoisonSwitch"/> is on; read once, so the JIT drops the branch when it is off.</summary>
    public static readonly bool PoisonsReturnedFrames = AppContext.TryGetSwitch(PoisonSwitch, out var on) && on;

    // Bounded: at most 256 arrays per size class are kept (<= 16 MiB for the largest class).
    private static readonly ArrayPool<byte> Small = ArrayPool<byte>.Create(SharedPoolLimit, maxArraysPerBucket: 256);

    public static byte[] Rent(int length)
        => length <= SharedPoolLimit ? Small.Rent(Math.Max(length, 1)) : ArrayPool<byte>.Shared.Rent(length);

    public static void Return(byte[] buffer)
    {
        if (PoisonsReturnedFrames)
        {
            buffer.AsSpan().Fill(PoisonByte);
        }

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
