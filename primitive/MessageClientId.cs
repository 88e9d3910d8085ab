using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// The producer's unique message id, property UNIQ_KEY (Go: <c>CreateUniqID</c>; Java: <c>MessageClientIDSetter</c>).
/// Java's layout, all uppercase hex: the host address (4 or 16 bytes), int16 process id, int32 random per-process
/// value (Java's class loader hash), int32 milliseconds since the start of the current month (local time), int16
/// counter. 32 characters with an IPv4 address, 56 with IPv6. Go writes seconds*1000 and lowercase; we follow Java so
/// tools that read the time back out of an id (e.g. to query by id) work.
/// </summary>
public static class MessageClientId
{
    private static readonly Lock TimeLock = new();
    private static readonly char[] FixedPrefix = BuildPrefix(LocalAddress());
    private static int _counter;
    private static long _startTime;
    private static long _nextStartTime;

    /// <summary>A new unique id.</summary>
    public static string CreateUniqId()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long start;
        lock (TimeLock)
        {
            if (now >= _nextStartTime)
            {
                (_startTime, _nextStartTime) = MonthBounds(now, TimeZoneInfo.Local);
            }

            start = _startTime;
        }

        var diff = unchecked((int)(now - start));
        if (diff is < 0 and > -1_000_000)
        {
            diff = 0; // a small step back of the clock (NTP), as Java tolerates it
        }

