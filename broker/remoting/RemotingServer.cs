using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Remoting;

/// <summary>
/// Accepts RocketMQ remoting connections and hands each request to the processor registered for its code
/// (Java: <c>NettyRemotingServer</c>; the Go client has none). Used by the embedded broker and by tests.
/// </summary>
/// <remarks>
/// A processor starts on the connection's read loop, so requests of one connection begin in arrival order (Java's
/// single send thread gives the same order); it must not block: anything slow should be awaited, which frees the
/// read loop at once. A processor may return null and answer later with <see cref="RemotingChannel.SendResponse"/>.
/// </remarks>
internal sealed class RemotingServer : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly RemotingServerOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionSettings _settings;
    private readonly TimeoutWheel _wheel = new();
    private readonly ConcurrentDictionary<int, (Func<RemotingCommand, RemotingChannel, ValueTask<RemotingCommand?>> Processor, bool DoneOnReturn)> _processors = new();
    private readonly ConcurrentDictionary<RemotingChannel, byte> _channels = new(ReferenceEqualityComparer.Instance);
    private readonly CancellationTokenSource _accepting = new();
    private Func<RemotingCommand, RemotingChannel, ValueTask<RemotingCommand?>>? _defaultProcessor;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _started;
    private int _stopped;
    private Task? _stopTask;

    /// <summary>Creates a server that will listen on <paramref name="endPoint"/> (port 0 picks a free port).</summary>
    public RemotingServer(IPEndPoint endPoint, RemotingServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _endPoint = endPoint;
        _options = options ?? new RemotingServerOptions();
        _logger = _options.LoggerFactory.CreateLogger<RemotingServer>();
        _settings = new ConnectionSettings(_options.MaxFrameLength, _options.WriteQueueCapacity);
    }

    /// <summary>The bound endpoint, with the real port; set by <see cref="Start"/>.</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>"ip:port" of <see cref="LocalEndPoint"/>, the address clients use.</summary>
    public string Address => LocalEndPoint.ToString();

    /// <summary>Open connections.</summary>
    public int OpenChannelCount => _channels.Count;

    /// <summary>A snapshot of the open connections.</summary>
    public IReadOnlyCollection<RemotingChannel> Channels => _channels.Keys.ToArray();

    /// <summary>Raised (on the accepting task) when a connection is accepted, before its first request is read.</summary>
    public event Action<RemotingChannel>? ChannelOpened;

    /// <summary>Raised once when a connection closes, whoever closed it.</summary>
    public event Action<RemotingChannel>? ChannelClosed;

    /// <summary>
    /// Handles requests with <paramref name="code"/>; returns the response, or null to send none (yet). With
    /// <paramref name="doneOnReturn"/> the processor declares that neither it nor its response uses the request
    /// (its body, its ext fields) once its returned task completed, so remote hands the request's pooled frame back
    /// then; otherwise the request is the processor's to keep (a long poll holds it) and the collector takes it.
    /// </summary>
    public void RegisterProcessor(int code, Func<RemotingCommand, RemotingChannel, ValueTask<RemotingCommand?>> processor, bool doneOnReturn = false)
    {
        ArgumentNullException.ThrowIfNull(processor);
        _processors[code] = (processor, doneOnReturn);
    }

    /// <summary>Handles every code without its own processor (otherwise those get REQUEST_CODE_NOT_SUPPORTED).</summary>
    public void RegisterDefaultProcessor(Func<RemotingCommand, RemotingChannel, ValueTask<RemotingCommand?>> processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        Volatile.Write(ref _defaultProcessor, processor);
    }

    /// <summary>Binds, listens and starts accepting.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the server is already started");
        }

        var listener = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true; // "[::]:port" serves IPv4 clients too
            }

            listener.Bind(_endPoint);
            listener.Listen(_options.Backlog);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(listener);
        _logger.LogInformation("remoting server listening on {EndPoint}{Tls}", LocalEndPoint, _options.ServerCertificate is null || _options.TlsMode == TlsMode.Disabled ? "" : $" (TLS, {_options.TlsMode})");
    }

    /// <summary>Stops accepting new connections; open ones keep working (fault injection, draining).</summary>
    public void StopAccepting()
    {
        _accepting.Cancel();
        _listener?.Dispose();
    }

    /// <summary>Stops accepting, closes every connection (failing requests pending on them) and waits for their loops, within a bound.</summary>
    public Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return Volatile.Read(ref _stopTask) ?? Task.CompletedTask;
        }

        var task = StopCoreAsync();
        Volatile.Write(ref _stopTask, task);
        return task;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopCoreAsync()
    {
        StopAccepting();
        var loops = new List<Task> { _acceptLoop };
        foreach (var channel in _channels.Keys)
        {
            loops.Add(channel.Connection.CloseGracefullyAsync(_options.ShutdownTimeout / 2)); // queued responses still go out
        }

        try
        {
            await Task.WhenAll(loops).WaitAsync(_options.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("remoting server {EndPoint}: loops still running after {Timeout} ms", LocalEndPoint, _options.ShutdownTimeout.TotalMilliseconds);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "remoting server {EndPoint}: a loop ended with an error", LocalEndPoint);
        }

        _wheel.Dispose();
        _logger.LogInformation("remoting server {EndPoint} stopped", LocalEndPoint);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        await Task.Yield();
        var token = _accepting.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (token.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }
            catch (SocketException e)
            {
                // e.g. the peer reset before accept, or out of descriptors: keep serving the others.
                _logger.LogWarning(e, "remoting server {EndPoint}: accept failed", LocalEndPoint);
                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            _ = OpenChannelAsync(socket);
        }
    }

    private async Task OpenChannelAsync(Socket socket)
    {
        Stream? stream = null;
        try
        {
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.ServerCertificate is { } certificate && _options.TlsMode != TlsMode.Disabled)
            {
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_accepting.Token);
                handshake.CancelAfter(_options.TlsHandshakeTimeout);
                if (_options.TlsMode == TlsMode.Enforcing || await ServerTls.StartsWithHandshake(socket, handshake.Token).ConfigureAwait(false))
                {
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsServerAsync(ServerTls.Options(_options, certificate), handshake.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning("remoting server {EndPoint}: dropping {Remote} before its first request: {Reason}", LocalEndPoint, SafeRemote(socket), e.Message);
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            return;
        }

        var channel = new RemotingChannel(this);
        var address = SafeRemote(socket);
        var connection = new TcpConnection(socket, stream, address, _settings, channel, _wheel, _logger);
        channel.Attach(connection);
        _channels.TryAdd(channel, 0);
        // StopAsync raises the flag before walking the channels: it either sees this one or we see the flag.
        if (Volatile.Read(ref _stopped) != 0)
        {
            _channels.TryRemove(channel, out _); // never announced, so no ChannelClosed either
            connection.Close(null);
            return;
        }

        Raise(ChannelOpened, channel, "ChannelOpened");
        connection.Start();
    }

    internal void Dispatch(RemotingChannel channel, RemotingCommand request)
    {
        if (_processors.TryGetValue(request.Code, out var registered))
        {
            RequestDispatch.Run(registered.Processor, request, channel, channel.Connection, _logger, registered.DoneOnReturn);
            return;
        }

        if (Volatile.Read(ref _defaultProcessor) is { } fallback)
        {
            RequestDispatch.Run(fallback, request, channel, channel.Connection, _logger, doneOnReturn: false);
            return;
        }

        _logger.LogWarning("remoting server {EndPoint}: request code {Code} from {Remote} has no processor", LocalEndPoint, request.Code, channel.RemoteAddress);
        RequestDispatch.Respond(request, RequestDispatch.NotSupported(request), channel.Connection, _logger);
    }

    internal void OnChannelClosed(RemotingChannel channel)
    {
        if (_channels.TryRemove(channel, out _))
        {
            Raise(ChannelClosed, channel, "ChannelClosed");
        }
    }

    private void Raise(Action<RemotingChannel>? handlers, RemotingChannel channel, string name)
    {
        if (handlers is null)
        {
            return;
        }

        try
        {
            handlers(channel);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "remoting server {EndPoint}: {Event} handler threw for {Remote}", LocalEndPoint, name, channel.RemoteAddress);
        }
    }

    private static string SafeRemote(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() ?? "unknown";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return "unknown";
        }
    }
}
