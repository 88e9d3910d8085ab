using System.Buffers.Binary;
using System.Net;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A born or store host as the stored message holds it: 4 or 16 address bytes and a port, kept inline so decoding a
/// message allocates no IPEndPoint or string until someone asks for one.
/// </summary>
internal readonly struct HostAddress
{
    private readonly ulong _high;
    private readonly ulong _low;

    public HostAddress(ReadOnlySpan<byte> address, int port)
    {
        Port = port;
        Length = (byte)address.Length;
        if (address.Length == 4)
        {
            _low = BinaryPrimitives.ReadUInt32BigEndian(address);
        }
        else
        {
            _high = BinaryPrimitives.ReadUInt64BigEndian(address);
            _low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
        }
    }

    public HostAddress(IPEndPoint endPoint)
        : this(AddressBytes(endPoint.Address, stackalloc byte[16]), endPoint.Port)
    {
    }

    public int Port { get; }

    /// <summary>4, 16, or 0 when unset.</summary>
    public byte Length { get; }

    public bool IsEmpty => Length == 0;

    public int WriteAddress(Span<byte> destination)
    {
        if (Length == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
        }
        else if (Length == 16)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        }

        return Length;
    }

    public IPEndPoint? ToEndPoint()
    {
        if (IsEmpty)
        {
            return null;
        }

        Span<byte> address = stackalloc byte[16];
        return new IPEndPoint(new IPAddress(address[..WriteAddress(address)]), Port);
    }

    public string OffsetMessageId(long commitLogOffset)
    {
        Span<byte> address = stackalloc byte[16];
        return IsEmpty ? string.Empty : MessageId.Create(address[..WriteAddress(address)], Port, commitLogOffset);
    }

    public override string ToString() => ToEndPoint()?.ToString() ?? string.Empty;

    internal static ReadOnlySpan<byte> AddressBytes(IPAddress address, Span<byte> buffer)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        address.TryWriteBytes(buffer, out var written);
        return buffer[..written];
    }
}
