using System.Buffers.Binary;
using System.Net;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A born or store host as the stored message holds it: 4 or 16 address bytes and a port, kept inline so decoding a
/// message allocates no IPEndPoint or string until someone asks for one. The usual IPv4 host is packed into one
/// number; an IPv6 host (or a port beyond 16 bits) keeps its bytes in a small object. A message keeps its two hosts
/// as a <see cref="HostPair"/>.
/// </summary>
internal readonly struct HostAddress
{
    // IPv4 address << 32 | port << 8 | 4; 0 when unset or wide.
    private readonly ulong _packed;
    private readonly Wide? _wide;

    public HostAddress(ReadOnlySpan<byte> address, int port)
    {
        if (address.Length == 4 && (uint)port <= ushort.MaxValue)
        {
            _packed = ((ulong)BinaryPrimitives.ReadUInt32BigEndian(address) << 32) | ((ulong)port << 8) | 4;
        }
        else if (!address.IsEmpty)
        {
            _wide = new Wide(address.ToArray(), port);
        }
    }

    public HostAddress(IPEndPoint endPoint)
        : this(AddressBytes(endPoint.Address, stackalloc byte[16]), endPoint.Port)
    {
    }

    private HostAddress(ulong packed) => _packed = packed;

    /// <summary>True when the host is held in a small object (IPv6, or a port beyond 16 bits), not in <see cref="Packed"/>.</summary>
    public bool IsWide => _wide is not null;

    /// <summary>The packed form of a host that is not <see cref="IsWide"/> (0 when unset).</summary>
    public ulong Packed => _packed;

    public int Port => _wide?.Port ?? (int)((_packed >> 8) & 0xFFFF);

    /// <summary>4, 16, or 0 when unset.</summary>
    public byte Length => _wide is { } wide ? (byte)wide.Address.Length : (byte)(_packed & 0xFF);

    public bool IsEmpty => _packed == 0 && _wide is null;

    public int WriteAddress(Span<byte> destination)
    {
        if (_wide is { } wide)
        {
            wide.Address.CopyTo(destination);
            return wide.Address.Length;
        }

        if (_packed != 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(_packed >> 32));
            return 4;
        }

        return 0;
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

    /// <summary>The host whose <see cref="Packed"/> form is <paramref name="packed"/>.</summary>
    public static HostAddress FromPacked(ulong packed) => new(packed);

    internal static ReadOnlySpan<byte> AddressBytes(IPAddress address, Span<byte> buffer)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        address.TryWriteBytes(buffer, out var written);
        return buffer[..written];
    }

    private sealed class Wide(byte[] address, int port)
    {
        public byte[] Address { get; } = address;

        public int Port { get; } = port;
    }
}
