namespace RocketMQ.Go.Port.Primitive;

/// <summary>Base of every exception this client throws (Go: the errors returned next to results).</summary>
public class RocketMQException : Exception
{
    /// <summary>Creates the exception with a message and an optional cause.</summary>
    public RocketMQException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A client-side error (Go: <c>primitive.MQClientErr</c>): wrong options, bad input, client state.</summary>
public class MQClientException : RocketMQException
{
    /// <summary>Creates the exception.</summary>
    public MQClientException(int code, string message, Exception? inner = null)
        : base($"CODE: {code}  DESC: {message}", inner)
    {
        Code = code;
        Description = message;
    }

    /// <summary>Creates the exception with code -1 (no specific code).</summary>
    public MQClientException(string message, Exception? inner = null) : this(-1, message, inner) { }

    /// <summary>The client error code (Go's ErrCode).</summary>
    public int Code { get; }

    /// <summary>The description without the code prefix.</summary>
    public string Description { get; }
}

/// <summary>The broker or name server answered with a failure code (Go: <c>primitive.MQBrokerErr</c>).</summary>
public class MQBrokerException : RocketMQException
{
    /// <summary>Creates the exception.</summary>
    public MQBrokerException(int responseCode, string? remark, string? brokerAddress = null)
        : base($"CODE: {responseCode}  DESC: {remark ?? "(no remark)"}" + (brokerAddress is null ? "" : $"  BROKER: {brokerAddress}"))
    {
        ResponseCode = responseCode;
        Remark = remark;
        BrokerAddress = brokerAddress;
    }

    /// <summary>The response code the server sent (see ResponseCode in remote).</summary>
    public int ResponseCode { get; }

    /// <summary>The server's remark, if any.</summary>
    public string? Remark { get; }

    /// <summary>The address that answered, if known.</summary>
    public string? BrokerAddress { get; }
}

/// <summary>Base of transport-level failures.</summary>
public class RemotingException : RocketMQException
{
    /// <summary>Creates the exception.</summary>
    public RemotingException(string message, string? address = null, Exception? inner = null) : base(message, inner)
    {
        Address = address;
    }

    /// <summary>The remote address involved, if any.</summary>
    public string? Address { get; }
}

/// <summary>A connection could not be opened, or it dropped while a request was pending.</summary>
public class RemotingConnectException : RemotingException
{
    /// <summary>Creates the exception.</summary>
    public RemotingConnectException(string address, string reason, Exception? inner = null)
        : base($"connect to {address} failed: {reason}", address, inner) { }
}

/// <summary>No response arrived within the timeout (Go: <c>ErrRequestTimeout</c>).</summary>
public class RemotingTimeoutException : RemotingException
{
    /// <summary>Creates the exception.</summary>
    public RemotingTimeoutException(string address, TimeSpan timeout, int code = 0)
        : base($"request{(code == 0 ? "" : $" code {code}")} to {address} timed out after {timeout.TotalMilliseconds:0} ms", address)
    {
        Timeout = timeout;
    }

    /// <summary>Creates the exception with a message of its own (say what was waited for).</summary>
    public RemotingTimeoutException(string address, TimeSpan timeout, string message, Exception? inner = null)
        : base(message, address, inner)
    {
        Timeout = timeout;
    }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>A request could not be written to the connection.</summary>
public class RemotingSendRequestException : RemotingException
{
    /// <summary>Creates the exception.</summary>
    public RemotingSendRequestException(string address, string reason, Exception? inner = null)
        : base($"send request to {address} failed: {reason}", address, inner) { }
}

/// <summary>The peer sent bytes that are not a valid RocketMQ remoting frame.</summary>
public class RemotingProtocolException : RemotingException
{
    /// <summary>Creates the exception.</summary>
    public RemotingProtocolException(string message, string? address = null, Exception? inner = null)
        : base(message, address, inner) { }
}