        var counter = Interlocked.Increment(ref _counter) - 1;
        return string.Create(FixedPrefix.Length + 12, (diff, counter), static (span, state) =>
        {
            FixedPrefix.CopyTo(span);
            var tail = span[FixedPrefix.Length..];
            Span<byte> raw = stackalloc byte[6];
            BinaryPrimitives.WriteInt32BigEndian(raw, state.diff);
            BinaryPrimitives.WriteInt16BigEndian(raw[4..], unchecked((short)state.counter));
            Convert.TryToHexString(raw, tail, out _);
        });
    }

    /// <summary>Sets UNIQ_KEY when the message has none (Java: <c>setUniqID</c>); returns the message's id.</summary>
    public static string SetUniqId(Message message)
    {
        var existing = message.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
        if (existing.Length > 0)
        {
            return existing;
        }

        var id = CreateUniqId();
        message.WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, id);
        return id;
    }

    /// <summary>The message's UNIQ_KEY, or the empty string (Java: <c>getUniqID</c>).</summary>
    public static string GetUniqId(Message message) => message.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);

    /// <summary>The address bytes an id was created on (Java: <c>getIPFromID</c>).</summary>
    /// <exception cref="MQClientException">Not a unique id.</exception>
    public static byte[] GetIpFromId(string id)
    {
        Span<byte> raw = stackalloc byte[28];
        var length = ParseRaw(id, raw);
        return raw[..AddressLength(length)].ToArray();
    }

    /// <summary>The address an id was created on, as text (Java: <c>getIPStrFromID</c>).</summary>
    public static string GetIpStrFromId(string id) => new IPAddress(GetIpFromId(id)).ToString();

    /// <summary>The (truncated to 16 bits) process id an id was created in (Java: <c>getPidFromID</c>).</summary>
    public static int GetPidFromId(string id)
    {
        Span<byte> raw = stackalloc byte[28];
        var length = ParseRaw(id, raw);
        return BinaryPrimitives.ReadUInt16BigEndian(raw[AddressLength(length)..]);
    }

    /// <summary>
    /// Approximately when an id was created (Java: <c>getNearlyTimeFromID</c>): the id holds only the milliseconds
    /// since the start of a month, taken as this month unless that lies in the future, then the previous month.
    /// </summary>
    public static DateTimeOffset GetNearlyTimeFromId(string id) => GetNearlyTimeFromId(id, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="GetNearlyTimeFromId(string)"/>, relative to <paramref name="now"/>.</summary>
    public static DateTimeOffset GetNearlyTimeFromId(string id, DateTimeOffset now) => GetNearlyTimeFromId(id, now, TimeZoneInfo.Local);

    /// <summary>As <see cref="GetNearlyTimeFromId(string)"/>, with the months of <paramref name="zone"/> (the creator's zone).</summary>
    internal static DateTimeOffset GetNearlyTimeFromId(string id, DateTimeOffset now, TimeZoneInfo zone)
    {
        Span<byte> raw = stackalloc byte[28];
        var length = ParseRaw(id, raw);
        var span = BinaryPrimitives.ReadUInt32BigEndian(raw[(AddressLength(length) + 6)..]);
        var nowMs = now.ToUnixTimeMilliseconds();
        var (monthStart, _) = MonthBounds(nowMs, zone);
        if (monthStart + span >= nowMs)
        {
            monthStart = PreviousMonthStart(monthStart, zone);
        }

        return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(monthStart + span), zone);
    }

    /// <summary>The host address ids of this process carry (Java's <c>UtilAll.getIP</c> choice).</summary>
    internal static byte[] HostAddressBytes() => Convert.FromHexString(new string(FixedPrefix, 0, FixedPrefix.Length - 12));

    internal static char[] BuildPrefix(byte[] address)
    {
        var raw = new byte[address.Length + 6];
        address.CopyTo(raw, 0);
        BinaryPrimitives.WriteInt16BigEndian(raw.AsSpan(address.Length), unchecked((short)Environment.ProcessId));
        BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(address.Length + 2), Random.Shared.Next(int.MinValue, int.MaxValue));
        return Convert.ToHexString(raw).ToCharArray();
    }

    /// <summary>
    /// Java's preference: the first public IPv4 address, else the first public IPv6 one, else the first private IPv4
    /// one; a fake address from the clock when there is none.
    /// </summary>
    internal static byte[] LocalAddress()
    {
        try
        {
            byte[]? privateV4 = null;
            byte[]? publicV6 = null;
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = unicast.Address;
                    if (address.AddressFamily == AddressFamily.InterNetwork)
                    {
                        var bytes = address.GetAddressBytes();
                        if (!IsPrivateV4(bytes))
                        {
                            return bytes;
                        }

                        privateV4 ??= bytes;
                    }
                    else if (address.AddressFamily == AddressFamily.InterNetworkV6 && publicV6 is null
                        && !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !IPAddress.IsLoopback(address) && !address.IsIPv4MappedToIPv6)
                    {
                        publicV6 = address.GetAddressBytes();
                    }
                }
            }

            return publicV6 ?? privateV4 ?? FakeAddress();
        }
        catch (NetworkInformationException)
        {
            return FakeAddress();
        }
    }

    private static bool IsPrivateV4(byte[] ip)
        => ip[0] == 10 || (ip[0] == 172 && ip[1] is >= 16 and <= 31) || (ip[0] == 192 && ip[1] == 168);

    private static byte[] FakeAddress()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, unchecked((int)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        return bytes;
    }

    private static int ParseRaw(string id, Span<byte> raw)
    {
        if (id is null || id.Length is not (32 or 56)
            || Convert.FromHexString(id, raw[..(id.Length / 2)], out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new MQClientException($"'{id}' is not a unique message id (32 or 56 hex characters)");
        }

        return id.Length / 2;
    }

    private static int AddressLength(int rawLength) => rawLength == 28 ? 16 : 4;

    private static (long Start, long Next) MonthBounds(long unixMs, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(unixMs), zone);
        var start = Midnight(local.Year, local.Month, zone);
        var nextMonth = local.Month == 12 ? (local.Year + 1, 1) : (local.Year, local.Month + 1);
        return (start, Midnight(nextMonth.Item1, nextMonth.Item2, zone));
    }

    private static long PreviousMonthStart(long monthStart, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(monthStart), zone);
        return local.Month == 1 ? Midnight(local.Year - 1, 12, zone) : Midnight(local.Year, local.Month - 1, zone);
    }

    private static long Midnight(int year, int month, TimeZoneInfo zone)
    {
        var midnight = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUnixTimeMilliseconds();
    }
}
