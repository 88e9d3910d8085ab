using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// A name server and a broker that answer each request with a seeded reaction: often a sane answer (so clients get
/// far enough to talk to the broker), otherwise garbage bytes, a 0x7fffffff or negative length, a header longer
/// than its frame, broken JSON, invalid UTF-8, an unknown opaque, half a frame then close, silence, a close right
/// after accepting, or a garbage request of the server's own. <see cref="Reactions"/> counts them.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    /// <summary>The reactions, in the order of their names in <see cref="ReactionNames"/>.</summary>
    public enum Reaction
    {
        Sane,
        Garbage,
        HugeLength,
        NegativeLength,
        HeaderPastFrame,
        BrokenJson,
        InvalidUtf8,
        UnknownOpaque,
        HalfFrameThenClose,
        Silence,
        AcceptAndClose,
        ServerRequest,
    }

    private static readonly int[] ServerRequestCodes =
    [
        RequestCode.CHECK_TRANSACTION_STATE, RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
        RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT, RequestCode.GET_CONSUMER_RUNNING_INFO, RequestCode.CONSUME_MESSAGE_DIRECTLY,
        RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, 9999,
    ];

    private readonly TcpListener _nameServer;
    private readonly TcpListener _broker;
    private readonly int _seed;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly long[] _counts = new long[Enum.GetValues<Reaction>().Length];
    private readonly Task _accepting;
    private int _connectionSeq;
    private int _disposed;

    public HostileServer(int seed)
    {
        _seed = seed;
        _nameServer = new TcpListener(IPAddress.Loopback, 0);
        _broker = new TcpListener(IPAddress.Loopback, 0);
        _nameServer.Start();
        _broker.Start();
        _accepting = Task.WhenAll(AcceptLoop(_nameServer, isBroker: false), AcceptLoop(_broker, isBroker: true));
    }

    /// <summary>The hostile name server, "127.0.0.1:PORT".</summary>
    public string NameServer => Address(_nameServer);

    /// <summary>The hostile broker (broker-a of every route the name server gives), "127.0.0.1:PORT".</summary>
    public string Broker => Address(_broker);

    public int NameServerPort => ((IPEndPoint)_nameServer.LocalEndpoint).Port;

    public int BrokerPort => ((IPEndPoint)_broker.LocalEndpoint).Port;

    /// <summary>Reactions so far.</summary>
    public long Reactions => _counts.Sum(c => Interlocked.Read(ref c));

    /// <summary>Reactions so far by kind.</summary>
    public string ReactionNames => string.Join(", ", Enum.GetValues<Reaction>().Select(r => $"{r} {Interlocked.Read(ref _counts[(int)r])}"));

    /// <summary>Share of sane answers, in percent.</summary>
    public int SanePercent { get; set; } = 35;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _nameServer.Stop();
        _broker.Stop();
        try
        {
            await _accepting.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopping
        }

        _stop.Dispose();
    }

    private static string Address(TcpListener listener) => "127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

    private async Task AcceptLoop(TcpListener listener, bool isBroker)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var random = new Random(_seed + Interlocked.Increment(ref _connectionSeq));
            var connection = Serve(socket, random, isBroker);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task Serve(Socket socket, Random random, bool isBroker)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (random.Next(100) < 3)
            {
                Count(Reaction.AcceptAndClose);
                return;
            }

            var prefix = new byte[4];
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(prefix, _stop.Token).ConfigureAwait(false);
                var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
                if (length is < 4 or > 64 * 1024 * 1024)
                {
                    return;
                }

                var frame = new byte[length];
                await stream.ReadExactlyAsync(frame, _stop.Token).ConfigureAwait(false);
                var request = RemotingCommandCodec.Decode(frame);
                if (request.IsResponse)
                {
                    continue; // an answer to one of our own requests
                }

                if (!await React(stream, request, random, isBroker).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException or RemotingProtocolException)
        {
            // the client closed, or we stop
        }
    }

    // One reaction to one request; false when the connection is to be closed.
    private async Task<bool> React(NetworkStream stream, RemotingCommand request, Random random, bool isBroker)
    {
        var reaction = random.Next(100) < SanePercent ? Reaction.Sane : (Reaction)(1 + random.Next(_counts.Length - 1));
        Count(reaction);
        switch (reaction)
        {
            case Reaction.Sane:
                await Write(stream, Encode(SaneAnswer(request, isBroker))).ConfigureAwait(false);
                return true;
            case Reaction.Garbage:
                var garbage = new byte[1 + random.Next(256)];
                random.NextBytes(garbage);
                await Write(stream, garbage).ConfigureAwait(false);
                return random.Next(2) == 0;
            case Reaction.HugeLength:
                await Write(stream, new byte[] { 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 10 }).ConfigureAwait(false);
                return true;
            case Reaction.NegativeLength:
                await Write(stream, new byte[] { 0xff, 0xff, 0xff, 0x00, 0, 0, 0, 10 }).ConfigureAwait(false);
                return true;
            case Reaction.HeaderPastFrame:
                await Write(stream, new byte[] { 0, 0, 0, 12, 0, 0, 1, 0, (byte)'{', (byte)'"', (byte)'c', (byte)'o', (byte)'d', (byte)'e', (byte)'"', (byte)':' }).ConfigureAwait(false);
                return true;
            case Reaction.BrokenJson:
                await Write(stream, Frame(Encoding.UTF8.GetBytes($"{{\"code\":0,\"flag\":1,\"opaque\":{request.Opaque},\"extFields\":{{\"a\":"))).ConfigureAwait(false);
                return true;
            case Reaction.InvalidUtf8:
                var head = Encoding.UTF8.GetBytes($"{{\"code\":0,\"flag\":1,\"opaque\":{request.Opaque},\"remark\":\"");
                await Write(stream, Frame([.. head, 0xC3, 0x28, 0xFF, 0xFE, (byte)'"', (byte)'}'])).ConfigureAwait(false);
                return true;
            case Reaction.UnknownOpaque:
                var stray = SaneAnswer(request, isBroker);
                stray.Opaque = request.Opaque ^ (1 << 30);
                await Write(stream, Encode(stray)).ConfigureAwait(false);
                return true;
            case Reaction.HalfFrameThenClose:
                var whole = Encode(SaneAnswer(request, isBroker));
                await Write(stream, whole.AsMemory(0, Math.Max(1, whole.Length / 2))).ConfigureAwait(false);
                return false;
            case Reaction.Silence:
                return true;
            case Reaction.AcceptAndClose:
                return false;
            default:
                var ask = RemotingCommand.CreateRequest(ServerRequestCodes[random.Next(ServerRequestCodes.Length)],
                    new Dictionary<string, string> { ["consumerGroup"] = "\u0001", ["topic"] = "%%", ["msgId"] = "zz", ["clientId"] = "x", ["queueOffset"] = "NaN" });
                var body = new byte[random.Next(64)];
                random.NextBytes(body);
                ask.Body = body;
                await Write(stream, Encode(ask)).ConfigureAwait(false);
                await Write(stream, Encode(SaneAnswer(request, isBroker))).ConfigureAwait(false);
                return true;
        }
    }

    private void Count(Reaction reaction) => Interlocked.Increment(ref _counts[(int)reaction]);

    private static async Task Write(NetworkStream stream, ReadOnlyMemory<byte> bytes)
        => await stream.WriteAsync(bytes).ConfigureAwait(false);

    private static byte[] Encode(RemotingCommand command) => RemotingCommandCodec.EncodeToArray(command);

    // A frame around a JSON header of the given bytes.
    private static byte[] Frame(byte[] header)
    {
        var frame = new byte[8 + header.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, 4 + header.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), header.Length);
        header.CopyTo(frame, 8);
        return frame;
    }

    // What a real name server or broker would answer, just enough to lead clients on.
    private RemotingCommand SaneAnswer(RemotingCommand request, bool isBroker)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        string? body = null;
        switch (request.Code)
        {
            case RequestCode.GET_ROUTEINFO_BY_TOPIC:
                body = $$$"""{"brokerDatas":[{"brokerAddrs":{"0":"{{{Broker}}}"},"brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]}""";
                break;
            case RequestCode.GET_BROKER_CLUSTER_INFO:
                body = $$$"""{"brokerAddrTable":{"broker-a":{"brokerAddrs":{"0":"{{{Broker}}}"},"brokerName":"broker-a","cluster":"DefaultCluster"}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}}""";
                break;
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
                body = """{"topicList":["FaultHostile"]}""";
                break;
            case RequestCode.SEND_MESSAGE or RequestCode.SEND_MESSAGE_V2 or RequestCode.SEND_BATCH_MESSAGE:
                response.SetExtField("msgId", "7F00000100002A9F0000000000000000");
                response.SetExtField("queueId", request.GetExtField(request.Code == RequestCode.SEND_MESSAGE_V2 ? "e" : "queueId") ?? "0");
                response.SetExtField("queueOffset", "0");
                break;
            case RequestCode.PULL_MESSAGE:
                response.Code = ResponseCode.PULL_NOT_FOUND;
                response.SetExtField("nextBeginOffset", "0");
                response.SetExtField("minOffset", "0");
                response.SetExtField("maxOffset", "0");
                response.SetExtField("suggestWhichBrokerId", "0");
                break;
            case RequestCode.QUERY_CONSUMER_OFFSET or RequestCode.GET_MAX_OFFSET or RequestCode.GET_MIN_OFFSET or RequestCode.SEARCH_OFFSET_BY_TIMESTAMP:
                response.SetExtField("offset", "0");
                break;
            case RequestCode.GET_CONSUMER_LIST_BY_GROUP:
                body = """{"consumerIdList":[]}""";
                break;
            case RequestCode.LOCK_BATCH_MQ:
                body = """{"lockOKMQSet":[]}""";
                break;
        }

        if (!isBroker && request.Code is not (RequestCode.GET_ROUTEINFO_BY_TOPIC or RequestCode.GET_BROKER_CLUSTER_INFO or RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER))
        {
            response.Code = ResponseCode.SUCCESS;
        }

        if (body is not null)
        {
            response.Body = Encoding.UTF8.GetBytes(body);
        }

        return response;
    }
}
