using System.Buffers;
using System.Globalization;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// A message to send or a received one's base part (Go: <c>primitive.Message</c>). Properties are safe to read and
/// write from many threads at once (Go guards them with an RWMutex too, after concurrent map crashes #139, #166);
/// the other fields are plain fields, set before sending. A pulled message keeps its properties in their stored
/// form until the first read that needs them (see <see cref="MessageExt"/>); what a reader sees is the same.
/// </summary>
public class Message
{
    // Null only for a decoded message whose properties are not parsed yet; set once, then locked for every access.
    private Dictionary<string, string>? _properties;

    // CompressedBody and TransactionId, which few messages have (a compressed send, a transaction), share one object
    // made when one is set: every pulled message is 8 bytes smaller.
    private RareFields? _rare;

    /// <summary>Creates an empty message.</summary>
    public Message()
    {
        _properties = new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Creates a message (Go: <c>primitive.NewMessage(topic, body)</c>).</summary>
    public Message(string topic, byte[]? body)
        : this()
    {
        Topic = topic;
        Body = body ?? [];
    }

    /// <summary>For a decoded message: its properties are parsed by <see cref="ParseProperties"/> when first needed.</summary>
    private protected Message(bool parsePropertiesLater)
    {
        if (!parsePropertiesLater)
        {
            _properties = new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Topic the message is sent to or was read from.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The payload (uncompressed).</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>The compressed payload the producer sends when <see cref="Compress"/> is set (Go: CompressedBody).</summary>
    public byte[]? CompressedBody
    {
        get => _rare?.CompressedBody;
        set
        {
            if (value is not null || _rare is not null)
            {
                (_rare ??= new RareFields()).CompressedBody = value;
            }
        }
    }

    /// <summary>User flag, stored with the message and not interpreted by the broker.</summary>
    public int Flag { get; set; }

    /// <summary>The transaction id of a transactional message.</summary>
    public string? TransactionId
    {
        get => _rare?.TransactionId;
        set
        {
            if (value is not null || _rare is not null)
            {
                (_rare ??= new RareFields()).TransactionId = value;
            }
        }
    }

    /// <summary>True when <see cref="Body"/> holds an encoded batch (see <see cref="MessageBatch"/>).</summary>
    public bool Batch { get; set; }

    /// <summary>True once the producer has compressed <see cref="Body"/> into <see cref="CompressedBody"/>.</summary>
    public bool Compress { get; set; }

    /// <summary>The queue the message goes to, when the sender chooses it; null lets the producer select.</summary>
    public MessageQueue? Queue { get; set; }

    /// <summary>Creates a message (Go: <c>primitive.NewMessage</c>).</summary>
    public static Message NewMessage(string topic, byte[]? body) => new(topic, body);

    /// <summary>
    /// Sets a property (Go: <c>WithProperty</c>). An empty key or value is ignored, as in Go. Keys and values cannot
    /// contain the wire separators 0x01 and 0x02.
    /// </summary>
    /// <exception cref="ArgumentException">The key or value contains 0x01 or 0x02.</exception>
    public Message WithProperty(string key, string value)
    {
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value))
        {
            return this;
        }

        if (!MessageProperties.IsValidText(key) || !MessageProperties.IsValidText(value))
        {
            throw new ArgumentException($"property '{key}' contains a 0x01 or 0x02 separator, which the wire format cannot carry");
        }

        var properties = Properties;
        lock (properties)
        {
            if (IsDeferredProperty(key))
            {
                MoveDeferredProperties(properties);
            }

            properties[key] = value;
        }

        return this;
    }

    /// <summary>
    /// Replaces all properties with a copy of <paramref name="properties"/> (Go: <c>WithProperties</c>, which keeps the
    /// caller's map itself). Empty keys and values are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A key or value contains 0x01 or 0x02; the message is left unchanged.</exception>
    public Message WithProperties(IEnumerable<KeyValuePair<string, string>>? properties)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        if (properties is not null)
        {
            foreach (var (key, value) in properties)
            {
                if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value))
                {
                    continue;
                }

                if (!MessageProperties.IsValidText(key) || !MessageProperties.IsValidText(value))
                {
                    throw new ArgumentException($"property '{key}' contains a 0x01 or 0x02 separator, which the wire format cannot carry");
                }

                copy[key] = value;
            }
        }

        var target = Properties;
        lock (target)
        {
            MoveDeferredProperties(target);
            target.Clear();
            foreach (var (key, value) in copy)
            {
                target[key] = value;
            }
        }

        return this;
    }

    /// <summary>A property's value, or the empty string when absent (Go: <c>GetProperty</c>).</summary>
    public string GetProperty(string key)
    {
        var properties = Volatile.Read(ref _properties);
        if (properties is null)
        {
            // Unparsed: a key the stored properties lack (the usual answer to TRAN_MSG, RETRY_TOPIC, traceparent)
            // is answered without parsing; any other read parses them once. The second look at _properties catches
            // a parse (and a move of the deferred keys into the map) by another thread meanwhile.
            if (!IsDeferredProperty(key) && !StoredPropertiesMayHold(key))
            {
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _properties) is null)
                {
                    return string.Empty;
                }
            }

            properties = Properties;
        }

        lock (properties)
        {
            // A deferred value is newer than the map's (a message consumed again gets a new start time).
            if (IsDeferredProperty(key))
            {
                MoveDeferredProperties(properties);
            }

            return properties.TryGetValue(key, out var value) ? value : string.Empty;
        }
    }

    /// <summary>Removes a property and returns its value, or the empty string when absent (Go: <c>RemoveProperty</c>).</summary>
    public string RemoveProperty(string key)
    {
        var properties = Properties;
        lock (properties)
        {
            if (IsDeferredProperty(key))
            {
                MoveDeferredProperties(properties);
            }

            return properties.Remove(key, out var value) ? value : string.Empty;
        }
    }

    /// <summary>A snapshot copy of all properties (Go: <c>GetProperties</c>).</summary>
    public Dictionary<string, string> GetProperties()
    {
        var properties = Properties;
        lock (properties)
        {
            MoveDeferredProperties(properties);
            return new Dictionary<string, string>(properties, StringComparer.Ordinal);
        }
    }

    /// <summary>The properties in wire form, without a trailing separator (Go: <c>MarshallProperties</c>).</summary>
    public string MarshallProperties()
    {
        var properties = Properties;
        lock (properties)
        {
            MoveDeferredProperties(properties);
            return MessageProperties.Marshal(properties);
        }
    }

    /// <summary>Adds the properties of a wire-form string (Go: <c>UnmarshalProperties</c>).</summary>
    public void UnmarshalProperties(ReadOnlySpan<byte> utf8)
    {
        var properties = Properties;
        lock (properties)
        {
            MoveDeferredProperties(properties);
            MessageProperties.UnmarshalInto(utf8, properties);
        }
    }

    /// <summary>Sets the delay level, 1-18 = 1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h (Go: <c>WithDelayTimeLevel</c>).</summary>
    public Message WithDelayTimeLevel(int level)
        => WithProperty(PropertyKeys.DelayTimeLevel, level.ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets an absolute delivery time for 5.x timer brokers (Go: <c>WithDelayTimestamp</c>); 4.x brokers ignore it.</summary>
    public Message WithDeliverTimestamp(DateTimeOffset deliverAt)
        => WithProperty(PropertyKeys.TimerDeliverMs, deliverAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>Sets the tag (Go: <c>WithTag</c>).</summary>
    public Message WithTag(string tags) => WithProperty(PropertyKeys.Tags, tags);

    /// <summary>Sets the keys, joined with spaces (Go: <c>WithKeys</c>).</summary>
    public Message WithKeys(IEnumerable<string> keys) => WithProperty(PropertyKeys.Keys, string.Join(PropertyKeys.KeySeparator, keys));

    /// <summary>Sets the sharding key used by orderly selectors (Go: <c>WithShardingKey</c>).</summary>
    public Message WithShardingKey(string key) => WithProperty(PropertyKeys.ShardingKey, key);

    /// <summary>The tag, or the empty string (Go: <c>GetTags</c>).</summary>
    public string GetTags() => GetProperty(PropertyKeys.Tags);

    /// <summary>The keys as one space separated string, or the empty string (Go: <c>GetKeys</c>).</summary>
    public string GetKeys() => GetProperty(PropertyKeys.Keys);

    /// <summary>The sharding key, or the empty string (Go: <c>GetShardingKey</c>).</summary>
    public string GetShardingKey() => GetProperty(PropertyKeys.ShardingKey);

    /// <summary>This message in batch-body form (Go: <c>Marshal</c>); see <see cref="MessageBatch"/>.</summary>
    public byte[] Marshal() => MessageBatch.Marshal(this);

    /// <summary>
    /// Go's <c>Message.String</c>: <c>[topic=T, body=B, Flag=0, properties=map[KEYS:k TAGS:t], TransactionId=]</c>, the
    /// properties as Go prints a map (sorted by key), not in their wire form with 0x01/0x02 separators.
    /// </summary>
    public override string ToString()
        => $"[topic={Topic}, body={System.Text.Encoding.UTF8.GetString(Body)}, Flag={Flag}, properties={PropertiesText()}, TransactionId={TransactionId}]";

    private string PropertiesText()
    {
        var text = new System.Text.StringBuilder("map[");
        foreach (var (key, value) in GetProperties().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(text.Length > 4 ? " " : "").Append(key).Append(':').Append(value);
        }

        return text.Append(']').ToString();
    }

    /// <summary>Number of properties; for tests and diagnostics.</summary>
    internal int PropertyCount
    {
        get
        {
            var properties = Properties;
            lock (properties)
            {
                MoveDeferredProperties(properties);
                return properties.Count;
            }
        }
    }

    /// <summary>The property map, parsed from the stored form on first use; lock it for every access.</summary>
    private Dictionary<string, string> Properties
    {
        get
        {
            var properties = Volatile.Read(ref _properties);
            if (properties is not null)
            {
                return properties;
            }

            // Two threads may both parse; one map wins and both use it (the stored form does not change).
            var parsed = ParseProperties();
            return Interlocked.CompareExchange(ref _properties, parsed, null) ?? parsed;
        }
    }

    /// <summary>True once the properties are a map (always, except for a decoded message nobody has read yet).</summary>
    private protected bool PropertiesParsed => Volatile.Read(ref _properties) is not null;

    /// <summary>A new map of the stored properties of a message created with parsePropertiesLater.</summary>
    private protected virtual Dictionary<string, string> ParseProperties() => new(StringComparer.Ordinal);

    /// <summary>
    /// For an unparsed message: false when its stored properties certainly lack <paramref name="key"/> (with a
    /// non-empty value), so a read can answer without parsing them.
    /// </summary>
    private protected virtual bool StoredPropertiesMayHold(string key) => true;

    /// <summary>
    /// True when <paramref name="key"/> is a property a subclass keeps outside the map until it is read (a pulled
    /// message's MIN_OFFSET/MAX_OFFSET, see <see cref="MessageExt"/>). Called under the properties lock.
    /// </summary>
    private protected virtual bool IsDeferredProperty(string key) => false;

    /// <summary>
    /// Writes the properties a subclass keeps outside the map into it, once, so every reader and writer of the map
    /// sees them as ordinary properties. Called under the properties lock.
    /// </summary>
    private protected virtual void MoveDeferredProperties(Dictionary<string, string> properties)
    {
    }

    /// <summary>Writes the wire-form properties as UTF-8 into <paramref name="output"/> and returns the byte count.</summary>
    internal int WritePropertiesUtf8(IBufferWriter<byte> output)
    {
        var properties = Properties;
        lock (properties)
        {
            MoveDeferredProperties(properties);
            var length = MessageProperties.GetUtf8Length(properties);
            if (length > 0)
            {
                MessageProperties.WriteUtf8(properties, output.GetSpan(length));
                output.Advance(length);
            }

            return length;
        }
    }

    private sealed class RareFields
    {
        public byte[]? CompressedBody;
        public string? TransactionId;
    }
}
