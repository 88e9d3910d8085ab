using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// A registered producer's health: Unhealthy when it is not running or a topic has no route with a reachable broker
/// (the name server is asked when the route is not cached), Healthy otherwise. The topics are
/// <see cref="RocketMQProducerSettings.HealthCheckTopics"/>, or those the producer has sent to.
/// </summary>
internal sealed class ProducerHealthCheck(ProducerHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var producer = host.Producer;
        var data = new Dictionary<string, object> { ["group"] = producer.Group };
        if (!producer.IsRunning)
        {
            return HealthCheckResult.Unhealthy($"RocketMQ producer '{host.Name}' ({producer.Group}) is not running", data: data);
        }

        var topics = host.Settings.HealthCheckTopics.Count > 0 ? host.Settings.HealthCheckTopics : producer.PublishTopicList();
        data["topics"] = topics.Count;
        foreach (var topic in topics)
        {
            try
            {
                var route = await producer.TryToFindTopicPublishInfo(topic, producer.Options.SendMsgTimeout, cancellationToken).ConfigureAwait(false);
                if (route is null || !route.HaveTopicRouterInfo || route.MqList.Count == 0)
                {
                    return HealthCheckResult.Unhealthy($"RocketMQ producer '{host.Name}' ({producer.Group}): no route for topic {topic}", data: data);
                }

                if (route.MqList.All(mq => producer.FindBrokerAddress(mq.BrokerName) is null))
                {
                    return HealthCheckResult.Unhealthy($"RocketMQ producer '{host.Name}' ({producer.Group}): no broker address for topic {topic}", data: data);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"RocketMQ producer '{host.Name}' ({producer.Group}): route lookup of topic {topic} failed: {e.Message}", e, data);
            }
        }

        return HealthCheckResult.Healthy($"RocketMQ producer '{host.Name}' ({producer.Group}) is running; routes of {topics.Count} topic(s) found", data);
    }
}

/// <summary>
/// A hosted push consumer's health: Unhealthy when it is not running, Degraded when a topic's lag exceeds
/// <see cref="RocketMQPushConsumerSettings.LagDegradedThreshold"/>, Healthy otherwise; the data holds the lag per topic.
/// </summary>
internal sealed class PushConsumerHealthCheck(IPushConsumerHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var consumer = host.Consumer;
        if (consumer is null || !consumer.IsRunning)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"RocketMQ push consumer '{host.Name}' is not running"));
        }

        var lag = consumer.GetOffsetDiffMap();
        var data = new Dictionary<string, object> { ["group"] = consumer.ConsumerGroup };
        foreach (var (topic, messages) in lag)
        {
            data[$"lag:{topic}"] = messages;
        }

        if (host.Settings.LagDegradedThreshold is { } threshold && lag.FirstOrDefault(l => l.Value > threshold) is { Key: not null } behind)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"RocketMQ push consumer '{host.Name}' ({consumer.ConsumerGroup}) is {behind.Value} messages behind on {behind.Key} (threshold {threshold})", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"RocketMQ push consumer '{host.Name}' ({consumer.ConsumerGroup}) is running", data));
    }
}
