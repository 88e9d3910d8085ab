namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Frame codec (Go: codec.go). Frame: int32 total length (4 + header + body), int32 whose top byte is the
/// <see cref="SerializeType"/> and low 24 bits the header length, the header, the body. Big-endian.
/// </summary>
internal static partial class RemotingCommandCodec
{
    /// <summary>Frames larger than this are refused unless the caller sets another limit (Java's default is 16 MiB).</summary>
    public const int DefaultMaxFrameLength = 16 * 1024 * 1024;

    internal const int LengthPrefixSize = 4;
    private const int HeaderLengthMask = 0x00FFFFFF;

    [ThreadStatic] private static ArrayBufferWriter<byte>? _headerScratch;

    /// <summary>Writes the whole frame, length prefix included; returns the number of bytes written.</summary>
    // On every message's path from the first one: compiled fully optimized at once, not tiered up (go.md, "Tiering").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Encode(RemotingCommand command, IBufferWriter<byte> output)
    {
        var packed = command.PackedFields;
        var scratch = _headerScratch ??= new ArrayBufferWriter<byte>(512);
        scratch.ResetWrittenCount();
        if (command.SerializeType == SerializeType.ROCKETMQ)
        {
            WriteBinaryHeader(command, scratch);
        }
        else
        {
            WriteJsonHeader(command, scratch);
        }

        var header = scratch.WrittenSpan;
        var body = command.Body.Span;
        var frameLength = LengthPrefixSize + LengthPrefixSize + header.Length + body.Length;
        var prefix = output.GetSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(prefix, frameLength - LengthPrefixSize);
        BinaryPrimitives.WriteInt32BigEndian(prefix[4..], ((int)command.SerializeType << 24) | header.Length);
        output.Advance(8);
        output.Write(header);
        if (!body.IsEmpty)
        {
            output.Write(body);
        }

        if (scratch.Capacity > 64 * 1024)
        {
            _headerScratch = null; // don't pin a huge buffer to the thread after an unusual header
        }

        if (packed is not null && command.IsOneWay)
        {
            // Nothing answers a oneway request, so its writing is the last use of its pooled fields.
            command.ReleasePackedFields(packed);
        }

        command.MarkWritten();
        return frameLength;
    }

    /// <summary>Encodes into a new array; for tests and tools, not for the hot path.</summary>
    public static byte[] EncodeToArray(RemotingCommand command)
    {
        var writer = new ArrayBufferWriter<byte>();
        Encode(command, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Slices one frame (without its length prefix) off the front of <paramref name="buffer"/> when it is complete.
    /// Throws <see cref="RemotingProtocolException"/> for a negative, too small or too large length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, int maxFrameLength = DefaultMaxFrameLength)
    {
        frame = default;
        var prefix = new SequenceReader<byte>(buffer);
        if (!prefix.TryReadBigEndian(out int length))
        {
            return false;
        }

        if (length < LengthPrefixSize)
        {
            throw new RemotingProtocolException($"frame length {length} is below the minimum of {LengthPrefixSize}");
        }

        if (length > maxFrameLength)
        {
            throw new RemotingProtocolException($"frame length {length} exceeds the limit of {maxFrameLength} bytes");
        }

        if (buffer.Length < LengthPrefixSize + length)
        {
            return false;
        }

        frame = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(LengthPrefixSize + length);
        return true;
    }

    /// <summary>Frames up to this size are copied into a pooled buffer; larger ones get an exact array.</summary>
    private const int PooledFrameLimit = 1024 * 1024;

    /// <summary>
    /// Decodes a frame given without its length prefix. The frame is copied (into a pooled buffer when small) and
    /// fully validated; ext-field strings are built only when read (see <see cref="RemotingCommand.Release"/>).
    /// </summary>
    public static RemotingCommand Decode(ReadOnlySequence<byte> frame)
    {
        var length = checked((int)frame.Length);
        var (copy, pooled) = RentFrame(length);
        frame.CopyTo(copy);
        return DecodeOwned(copy, length, pooled);
    }

    /// <summary>Decodes a frame given without its length prefix; see <see cref="Decode(ReadOnlySequence{byte})"/>.</summary>
    public static RemotingCommand Decode(ReadOnlySpan<byte> frame)
    {
        var (copy, pooled) = RentFrame(frame.Length);
        frame.CopyTo(copy);
        return DecodeOwned(copy, frame.Length, pooled);
    }

    private static (byte[] Buffer, bool Pooled) RentFrame(int length)
        => length <= PooledFrameLimit ? (FrameBuffers.Rent(length), true) : (new byte[length], false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RemotingCommand DecodeOwned(byte[] frame, int frameLength, bool pooled)
    {
        try
        {
            if (frameLength < LengthPrefixSize)
            {
                throw new RemotingProtocolException($"frame of {frameLength} bytes has no header length");
            }

            var mark = BinaryPrimitives.ReadInt32BigEndian(frame);
            var serializeByte = (byte)((mark >> 24) & 0xFF);
            var headerLength = mark & HeaderLengthMask;
            if (headerLength > frameLength - LengthPrefixSize)
            {
                throw new RemotingProtocolException($"header length {headerLength} is longer than the frame's {frameLength - LengthPrefixSize} remaining bytes");
            }

            var (command, fields) = serializeByte switch
            {
                (byte)SerializeType.JSON => ReadJsonHeader(frame, LengthPrefixSize, headerLength),
                (byte)SerializeType.ROCKETMQ => ReadBinaryHeader(frame, LengthPrefixSize, headerLength),
                _ => throw new RemotingProtocolException($"unknown serialize type {serializeByte}"),
            };
            var bodyStart = LengthPrefixSize + headerLength;
            if (bodyStart < frameLength)
            {
                command.Body = new ReadOnlyMemory<byte>(frame, bodyStart, frameLength - bodyStart);
            }

            command.AttachDecodedFrame(pooled ? frame : null, fields);
            return command;
        }
        catch
        {
            if (pooled)
            {
                FrameBuffers.Return(frame);
            }

            throw;
        }
    }

    /// <summary>Decodes a whole frame given with its length prefix (as captured on the wire).</summary>
    public static RemotingCommand DecodeWithLengthPrefix(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < LengthPrefixSize)
        {
            throw new RemotingProtocolException("frame shorter than its length prefix");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(frame);
        if (length != frame.Length - LengthPrefixSize)
        {
            throw new RemotingProtocolException($"length prefix says {length} bytes but {frame.Length - LengthPrefixSize} follow");
        }

        return Decode(frame[LengthPrefixSize..]);
    }
}
