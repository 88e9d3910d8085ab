using System.Globalization;
using System.Net;
using System.Text;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A stored message as pulled or looked up (Go: <c>primitive.MessageExt</c>; Java: <c>MessageClientExt</c>):
/// the <see cref="Message"/> part plus every field of the store layout.
/// </summary>
public class MessageExt : Message
{
    // MsgId and OffsetMsgId as made on first read or set: null, the MsgId alone (the usual message has a UNIQ_KEY and
    // is asked only its MsgId), or an IdPair once OffsetMsgId is made or set. One field where two took 8 more bytes
    // in every pulled message.
    private object? _ids;
    private HostPair _hosts;
    private QueueOffsetBounds? _queueBounds;
    private ReadOnlyMemory<byte> _storedProperties;
    private long _consumeStartTime;

    /// <summary>Creates an empty message.</summary>
    public MessageExt()
    {
    }

    /// <summary>
    /// A decoded message whose properties stay in their stored UTF-8 form (<paramref name="storedProperties"/>, which
    /// must not change) until a read needs them: a consumer that reads none never pays for a map.
    /// </summary>
    internal MessageExt(ReadOnlyMemory<byte> storedProperties)
        : base(parsePropertiesLater: true)
    {
        _storedProperties = storedProperties;
    }

    /// <summary>
    /// The id users see: the producer's unique id (UNIQ_KEY) when the message has one, otherwise
    /// <see cref="OffsetMsgId"/> (as Java's MessageClientExt and Go).
    /// </summary>
    public string MsgId
    {
        get
        {
            switch (_ids)
            {
                case string made:
                    return made;
                case IdPair { MsgId: { } made }:
                    return made;
            }

            // Unparsed properties: UNIQ_KEY is read from the stored form, which leaves the others unparsed.
            var unique = !PropertiesParsed && MessageProperties.TryFindValue(_storedProperties.Span, PropertyKeys.UniqueClientMessageIdKeyIndex, out var utf8)
                ? Encoding.UTF8.GetString(utf8)
                : GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex);
            var id = unique.Length > 0 ? unique : OffsetMsgId;
            SetMsgId(id);
            return id;
        }
        set => SetMsgId(value);
    }

    /// <summary>The broker's id: store host and commit log offset in hex (see <see cref="MessageId"/>).</summary>
    public string OffsetMsgId
    {
        get
        {
            if (_ids is IdPair { OffsetMsgId: { } made })
            {
                return made;
            }

            var id = _hosts.Store.OffsetMessageId(CommitLogOffset);
            SetOffsetMsgId(id);
            return id;
        }
        set => SetOffsetMsgId(value);
    }

    /// <summary>The queue id within the topic.</summary>
    public int QueueId { get; set; }

    /// <summary>Total stored size in bytes.</summary>
    public int StoreSize { get; set; }

    /// <summary>The message's offset in its consume queue.</summary>
    public long QueueOffset { get; set; }

    /// <summary>System flag bits (see <see cref="MessageSysFlag"/>).</summary>
    public int SysFlag { get; set; }

    /// <summary>When the producer created the message, Unix ms.</summary>
    public long BornTimestamp { get; set; }

    /// <summary>When the broker stored it, Unix ms.</summary>
    public long StoreTimestamp { get; set; }

    /// <summary>The message's offset in the broker's commit log.</summary>
    public long CommitLogOffset { get; set; }

    /// <summary>CRC32 of the stored body, as Java computes it (non-negative).</summary>
    public int BodyCRC { get; set; }

    /// <summary>How many times the message was redelivered.</summary>
    public int ReconsumeTimes { get; set; }

    /// <summary>The commit log offset of the half message, for transactional messages.</summary>
    public long PreparedTransactionOffset { get; set; }

    /// <summary>The producer's address.</summary>
    public IPEndPoint? BornHostEndPoint
    {
        get => _hosts.Born.ToEndPoint();
        set => _hosts = _hosts.WithBorn(value is null ? default : new HostAddress(value));
    }

    /// <summary>The storing broker's address.</summary>
    public IPEndPoint? StoreHostEndPoint
    {
        get => _hosts.Store.ToEndPoint();
        set
        {
            _hosts = _hosts.WithStore(value is null ? default : new HostAddress(value));
            SetOffsetMsgId(null);
        }
    }

    /// <summary>The producer's address as "ip:port" ("[ipv6]:port" for IPv6) (Go: BornHost).</summary>
    public string BornHost => _hosts.Born.ToString();

    /// <summary>The storing broker's address as "ip:port" ("[ipv6]:port" for IPv6) (Go: StoreHost).</summary>
    public string StoreHost => _hosts.Store.ToString();

    /// <summary>The region id property (Go: <c>GetRegionID</c>).</summary>
    public string GetRegionID() => GetProperty(PropertyKeys.MsgRegion);

    /// <summary>The trace switch property (Go: <c>IsTraceOn</c>).</summary>
    public string IsTraceOn() => GetProperty(PropertyKeys.TraceSwitch);

    /// <inheritdoc />
    public override string ToString()
        => $"[Message={base.ToString()}, MsgId={MsgId}, OffsetMsgId={OffsetMsgId},QueueId={QueueId}, StoreSize={StoreSize}, QueueOffset={QueueOffset}, SysFlag={SysFlag}, BornTimestamp={BornTimestamp}, BornHost={BornHost}, StoreTimestamp={StoreTimestamp}, StoreHost={StoreHost}, CommitLogOffset={CommitLogOffset}, BodyCRC={BodyCRC}, ReconsumeTimes={ReconsumeTimes}, PreparedTransactionOffset={PreparedTransactionOffset}]";

    private void SetMsgId(string? id)
    {
        if (_ids is IdPair pair)
        {
            pair.MsgId = id;
        }
        else
        {
            _ids = id;
        }
    }

    private void SetOffsetMsgId(string? id)
    {
        if (_ids is IdPair pair)
        {
            pair.OffsetMsgId = id;
        }
        else if (id is not null)
        {
            _ids = new IdPair { MsgId = _ids as string, OffsetMsgId = id };
        }
    }

    internal void SetHosts(in HostAddress bornHost, in HostAddress storeHost) => _hosts = new HostPair(bornHost, storeHost);

    /// <summary>
    /// Marks when the consumer handed the message to its handler (Go and Java write CONSUME_START_TIME into every
    /// message of each consume batch): kept as a number and made the CONSUME_START_TIME property when read. Set by
    /// the consumer before the message is handed on.
    /// </summary>
    internal void SetConsumeStartTime(long unixMs) => _consumeStartTime = unixMs;

    /// <summary>
    /// Marks a pulled message with its queue's offset range. Java and Go write MIN_OFFSET and MAX_OFFSET into every
    /// pulled message's properties; here the pull's one <paramref name="bounds"/> object is shared by its messages
    /// and the two properties appear when the properties are read (<see cref="Message.GetProperty"/>,
    /// <see cref="Message.GetProperties"/>, ...), so a consumer that never reads them never pays for them.
    /// Set by the consumer before the message is handed on, so no other thread sees it change.
    /// </summary>
    internal void SetQueueBounds(QueueOffsetBounds bounds) => _queueBounds = bounds;

    /// <inheritdoc />
    private protected override bool IsDeferredProperty(string key)
        => (_queueBounds is not null && (key == PropertyKeys.MinOffset || key == PropertyKeys.MaxOffset))
           || (_consumeStartTime != 0 && key == PropertyKeys.ConsumeStartTime);

    /// <inheritdoc />
    private protected override void MoveDeferredProperties(Dictionary<string, string> properties)
    {
        if (_queueBounds is { } bounds)
        {
            _queueBounds = null;
            properties[PropertyKeys.MinOffset] = bounds.MinOffsetText;
            properties[PropertyKeys.MaxOffset] = bounds.MaxOffsetText;
        }

        if (_consumeStartTime != 0)
        {
            properties[PropertyKeys.ConsumeStartTime] = _consumeStartTime.ToString(CultureInfo.InvariantCulture);
            _consumeStartTime = 0;
        }
    }

    /// <inheritdoc />
    private protected override Dictionary<string, string> ParseProperties()
    {
        var stored = _storedProperties.Span;
        var properties = new Dictionary<string, string>(MessageProperties.CountEntries(stored), StringComparer.Ordinal);
        MessageProperties.UnmarshalInto(stored, properties);
        return properties;
    }

    /// <inheritdoc />
    private protected override bool StoredPropertiesMayHold(string key)
        => !Ascii.IsValid(key) || MessageProperties.TryFindValue(_storedProperties.Span, key, out _);

    private sealed class IdPair
    {
        public string? MsgId { get; set; }

        public string? OffsetMsgId { get; set; }
    }
}
