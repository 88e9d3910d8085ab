namespace RocketMQ.Go.Port.Consumer;

/// <summary>Helpers for request/reply messages and retried messages (Go: message_util.go).</summary>
public static class MessageUtil
{
    /// <summary>
    /// Builds the reply to a request message (Go: <c>CreateReplyMessage</c>): topic <c>&lt;cluster&gt;_REPLY_TOPIC</c>,
    /// the request's correlation id, reply-to client and TTL, and <paramref name="body"/>.
    /// </summary>
    /// <exception cref="MQClientException">The request is null or carries no CLUSTER property.</exception>
    public static Message CreateReplyMessage(MessageExt? requestMessage, byte[] body)
    {
        if (requestMessage is null)
        {
            throw new MQClientException(ClientErrors.CreateReplyMessageException, "create reply message fail, requestMessage cannot be null");
        }

        var cluster = requestMessage.GetProperty(PropertyKeys.Cluster);
        if (cluster.Length == 0)
        {
            // Go formats the (empty) value instead of the property name into this message.
            throw new MQClientException(ClientErrors.CreateReplyMessageException, $"create reply message fail, requestMessage error, property[\"{PropertyKeys.Cluster}\"] is null");
        }

        var reply = new Message(Constants.GetReplyTopic(cluster), body);
        reply.WithProperty(PropertyKeys.MsgType, Constants.ReplyMessageFlag);
        reply.WithProperty(PropertyKeys.CorrelationId, requestMessage.GetProperty(PropertyKeys.CorrelationId));
        reply.WithProperty(PropertyKeys.MessageReplyToClient, requestMessage.GetProperty(PropertyKeys.MessageReplyToClient));
        reply.WithProperty(PropertyKeys.MessageTtl, requestMessage.GetProperty(PropertyKeys.MessageTtl));
        return reply;
    }

    /// <summary>The client a reply goes to (Go: <c>GetReplyToClient</c>).</summary>
    public static string GetReplyToClient(MessageExt msg) => msg.GetProperty(PropertyKeys.MessageReplyToClient);

    /// <summary>
    /// Gives a message redelivered through <c>%RETRY%&lt;group&gt;</c> its original topic back (from RETRY_TOPIC), so
    /// handlers see the topic they subscribed to (Go: <c>resetRetryAndNamespace</c>).
    /// </summary>
    internal static void ResetRetryTopic(MessageExt msg, string retryTopicOfGroup)
    {
        var original = msg.GetProperty(PropertyKeys.RetryTopic);
        if (original.Length > 0 && msg.Topic == retryTopicOfGroup)
        {
            msg.Topic = original;
        }
    }
}
