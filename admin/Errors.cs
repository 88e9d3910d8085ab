using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Admin;

/// <summary>No name server has a route for the topic (code <see cref="ClientErrors.ErrTopicNotExist"/>).</summary>
public sealed class TopicNotExistException : MQClientException
{
    /// <summary>Creates the exception.</summary>
    public TopicNotExistException(string topic, string detail, Exception? inner = null)
        : base(ClientErrors.ErrTopicNotExist, $"topic {topic} does not exist: {detail}", inner)
    {
        Topic = topic;
    }

    /// <summary>The topic asked for (with its namespace).</summary>
    public string Topic { get; }
}

/// <summary>
/// The consumer group, or one client of it, has no live connection to any broker asked (code
/// <see cref="ResponseCode.CONSUMER_NOT_ONLINE"/>, as Java's admin).
/// </summary>
public sealed class ConsumerNotOnlineException : MQClientException
{
    /// <summary>Creates the exception.</summary>
    public ConsumerNotOnlineException(string group, string? clientId, string detail, Exception? inner = null)
        : base(ResponseCode.CONSUMER_NOT_ONLINE, clientId is null ? $"consumer group {group} is not online: {detail}" : $"consumer {clientId} of group {group} is not online: {detail}", inner)
    {
        Group = group;
        ClientId = clientId;
    }

    /// <summary>The group (with its namespace).</summary>
    public string Group { get; }

    /// <summary>The client asked for, if one was.</summary>
    public string? ClientId { get; }
}

/// <summary>No message matches the id asked for (code <see cref="ResponseCode.NO_MESSAGE"/>).</summary>
public sealed class MessageNotFoundException : MQClientException
{
    /// <summary>Creates the exception.</summary>
    public MessageNotFoundException(string msgId, string detail, Exception? inner = null)
        : base(ResponseCode.NO_MESSAGE, $"message {msgId} not found: {detail}", inner)
    {
        MsgId = msgId;
    }

    /// <summary>The id asked for.</summary>
    public string MsgId { get; }
}

/// <summary>
/// A broker, or every name server, could not be reached while doing an admin operation. A
/// <see cref="RemotingConnectException"/>, so code catching transport failures still catches it; the message names
/// the operation and the address.
/// </summary>
public sealed class BrokerNotAvailableException : RemotingConnectException
{
    /// <summary>Creates the exception.</summary>
    public BrokerNotAvailableException(string address, string operation, Exception? inner = null)
        : base(address, $"{operation}: {address} is not reachable{(inner is null ? "" : " (" + inner.Message + ")")}", inner)
    {
        Operation = operation;
    }

    /// <summary>What the admin was doing.</summary>
    public string Operation { get; }
}
