namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// One request or response on the wire (Go: <c>remote.RemotingCommand</c>). A frame is the header (JSON or binary,
/// see <see cref="RemotingCommandCodec"/>) followed by an opaque body.
/// </summary>
internal sealed class RemotingCommand
{
    /// <summary>The protocol version this client announces: Java 4.9.8's V4_9_8, as seen in the captures.</summary>
    public const int CurrentVersion = 409;

    private const int ResponseFlagBit = 1 << 0;
    private const int OneWayFlagBit = 1 << 1;

    private static int _opaqueSeed;

    /// <summary>Request code for requests, response code for responses.</summary>
    public int Code { get; set; }

    /// <summary>The sender's language.</summary>
    public LanguageCode Language { get; set; } = LanguageCode.DOTNET;

    /// <summary>The sender's protocol version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>Correlates a response with its request.</summary>
    public int Opaque { get; set; }

    /// <summary>Bit 0: response; bit 1: oneway.</summary>
    public int Flag { get; set; }

    /// <summary>Free text, usually an error description on responses.</summary>
    public string? Remark { get; set; }

    private Dictionary<string, string>? _extFields;
    private LazyHeaderFields? _lazyFields;
    private PackedExtFields? _packedFields;
    private byte[]? _pooledFrame;
    private bool _recyclable;
    private int _written;

    private static readonly BoundedPool<RemotingCommand> Pool = new(512);

    /// <summary>
    /// The header's string fields; null when there are none. On a decoded command the map is built on first access;
    /// <see cref="GetExtField"/> and <see cref="TryGetExtField(string, out long)"/> read single fields without building it.
    /// </summary>
    public Dictionary<string, string>? ExtFields
    {
        get
        {
            DetachLazyFields(materialize: true);
            DetachPackedFields(materialize: true);
            return _extFields;
        }
        set
        {
            DetachLazyFields(materialize: false);
            DetachPackedFields(materialize: false);
            _extFields = value;
        }
    }

    /// <summary>The fields the codec writes straight into the frame, while nobody has asked for <see cref="ExtFields"/>.</summary>
    internal PackedExtFields? PackedFields => Volatile.Read(ref _packedFields);

    /// <summary>The body bytes; empty when the frame has none.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>How the header is (or was) serialized.</summary>
    public SerializeType SerializeType { get; set; } = SerializeType.JSON;

    /// <summary>True for a response.</summary>
    public bool IsResponse => (Flag & ResponseFlagBit) != 0;

    /// <summary>True for a oneway request, which gets no response.</summary>
    public bool IsOneWay => (Flag & OneWayFlagBit) != 0;

    /// <summary>Marks this command as a response.</summary>
    public void MarkResponse() => Flag |= ResponseFlagBit;

    /// <summary>Marks this command as oneway.</summary>
    public void MarkOneWay() => Flag |= OneWayFlagBit;

    /// <summary>A fresh opaque, unique per process until it wraps.</summary>
    public static int NextOpaque() => Interlocked.Increment(ref _opaqueSeed);

    /// <summary>Creates a request with a fresh opaque.</summary>
    public static RemotingCommand CreateRequest(int code, Dictionary<string, string>? extFields = null, ReadOnlyMemory<byte> body = default)
        => new() { Code = code, Opaque = NextOpaque(), ExtFields = extFields, Body = body };

    /// <summary>
    /// Creates a request whose ext fields are <paramref name="fields"/> (see <see cref="PackedExtFields"/>); give them
    /// back with <see cref="ReleasePackedFields"/> once the request is answered (remote does: <see cref="RecycleRequest"/>).
    /// </summary>
    internal static RemotingCommand CreatePackedRequest(int code, PackedExtFields fields, ReadOnlyMemory<byte> body)
    {
        var command = Rent();
        command.Code = code;
        command.Opaque = NextOpaque();
        command._packedFields = fields;
        command.Body = body;
        return command;
    }

    /// <summary>Creates a response to <paramref name="request"/> with the same opaque and serialize type.</summary>
    public static RemotingCommand CreateResponse(RemotingCommand request, int code, string? remark = null) => new()
    {
        Code = code,
        Opaque = request.Opaque,
        Flag = ResponseFlagBit,
        Remark = remark,
        SerializeType = request.SerializeType,
    };

