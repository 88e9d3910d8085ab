using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A server on 127.0.0.1 that accepts connections, reads whatever arrives and never answers: a hung name server or
/// broker. Optionally it announces a frame of <see cref="AnnounceFrameLength"/> bytes to every connection and then
/// sends nothing more.
/// </summary>
public sealed class StallingServer : IAsyncDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private readonly Task _acceptLoop;
    private int _connections;

    public StallingServer(int? announceFrameLength = null)
    {
        AnnounceFrameLength = announceFrameLength;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";
        _acceptLoop = AcceptLoop();
    }

    /// <summary>"127.0.0.1:port".</summary>
    public string Address { get; }

    /// <summary>When set, each connection gets a 4-byte frame length of this value and nothing else.</summary>
    public int? AnnounceFrameLength { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the listener was closed under it
        }

        lock (_accepted)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            lock (_accepted)
            {
                _accepted.Add(socket);
            }

            _ = Drain(socket);
        }
    }

    private async Task Drain(Socket socket)
    {
        var buffer = new byte[4096];
        try
        {
            if (AnnounceFrameLength is { } length)
            {
                var header = new byte[4];
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, length);
                await socket.SendAsync(header, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }

            while (await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // closed
        }
    }
}

/// <summary>Addresses where nothing listens, and listeners whose accept queue is full (connects hang).</summary>
public static class DeadEnds
{
    /// <summary>An address where nothing listens: a connect is refused at once.</summary>
    public static string RefusingAddress()
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return $"127.0.0.1:{((IPEndPoint)probe.LocalEndPoint!).Port}";
    }
}

/// <summary>
/// A listener that never accepts, with its accept queue filled: further connects get no answer until the client's
/// connection timeout. Dispose closes the listener and the fillers.
/// </summary>
public sealed class FullAcceptQueue : IDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    public FullAcceptQueue()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        var endPoint = (IPEndPoint)_listener.LocalEndPoint!;
        Address = $"127.0.0.1:{endPoint.Port}";
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(filler);

            // The first few complete, the rest wait; their outcome does not matter, so it is observed here.
            filler.ConnectAsync(endPoint).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    /// <summary>"127.0.0.1:port".</summary>
    public string Address { get; }

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}

/// <summary>
/// Counts unobserved task exceptions whose text mentions one of the given markers (an address, a topic), so that
/// tests running in parallel in the same process cannot blame each other.
/// </summary>
public sealed class UnobservedTaskExceptions : IDisposable
{
    private readonly string[] _markers;
    private readonly List<Exception> _seen = [];

    public UnobservedTaskExceptions(params string[] markers)
    {
        _markers = markers;
        TaskScheduler.UnobservedTaskException += OnUnobserved;
    }

    /// <summary>Collects what is collectable, runs the finalizers that raise the event, and returns what was seen.</summary>
    public IReadOnlyList<Exception> Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        lock (_seen)
        {
            return [.. _seen];
        }
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    private void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        var text = e.Exception.ToString();
        if (_markers.Any(m => text.Contains(m, StringComparison.Ordinal)))
        {
            lock (_seen)
            {
                _seen.Add(e.Exception);
            }
        }
    }
}
