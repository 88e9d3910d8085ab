using System.Net.Sockets;

namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// No name server answered a query (Go: the error of <c>queryTopicRouteInfoFromServer</c>). A
/// <see cref="RemotingConnectException"/>; the message names each name server and what went wrong with it ("refused
/// the connection", "did not answer within 6000 ms"); the inner exception is the first one's failure.
/// </summary>
public sealed class NameServerUnreachableException : RemotingConnectException
{
    private readonly string _message;

    /// <summary>Creates the exception: <paramref name="what"/> was asked of each name server in <paramref name="failures"/>, in vain.</summary>
    public NameServerUnreachableException(string what, IReadOnlyList<(string Addr, Exception Error)> failures)
        : base(string.Join(';', failures.Select(f => f.Addr)), what, failures.Count > 0 ? failures[0].Error : null)
    {
        Failures = failures.Select(f => f.Error).ToArray();
        _message = $"no name server answered {what}: {string.Join("; ", failures.Select(f => Describe(f.Addr, f.Error)))}";
    }

    /// <summary>Each name server's failure, in the order they were asked.</summary>
    public IReadOnlyList<Exception> Failures { get; }

    /// <inheritdoc />
    public override string Message => _message;

    /// <summary>What went wrong with one address, in words ("127.0.0.1:1 refused the connection").</summary>
    public static string Describe(string addr, Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return $"{addr} refused the connection";
            }
        }

        return error switch
        {
            RemotingTimeoutException t => $"{addr} did not answer within {t.Timeout.TotalMilliseconds:0} ms",
            RemotingConnectException when error.Message.Contains("timed out", StringComparison.OrdinalIgnoreCase) => $"{addr} did not accept the connection in time ({error.Message})",
            _ => $"{addr}: {error.Message}",
        };
    }
}
