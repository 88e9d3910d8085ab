using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Internal;

/// <summary>CHECK_CLIENT_CONFIG before a consumer starts (Java: <c>MQClientInstance.checkClientInBroker</c>).</summary>
internal sealed partial class RMQClient
{
    /// <summary>How long the broker may take to compile a selector (Java: <c>mqClientApiTimeout</c>, 3 s).</summary>
    internal static readonly TimeSpan CheckClientTimeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task CheckClientInBroker(string consumerGroup, IReadOnlyList<SubscriptionData> subscriptions, CancellationToken cancellationToken = default)
    {
        foreach (var subscription in subscriptions)
        {
            if (subscription.ExpType is "" or SubscriptionData.ExpressionTypeTag)
            {
                continue;
            }

            // Java asks one broker of the topic: the brokers of a cluster share their filter settings.
            if (_namesrv.FindBrokerAddrByTopic(subscription.Topic) is not { } addr)
            {
                continue;
            }

            var body = new CheckClientRequestBody { ClientId = ClientID(), Group = consumerGroup, SubscriptionData = subscription };
            var request = RemotingCommand.CreateRequest(RequestCode.CHECK_CLIENT_CONFIG);
            request.Body = body.Encode();
            RemotingCommand response;
            try
            {
                response = await InvokeSync(addr, request, CheckClientTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RemotingException e)
            {
                _logger.LogWarning(e, "could not have broker {Broker} check the {Type} selector of group {Group} on topic {Topic}",
                    addr, subscription.ExpType, consumerGroup, subscription.Topic);
                continue;
            }

            if (response.Code != ResponseCode.SUCCESS)
            {
                var refused = new MQBrokerException(response.Code, response.Remark, addr);
                throw new MQClientException(response.Code,
                    $"broker {addr} refused the {subscription.ExpType} selector \"{subscription.SubString}\" of group {consumerGroup} on topic {subscription.Topic}: {response.Remark}",
                    refused);
            }
        }
    }
}
