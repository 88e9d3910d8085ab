using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace RocketMQ.Go.Port.Remote;

/// <summary>Opens a client socket, optionally wrapped in TLS (Go: <c>initConn</c> in tcp_conn.go).</summary>
internal static class TcpDialer
{
    public static async Task<(Socket Socket, Stream Stream)> ConnectAsync(string address, RemotingClientOptions options, CancellationToken cancellationToken)
    {
        var (endPoint, host) = ParseAddress(address);
        var socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        Stream? stream = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectionTimeout);
        try
        {
            Configure(socket, options);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.UseTls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(TlsOptions(options, host), timeout.Token).ConfigureAwait(false);
            }

            return (socket, stream);
        }
        catch (Exception e)
        {
            stream?.Dispose(); // owns the socket, when there is one
            socket.Dispose();
            throw e switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => e,
                OperationCanceledException => TimedOut(address, options),
                AuthenticationException => new RemotingConnectException(address, $"TLS handshake failed: {e.Message}", e),
                _ => new RemotingConnectException(address, e.Message, e),
            };
        }
    }

    /// <summary>
    /// As <see cref="ConnectAsync"/>, for a connection with a dedicated reader thread: no asynchronous call ever
    /// touches the socket, so it stays a plain blocking socket whose reader the kernel wakes directly (.NET switches a
    /// socket to epoll-driven emulation for good after its first asynchronous call). Plain TCP only; runs on its own
    /// thread, the connect bounded by the send timeout.
    /// </summary>
    public static Task<(Socket Socket, Stream Stream)> ConnectBlockingAsync(string address, RemotingClientOptions options, CancellationToken cancellationToken)
        => Task.Factory.StartNew(
            () => ConnectBlocking(address, options, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);

    private static (Socket Socket, Stream Stream) ConnectBlocking(string address, RemotingClientOptions options, CancellationToken cancellationToken)
    {
        var (endPoint, host) = ParseAddress(address);
        var deadline = Environment.TickCount64 + (long)options.ConnectionTimeout.TotalMilliseconds;
        var candidates = endPoint is IPEndPoint ip ? [ip] : ResolveBlocking(address, host, ((DnsEndPoint)endPoint).Port);
        cancellationToken.ThrowIfCancellationRequested();
        Exception? last = null;
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                Configure(socket, options);
                ConnectWithin(socket, candidate, deadline, address, options, cancellationToken);
                return (socket, new NetworkStream(socket, ownsSocket: true));
            }
            catch (Exception e)
            {
                socket.Dispose();
                if (e is OperationCanceledException)
                {
                    throw;
                }

                last = e as RemotingConnectException ?? new RemotingConnectException(address, e.Message, e);
            }
        }

        throw last ?? new RemotingConnectException(address, $"{host} resolves to no address");
    }

    // Never non-blocking, not even for the connect: .NET keeps a socket that was non-blocking once in epoll-driven
    // emulation for good. Linux bounds a blocking connect by SO_SNDTIMEO, which is the timeout here.
    private static void ConnectWithin(Socket socket, IPEndPoint endPoint, long deadline, string address, RemotingClientOptions options, CancellationToken cancellationToken)
    {
        var remaining = deadline - Environment.TickCount64;
        if (remaining <= 0)
        {
            throw TimedOut(address, options);
        }

        socket.SendTimeout = (int)Math.Min(remaining, int.MaxValue);
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.InProgress)
        {
            throw TimedOut(address, options);
        }

        socket.SendTimeout = 0;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static IPEndPoint[] ResolveBlocking(string address, string host, int port)
    {
        try
        {
            return Array.ConvertAll(Dns.GetHostAddresses(host), ip => new IPEndPoint(ip, port));
        }
        catch (SocketException e)
        {
            throw new RemotingConnectException(address, $"cannot resolve {host}: {e.Message}", e);
        }
    }

    private static RemotingConnectException TimedOut(string address, RemotingClientOptions options)
        => new(address, $"no connection within {options.ConnectionTimeout.TotalMilliseconds:0} ms");

    private static void Configure(Socket socket, RemotingClientOptions options)
    {
        socket.NoDelay = true; // sync request latency matters more than packet count; writes are batched anyway
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        if (options.KeepAliveDuration > TimeSpan.Zero)
        {
            var seconds = Math.Max(1, (int)options.KeepAliveDuration.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, seconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, seconds);
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(RemotingClientOptions options, string host)
    {
        var tls = new SslClientAuthenticationOptions
        {
            TargetHost = options.TlsServerName ?? host,
            ClientCertificates = options.TlsClientCertificates,
            EnabledSslProtocols = options.TlsProtocols,
        };
        if (options.TlsTrustedCertificates is { Count: > 0 } roots)
        {
            tls.CertificateChainPolicy = TrustOnly(roots);
        }

        if (options.TlsClientCertificates is { Count: > 0 } mine)
        {
            // Sent whatever issuers the server lists, as Netty's client sends its configured certificate; .NET would
            // otherwise send none when the server's list (or its absence) does not name the certificate's issuer.
            tls.LocalCertificateSelectionCallback = (_, _, _, _, _) => mine[0];
        }

        if (options.TlsCertificateValidation is { } validate)
        {
            tls.RemoteCertificateValidationCallback = validate;
        }
        else if (options.TlsInsecureSkipVerify)
        {
            tls.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }

        return tls;
    }

    /// <summary>Splits "host:port" (IPv6 as "[::1]:port").</summary>
    internal static (EndPoint EndPoint, string Host) ParseAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new RemotingConnectException(address, "the address is not host:port");
        }

        var host = address[..colon];
        if (host.Length > 1 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }

        return IPAddress.TryParse(host, out var ip) ? (new IPEndPoint(ip, port), host) : (new DnsEndPoint(host, port), host);
    }

    /// <summary>A chain policy that trusts exactly <paramref name="roots"/> (a private CA, or self-signed certificates themselves).</summary>
    public static X509ChainPolicy TrustOnly(X509Certificate2Collection roots)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
