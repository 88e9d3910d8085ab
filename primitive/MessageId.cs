using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The offset message id the broker assigns: uppercase hex of the store host address, its int32 port and the int64
/// commit log offset; 32 characters for IPv4, 56 for IPv6 (Go: <c>MessageID</c>, <c>CreateMessageId</c>,
/// <c>UnmarshalMsgID</c>; Java: <c>MessageDecoder.createMessageId/decodeMessageId</c>).
/// </summary>
/// <param name="Address">The store host address.</param>
/// <param name="Port">The store host port.</param>
/// <param name="Offset">The commit log offset.</param>
public sealed record MessageId(IPAddress Address, int Port, long Offset)
{
    /// <summary>Length of an id with an IPv4 store host.</summary>
    public const int IPv4Length = 32;

    /// <summary>Length of an id with an IPv6 store host.</summary>
    public const int IPv6Length = 56;

    /// <summary>The address as Go prints it: IPv6 in brackets, ready for "addr:port".</summary>
    public string Addr => Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString();

    /// <summary>The store host as an endpoint.</summary>
    public IPEndPoint EndPoint => new(Address, Port);

    /// <summary>The id string for an address given as its 4 or 16 bytes (Go: <c>CreateMessageId</c>).</summary>
    public static string Create(ReadOnlySpan<byte> address, int port, long offset)
    {
        if (address.Length is not (4 or 16))
        {
            throw new ArgumentException($"an address has 4 or 16 bytes, not {address.Length}", nameof(address));
        }

        Span<byte> raw = stackalloc byte[28];
        address.CopyTo(raw);
        BinaryPrimitives.WriteInt32BigEndian(raw[address.Length..], port);
        BinaryPrimitives.WriteInt64BigEndian(raw[(address.Length + 4)..], offset);
        return Convert.ToHexString(raw[..(address.Length + 12)]);
    }

    /// <summary>The id string for a store host endpoint and commit log offset.</summary>
    public static string Create(IPEndPoint storeHost, long offset)
    {
        Span<byte> address = stackalloc byte[16];
        var ip = storeHost.Address.IsIPv4MappedToIPv6 ? storeHost.Address.MapToIPv4() : storeHost.Address;
        ip.TryWriteBytes(address, out var written);
        return Create(address[..written], storeHost.Port, offset);
    }

    /// <summary>Parses an offset message id (Go: <c>UnmarshalMsgID</c>).</summary>
    /// <exception cref="MQClientException">The id is not 32 or 56 hex characters or has an invalid port.</exception>
    public static MessageId Parse(string id)
        => TryParse(id, out var result, out var error) ? result : throw new MQClientException($"invalid offset message id '{id}': {error}");

    /// <summary>Parses an offset message id; false when it is malformed.</summary>
    public static bool TryParse(string? id, out MessageId result) => TryParse(id, out result, out _);

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> address = stackalloc byte[16];
        Address.TryWriteBytes(address, out var written);
        return Create(address[..written], Port, Offset);
    }

    private static bool TryParse(string? id, out MessageId result, out string error)
    {
        result = null!;
        if (id is null || id.Length is not (IPv4Length or IPv6Length))
        {
            error = $"length {id?.Length ?? 0}, expected {IPv4Length} or {IPv6Length}";
            return false;
        }

        Span<byte> raw = stackalloc byte[28];
        var byteCount = id.Length / 2;
        if (Convert.FromHexString(id, raw[..byteCount], out _, out _) != System.Buffers.OperationStatus.Done)
        {
            error = "not hexadecimal";
            return false;
        }

        var addressLength = id.Length == IPv4Length ? 4 : 16;
        var port = BinaryPrimitives.ReadInt32BigEndian(raw[addressLength..]);
        if (port is < 0 or > 65535)
        {
            error = $"port {port} is out of range";
            return false;
        }

        var offset = BinaryPrimitives.ReadInt64BigEndian(raw[(addressLength + 4)..]);
        result = new MessageId(new IPAddress(raw[..addressLength]), port, offset);
        error = string.Empty;
        return true;
    }
}