    /// <summary>
    /// Reads an ext field, or null when absent. On a decoded command the value is the instance from
    /// <paramref name="knownValues"/> when it equals one of them, so common values cost no string.
    /// </summary>
    public string? GetExtField(string key, ReadOnlySpan<string> knownValues = default)
    {
        if (_lazyFields is { } lazy)
        {
            lock (lazy)
            {
                if (ReferenceEquals(_lazyFields, lazy))
                {
                    return lazy.Get(key, knownValues);
                }
            }
        }

        if (_packedFields is { } packed)
        {
            lock (packed)
            {
                if (ReferenceEquals(_packedFields, packed))
                {
                    return packed.Get(key);
                }
            }
        }

        return _extFields is not null && _extFields.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>
    /// Reads a decoded command's ext field as the raw UTF-8 bytes of its frame; false when absent, when the value
    /// needs unescaping, or when the command was not decoded (or its fields were already materialized). The span is
    /// valid until remote releases the command.
    /// </summary>
    internal bool TryGetRawExtField(string key, out ReadOnlySpan<byte> utf8)
    {
        if (_lazyFields is { } lazy)
        {
            lock (lazy)
            {
                if (ReferenceEquals(_lazyFields, lazy))
                {
                    return lazy.TryGetRaw(key, out utf8);
                }
            }
        }

        utf8 = default;
        return false;
    }

    /// <summary>Reads an ext field as a decimal integer; on a decoded command this allocates nothing.</summary>
    public bool TryGetExtField(string key, out long value)
    {
        if (_lazyFields is { } lazy)
        {
            lock (lazy)
            {
                if (ReferenceEquals(_lazyFields, lazy))
                {
                    return lazy.TryGetInt64(key, out value);
                }
            }
        }

        value = 0;
        return GetExtField(key) is { } text && long.TryParse(text, out value);
    }

    /// <summary>
    /// Hands the pooled frame buffer of a decoded command back to the pool. Only remote calls this, once nobody can
    /// read the command any more (a reader returned, a processor declared done on return): afterwards
    /// <see cref="Body"/> is empty and ext fields not yet read are gone. A command that is never released is simply
    /// collected.
    /// </summary>
    internal void Release()
    {
        var frame = Interlocked.Exchange(ref _pooledFrame, null);
        if (frame is null)
        {
            return;
        }

        DetachLazyFields(materialize: false);
        Body = default;
        FrameBuffers.Return(frame);
    }

    /// <summary>
    /// A blank command from the pool (decoded frames, send requests). It may be given back with
    /// <see cref="Recycle"/> by its one owner unless <see cref="MarkShared"/> said others may keep it.
    /// </summary>
    internal static RemotingCommand Rent()
    {
        var command = Pool.TryRent() ?? new RemotingCommand();
        command._recyclable = true;
        return command;
    }

    /// <summary>Someone besides the owner (an RPC hook, say) has seen this command and may keep it: never recycle it.</summary>
    internal void MarkShared() => _recyclable = false;

    /// <summary>
    /// <see cref="Release"/>, then the command object itself goes back to the pool when it came from there and was
    /// never shared. Only the sole owner calls this, once nothing else can reach the command: a response once
    /// handled, a request once answered (so the transport has written it and forgotten it).
    /// </summary>
    internal void Recycle()
    {
        Release();
        if (!_recyclable)
        {
            return;
        }

        _recyclable = false;
        if (_packedFields is { } packed)
        {
            ReleasePackedFields(packed);
        }

        DetachLazyFields(materialize: false);
        _extFields = null;
        _written = 0;
        Code = 0;
        Language = LanguageCode.DOTNET;
        Version = CurrentVersion;
        Opaque = 0;
        Flag = 0;
        Remark = null;
        Body = default;
        SerializeType = SerializeType.JSON;
        Pool.Return(this);
    }

    /// <summary>The codec has written this command out in full; nothing on the write path reads it any more.</summary>
    internal void MarkWritten() => Volatile.Write(ref _written, 1);

    /// <summary>
    /// A request whose answer (or failure) is in: its pooled header fields, and the command itself when it came from
    /// the pool and nobody else may keep it, go back. A request that may not have been written in full yet (it failed
    /// or timed out while queued, or a hostile peer answered an opaque before it was sent) is left to the collector:
    /// the writer may still read it.
    /// </summary>
    internal void RecycleRequest()
    {
        if (Volatile.Read(ref _written) == 0)
        {
            return;
        }

        if (_packedFields is { } packed)
        {
            ReleasePackedFields(packed); // also when shared: fields a hook looked at were materialized, not these
        }

        Recycle();
    }

    internal void AttachDecodedFrame(byte[]? pooledFrame, LazyHeaderFields? fields)
    {
        _pooledFrame = pooledFrame;
        _extFields = null;
        _lazyFields = fields;
    }

    /// <summary>
    /// Gives <paramref name="fields"/> back to their pool when this command still carries them (nobody materialized
    /// or replaced them); the command then has no ext fields. Only once the request was answered: until then the
    /// transport may still be encoding it. A oneway request's fields are given back by the codec once written.
    /// </summary>
    internal bool ReleasePackedFields(PackedExtFields fields)
    {
        lock (fields)
        {
            if (!ReferenceEquals(_packedFields, fields))
            {
                return false;
            }

            _packedFields = null;
        }

        PackedExtFields.Return(fields);
        return true;
    }

    /// <summary>Detaches the lazy fields (readers check under the same lock), first building the map from them when asked.</summary>
    private void DetachLazyFields(bool materialize)
    {
        if (_lazyFields is not { } lazy)
        {
            return;
        }

        lock (lazy)
        {
            if (ReferenceEquals(_lazyFields, lazy))
            {
                _extFields = materialize ? lazy.Materialize() : _extFields;
                _lazyFields = null;
                lazy.Dispose();
            }
        }
    }

    /// <summary>
    /// Detaches the packed fields, first building the map from them when asked; not back to their pool, as the
    /// transport may be encoding from them right now.
    /// </summary>
    private void DetachPackedFields(bool materialize)
    {
        if (_packedFields is not { } packed)
        {
            return;
        }

        lock (packed)
        {
            if (ReferenceEquals(_packedFields, packed))
            {
                _extFields = materialize ? packed.ToDictionary() : _extFields;
                Volatile.Write(ref _packedFields, null);
            }
        }
    }

    /// <summary>Sets an ext field, creating the map when needed.</summary>
    public void SetExtField(string key, string value) => (ExtFields ??= new Dictionary<string, string>())[key] = value;

    /// <inheritdoc />
    public override string ToString()
        => $"RemotingCommand[code={Code}, language={Language}, version={Version}, opaque={Opaque}, flag(B)={Convert.ToString(Flag, 2)}, remark={Remark}, extFields={(ExtFields is null ? "{}" : "{" + string.Join(", ", ExtFields.Select(kv => kv.Key + "=" + kv.Value)) + "}")}, serializeTypeCurrentRPC={SerializeType}, bodyLength={Body.Length}]";
}
