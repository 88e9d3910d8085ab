using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using RocketMQ.Go.Port.Primitive;

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
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw e switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => e,
                OperationCanceledException => new RemotingConnectException(address, $"no connection within {options.ConnectionTimeout.TotalMilliseconds:0} ms"),
                AuthenticationException => new RemotingConnectException(address, $"TLS handshake failed: {e.Message}", e),
                _ => new RemotingConnectException(address, e.Message, e),
            };
        }
    }

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
        };
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
}
