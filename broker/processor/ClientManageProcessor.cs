using System.Text.Json;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Remote;
using UnregisterClientRequestHeader = RocketMQ.Go.Port.Internal.UnregisterClientRequestHeader;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>HEART_BEAT (34), UNREGISTER_CLIENT (35), CHECK_CLIENT_CONFIG (46) (Java: ClientManageProcessor).</summary>
internal sealed class ClientManageProcessor(BrokerController broker)
{
    private readonly ILogger _logger = broker.LoggerFactory.CreateLogger("RocketMQ.Broker.Clients");

    public RemotingCommand HeartBeat(RemotingCommand request, ServerChannel channel)
    {
        HeartbeatBody? heartbeat;
        try
        {
            heartbeat = JsonSerializer.Deserialize<HeartbeatBody>(request.Body.Span, JsonOptions);
        }
        catch (JsonException e)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed heartbeat body: " + e.Message);
        }

        if (heartbeat?.ClientID is not { Length: > 0 } clientId)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "heartbeat without clientID");
        }

        var now = broker.Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var consumer in heartbeat.ConsumerDataSet ?? [])
        {
            if (string.IsNullOrEmpty(consumer.GroupName))
            {
                continue;
            }

            var groupConfig = broker.Groups.Find(consumer.GroupName);
            var notify = groupConfig?.NotifyConsumerIdsChangedEnable ?? true;
            if (groupConfig is { RetryQueueNums: > 0 })
            {
                broker.Topics.CreateInSendMessageBack(Internal.Constants.RetryGroupTopicPrefix + consumer.GroupName, groupConfig.RetryQueueNums, PermName.Read | PermName.Write, 0);
            }

            var subscriptions = new List<SubscriptionData>();
            foreach (var sub in consumer.SubscriptionDataSet ?? [])
            {
                if (string.IsNullOrEmpty(sub.Topic))
                {
                    continue;
                }

                try
                {
                    var data = SubscriptionData.Build(sub.Topic, sub.SubString, sub.ExpressionType, sub.SubVersion);
                    data.ClassFilterMode = sub.ClassFilterMode;
                    subscriptions.Add(data);
                }
                catch (FormatException e)
                {
                    // Java registers the subscription and only its filter data is missing.
                    _logger.LogWarning("consumer {ClientId} of {Group}: bad subscription '{Sub}' on {Topic}: {Reason}", clientId, consumer.GroupName, sub.SubString, sub.Topic, e.Message);
                    var data = SubscriptionData.Uncompiled(sub.Topic, sub.SubString, sub.ExpressionType, sub.SubVersion);
                    data.ClassFilterMode = sub.ClassFilterMode;
                    subscriptions.Add(data);
                }
            }

            var info = new ClientChannelInfo(channel, clientId, request.Language, request.Version, now);
            if (broker.Consumers.Register(consumer.GroupName, info, consumer.ConsumeType ?? "CONSUME_PASSIVELY", consumer.MessageModel ?? "CLUSTERING",
                    consumer.ConsumeFromWhere ?? "CONSUME_FROM_LAST_OFFSET", subscriptions, notify))
            {
                _logger.LogInformation("consumer {ClientId} ({Remote}) registered in {Group}", clientId, channel.RemoteAddress, consumer.GroupName);
            }
        }

        foreach (var producer in heartbeat.ProducerDataSet ?? [])
        {
            if (!string.IsNullOrEmpty(producer.GroupName))
            {
                broker.Producers.Register(producer.GroupName, new ClientChannelInfo(channel, clientId, request.Language, request.Version, now));
            }
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand Unregister(RemotingCommand request, ServerChannel channel)
    {
        var header = request.Header<UnregisterClientRequestHeader>();
        if (header.ProducerGroup is { Length: > 0 } producerGroup)
        {
            broker.Producers.Unregister(producerGroup, channel);
        }

        if (header.ConsumerGroup is { Length: > 0 } consumerGroup)
        {
            var notify = broker.Groups.Find(consumerGroup)?.NotifyConsumerIdsChangedEnable ?? true;
            broker.Consumers.Unregister(consumerGroup, channel, notify);
        }

        return RequestHeader.Response(request, ResponseCode.SUCCESS);
    }

    /// <summary>
    /// CHECK_CLIENT_CONFIG (46): compiles a consumer's SQL92 selector before it starts (Java's checkClientConfig):
    /// SUBSCRIPTION_PARSE_FAILED with the parser's message when it does not compile.
    /// </summary>
    public RemotingCommand CheckClientConfig(RemotingCommand request, ServerChannel channel)
    {
        CheckClientBody? body;
        try
        {
            body = request.Body.IsEmpty ? null : JsonSerializer.Deserialize<CheckClientBody>(request.Body.Span, JsonOptions);
        }
        catch (JsonException e)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed check client body: " + e.Message);
        }

        if (body?.SubscriptionData is not { } sub || string.IsNullOrEmpty(sub.ExpressionType) || sub.ExpressionType == "TAG")
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        }

        if (!broker.Config.EnablePropertyFilter)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "The broker does not support consumer to filter message by " + sub.ExpressionType);
        }

        try
        {
            SubscriptionData.Build(sub.Topic ?? "", sub.SubString, sub.ExpressionType);
        }
        catch (FormatException e)
        {
            _logger.LogWarning("Client {ClientId}@{Group} filter message, but failed to compile expression! sub={Sub}, error={Error}", body.ClientId, body.Group, sub.SubString, e.Message);
            return RemotingCommand.CreateResponse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED, e.Message);
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    internal static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, AllowTrailingCommas = true };

    private sealed class HeartbeatBody
    {
        public string? ClientID { get; set; }

        public List<ProducerData>? ProducerDataSet { get; set; }

        public List<ConsumerData>? ConsumerDataSet { get; set; }
    }

    private sealed class CheckClientBody
    {
        public string? ClientId { get; set; }

        public string? Group { get; set; }

        public SubscriptionBody? SubscriptionData { get; set; }
    }

    private sealed class ProducerData
    {
        public string? GroupName { get; set; }
    }

    private sealed class ConsumerData
    {
        public string? GroupName { get; set; }

        public string? ConsumeType { get; set; }

        public string? MessageModel { get; set; }

        public string? ConsumeFromWhere { get; set; }

        public List<SubscriptionBody>? SubscriptionDataSet { get; set; }
    }

    private sealed class SubscriptionBody
    {
        public string? Topic { get; set; }

        public string? SubString { get; set; }

        public string? ExpressionType { get; set; }

        public long SubVersion { get; set; }

        public bool ClassFilterMode { get; set; }
    }
}
